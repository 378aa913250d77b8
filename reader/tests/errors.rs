//! Snapshot tests of every reader error message, each shown as a user sees
//! it (`file:line:column: message`) and marked when it is incomplete input.

mod common;

use common::outcomes;
use evelisp_reader::{ReadOptions, read};

fn file() -> ReadOptions {
    ReadOptions::for_file("test.clj")
}

#[test]
fn incomplete_input() {
    insta::assert_snapshot!(outcomes(
        &[
            "(",
            "(defn f [x]\n  (+ x 1)",
            "[1 2",
            "{:a",
            "#{",
            "#(",
            "#?(:clj",
            "#:a{",
            "\"abc",
            "(str \"line1\nline2",
            "\"ends in escape\\",
            "\"\\u12",
            "\"\\uD83D",
            "\"\\uD83D\\uDE",
            "#\"abc",
            "'",
            "@",
            "^:m",
            "^",
            "#_",
            "#'",
            "#inst",
            "`(a ~",
            "\\",
            "#",
            "#?",
            "(a #_",
        ],
        &file()
    ));
}

#[test]
fn syntax_errors() {
    insta::assert_snapshot!(outcomes(
        &[
            ")",
            "(a))",
            "(a]",
            "[a)",
            "#{a)",
            "{:a 1]",
            "#(a]",
            "(')",
            "[1 @]",
            "(^:m)",
            "(#_)",
            "1.2.3",
            "1x",
            "09",
            "1/0",
            "1/2N",
            "1.5N",
            "37r10",
            "2r102",
            "0xZZ",
            "\\foo",
            "\\u12345",
            "\\uZZZZ",
            "\\o400",
            "\\ud800",
            "\"bad \\q escape\"",
            "\"\\u00zz\"",
            "\"\\400\"",
            "##Foo",
            "## Inf",
            "#=(+ 1 2)",
            "#<object>",
            "#%",
            "#:{:a 1}",
            "#:a/b{:a 1}",
            "#:a [1]",
            "#? [1]",
            "a/b/c",
            "a/",
            "/a",
            "a:",
            "a::b",
            ":",
            "::",
            ":::a",
            ":a:",
            "{:a}",
            "{:a 1 :a 2}",
            "#{1 2 1}",
            "#{[1 2] [1 2]}",
            "#(a #(b))",
            "#(%x)",
            "#(%0)",
            "^1 x",
            "^[1] x",
            "^:m 1",
            "^:m \"s\"",
            "^:m :k",
            "#?(:clj)",
            "#?(1 2)",
            "#?@(:evelisp [1])",
            "[#?@(:evelisp 1)]",
            "'#?(:cljs 1)",
            "'#?@(:evelisp [1 2])",
            "#(%21)",
            "#(%4294967296)",
            "1e-9223372036854775808M",
            "1.5e-9223372036854775807M",
            "1e2147483648M",
            "0x1_0",
            "0x-1",
            "-0x-1",
            "0x+F",
            "::/",
            "#?(:else 1)",
            "#?(:none 1 :evelisp 2)",
            "#nil x",
            "#true x",
            "#:nil{:a 1}",
            "#:+1{:a 1}",
            r#""\uD83D alone""#,
            r#""\uDE00 alone""#,
            r#""\uD83D\u0041""#,
        ],
        &file()
    ));
}

#[test]
fn nesting_too_deep() {
    let options = ReadOptions {
        max_depth: 4,
        ..file()
    };
    insta::assert_snapshot!(outcomes(
        &["[[[[x]]]]", "[[[[[x]]]]]", "[[['''x]]]"],
        &options
    ));
}

#[test]
fn errors_revealed_by_resolving_conditionals() {
    insta::assert_snapshot!(outcomes(
        &[
            "{:a 1 #?@(:evelisp [:a 2])}",
            "{:a 1 #?(:evelisp :b)}",
            "{#?(:cljs :x) 1}",
            "#{1 #?(:evelisp 1)}",
            "[#{1 #?@(:evelisp [2 2])}]",
            "^#?(:evelisp 1) x",
            "^:m #?(:evelisp 1)",
            "#(a #?(:evelisp #(b)))",
            "#(#?(:clj %x))",
            "(ok) (also ok) {:a 1 :b #?(:evelisp 2)}",
        ],
        &file()
    ));
}

#[test]
fn error_positions_are_line_and_column() {
    let src = "(ns demo)\n\n(defn f [x]\n  (str \"ok\" \\qq))\n";
    let err = read(src, &file()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "test.clj:4:13: invalid character name '\\qq'"
    );
    assert_eq!(&src[err.span.start..err.span.end], "\\qq");
    assert!(!err.is_incomplete());

    let err = read("(a\n  \"unterminated", &file()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "test.clj:2:16: unterminated string starting at 2:3"
    );
    assert!(err.is_incomplete());

    // Without a file name, only line and column.
    let err = read("  )", &ReadOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "1:3: unmatched ')'");
}
