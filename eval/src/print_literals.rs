//! Characters and strings as Clojure's `pr` writes them (`RT.print`): a
//! character is `\` and its name (`\newline \space \tab \backspace
//! \formfeed \return`) or the character itself, raw, whatever it is (a
//! control character too: `(pr (char 1))` writes a backslash and the byte
//! 1); a string escapes `" \ \n \t \r \f \b` and writes every other
//! character raw. (The reader's own printer, used for `Form`s, writes
//! `\u` escapes of four hex digits instead, which read back the same.)

/// Pushes `c` as `pr` writes a character.
pub(crate) fn push_char_literal(out: &mut String, c: char) {
    out.push('\\');
    match c {
        '\n' => out.push_str("newline"),
        '\t' => out.push_str("tab"),
        ' ' => out.push_str("space"),
        '\u{8}' => out.push_str("backspace"),
        '\u{c}' => out.push_str("formfeed"),
        '\r' => out.push_str("return"),
        c => out.push(c),
    }
}

/// Pushes `s` as `pr` writes a string.
pub(crate) fn push_string_literal(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{c}' => out.push_str("\\f"),
            '\u{8}' => out.push_str("\\b"),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_raw() {
        let mut out = String::new();
        push_char_literal(&mut out, '\u{1}');
        push_char_literal(&mut out, '\n');
        push_string_literal(&mut out, "a\u{1}\"\n\u{7f}");
        assert_eq!(out, "\\\u{1}\\newline\"a\u{1}\\\"\\n\u{7f}\"");
    }
}
