//! The streaming [`Reader`]: one top-level form at a time, forms before a
//! syntax error still delivered, and the same forms as `read` overall.

use evelisp_reader::{Conditionals, ReadOptions, Reader, read, read_str};

fn stream(src: &str) -> Vec<String> {
    Reader::new(src, &ReadOptions::for_file("s.clj"))
        .map(|r| match r {
            Ok(f) => f.to_string(),
            Err(e) => format!("error: {e}"),
        })
        .collect()
}

#[test]
fn forms_come_one_at_a_time_and_stop_at_an_error() {
    assert_eq!(stream("(def a 1)\n(def b 2)"), ["(def a 1)", "(def b 2)"]);
    assert_eq!(
        stream("(ok 1) [ok 2] (bad]) (never)"),
        [
            "(ok 1)",
            "[ok 2]",
            "error: s.clj:1:19: unmatched ']': expected ')' to close '(' at 1:15"
        ]
    );
    // An incomplete last form is reported after the complete ones.
    let out = stream("(a) (b");
    assert_eq!(out[0], "(a)");
    assert!(
        out[1].contains("unterminated list starting at 1:5"),
        "{out:?}"
    );
    assert_eq!(out.len(), 2);
}

#[test]
fn forms_before_an_unfinished_tail_are_delivered() {
    // The first form is delivered; the unfinished rest is an incomplete error.
    let src = "(first) \"never terminated";
    let mut forms = Reader::new(src, &ReadOptions::default());
    assert_eq!(forms.next().unwrap().unwrap().to_string(), "(first)");
    assert!(forms.next().unwrap().unwrap_err().is_incomplete());
}

#[test]
fn discards_and_conditionals_between_forms() {
    assert_eq!(stream("#_ x (a) #_ y"), ["(a)"]);
    assert_eq!(stream("#?(:cljs 1) (a) #?(:evelisp 2)"), ["(a)", "2"]);
    // A prefix whose conditional vanishes takes the next top-level form.
    assert_eq!(stream("'#?(:cljs 1) 2 3"), ["'2", "3"]);
    assert_eq!(stream("[#?@(:evelisp [1 2])] x"), ["[1 2]", "x"]);
    assert_eq!(stream(""), Vec::<String>::new());
    assert_eq!(stream("  ; only a comment\n"), Vec::<String>::new());
}

#[test]
fn streaming_reads_the_same_forms_as_read() {
    for src in [
        "(ns a) (defn f [x] ^:m #{x}) 'q `(a ~b) #(+ % 1)",
        "#?(:clj 1 :evelisp 2) #?@(:evelisp [3 4]) 5",
        "{:a 1} #:n{:b 2} ::k #inst \"x\" \\c \"s\" 1/2",
    ] {
        for conditionals in [Conditionals::Allow, Conditionals::Preserve] {
            let options = ReadOptions {
                conditionals,
                ..ReadOptions::default()
            };
            let streamed: Result<Vec<_>, _> = Reader::new(src, &options).collect();
            assert_eq!(streamed, read(src, &options), "{src}");
        }
    }
    // Top-level splicing stays an error when streaming.
    let streamed: Result<Vec<_>, _> =
        Reader::new("#?@(:evelisp [1])", &ReadOptions::default()).collect();
    assert_eq!(streamed, read_str("#?@(:evelisp [1])"));
}

#[test]
fn the_first_error_in_the_text_is_the_one_reported() {
    // Found by fuzzing: `{d}` (odd) comes before the stray `]`; both modes
    // must report the odd map.
    for src in [
        "{d}]",
        "\0\0a\u{91d}9\0\0\u{11}\0NN{d}]\0)",
        "(ok) {d} 1.2.3",
    ] {
        let whole = read_str(src).unwrap_err();
        assert_eq!(
            whole.kind,
            evelisp_reader::ReadErrorKind::OddMap,
            "{src:?}: {whole}"
        );
        let streamed: Vec<_> = Reader::new(src, &ReadOptions::default()).collect();
        assert_eq!(streamed.last(), Some(&Err(whole)), "{src:?}");
    }
}

#[test]
fn errors_are_the_same_whole_or_streamed_around_conditionals() {
    // Found by fuzzing: a conditional's error (a syntax-quote whose
    // conditional selects nothing) comes before an odd map later in the
    // text; reading whole must not report the later error first.
    for src in [
        "[4 `#?@(:nope [1])] x #:p{:a}",
        "(a) [4 `#?@(:nope [1])] (b) {:odd}",
        "[ '#?(:cljs 1) ] x (",
    ] {
        let whole = read_str(src);
        let streamed: Vec<_> = Reader::new(src, &ReadOptions::default()).collect();
        let whole_err = whole.expect_err(src);
        assert_eq!(streamed.last(), Some(&Err(whole_err)), "{src:?}");
    }
}
