//! Snapshot tests of every piece of reader syntax: each input is shown with
//! the tree it reads as (kinds, values, spans) and how it prints back.

mod common;

use common::{cases, outcomes};
use evelisp_reader::{Conditionals, ReadOptions};

fn opts() -> ReadOptions {
    ReadOptions::default()
}

#[test]
fn collections() {
    insta::assert_snapshot!(cases(
        &[
            "()",
            "(a b c)",
            "[1 [2 [3]] ()]",
            "{:a 1, :b {:c [2]}}",
            "#{1 :a \"s\"}",
            "{}",
            "#{}",
            "(a,b,,c)",
            "[(\n  x\n)\n]",
        ],
        &opts()
    ));
}

#[test]
fn strings() {
    insta::assert_snapshot!(cases(
        &[
            r#""""#,
            r#""hello, world""#,
            r#""tab\there\nnewline \"quoted\" back\\slash""#,
            r#""\r\b\f""#,
            r#""\u00e9\u03bb \u0041""#,
            r#""\101\7\0\377""#,
            "\"multi\nline\"",
            "\"λ 😀 ünïcode\"",
            r#""\uD83D\uDE00 is one character""#,
        ],
        &opts()
    ));
}

#[test]
fn characters() {
    insta::assert_snapshot!(outcomes(
        &[
            r"\a",
            r"\Z",
            r"\newline",
            r"\space",
            r"\tab",
            r"\return",
            r"\backspace",
            r"\formfeed",
            r"\u00e9",
            r"\u0041",
            r"\o101",
            r"\o7",
            r"\u",
            r"\o",
            r"\(",
            r"\)",
            r"\\",
            r"\;",
            r#"\""#,
            r"\λ",
            r"[\a\b]",
            r"(\a)",
        ],
        &opts()
    ));
}

#[test]
fn numbers() {
    insta::assert_snapshot!(outcomes(
        &[
            "0",
            "42",
            "-17",
            "+5",
            "-0",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "1N",
            "-12345678901234567890123N",
            "0xFF",
            "0Xff",
            "-0x10",
            "0xFFN",
            "017",
            "-017",
            "2r1010",
            "36rZZ",
            "16rFF",
            "8R777",
            "1.5",
            "-2.25",
            "1.",
            "1e3",
            "1E-3",
            "1.5e+2",
            "123456789.0",
            "1e10",
            "1e400",
            "1.5M",
            "1.50M",
            "1M",
            "1e3M",
            "-0.001M",
            "1/3",
            "-2/4",
            "4/2",
            "0/5",
            "##Inf",
            "##-Inf",
            "##NaN",
            "-0.0",
            "[1'a]",
            "[1#_2 3]",
            "(f 1%)",
            "1e2147483647M",
            "9e-2147483647M",
        ],
        &opts()
    ));
}

#[test]
fn symbols_and_keywords() {
    insta::assert_snapshot!(cases(
        &[
            "foo",
            "clojure.core/map",
            "clojure.core//",
            "/",
            "+ - * ->> <= .method Class. a.b.c *earmuffs* x' x# %",
            "-foo +bar",
            "nil true false",
            ":a",
            ":ns/a",
            "::a",
            "::alias/a",
            ":a.b/c-d?",
            ":1 :a/1",
            ":/",
        ],
        &opts()
    ));
}

#[test]
fn quoting() {
    insta::assert_snapshot!(cases(
        &[
            "'x",
            "'(a b)",
            "`(a ~b ~@c)",
            "`(foo# ~(inc x))",
            "~ @x",
            "~~@x",
            "''x",
            "@a",
            "@(f x)",
            "#'foo",
            "#'clojure.core/map",
        ],
        &opts()
    ));
}

#[test]
fn metadata() {
    insta::assert_snapshot!(cases(
        &[
            "^:private x",
            "^String x",
            "^\"tag\" x",
            "^{:doc \"d\" :a 1} [1]",
            "^:a ^:b ^{:c 1} (f)",
            "#^:old x",
            "(defn ^:private f [^long x] x)",
            "^:m 'x",
            "^[long String] f",
            "^#:a{:b 1} x",
        ],
        &opts()
    ));
}

#[test]
fn dispatch_forms() {
    insta::assert_snapshot!(cases(
        &[
            "#_ x y",
            "#_#_ a b c",
            "[1 #_ 2 3]",
            "(a #_(b #_c) d)",
            "'#_ a b",
            "#(+ % %2 %&)",
            "#(vector %1 %10)",
            "#\"\\d+\\.\\s*\"",
            "#\"a\\\"b\"",
            "#inst \"2024-01-01T00:00:00Z\"",
            "#uuid \"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"",
            "#my.ns/tag [1 2]",
            "#:person{:name \"a\" :age 3}",
            "#::{:a 1}",
            "#::alias{:a 1}",
            "#:a {:b 1}",
        ],
        &opts()
    ));
}

#[test]
fn comments_and_whitespace() {
    insta::assert_snapshot!(cases(
        &[
            "; a comment\nx ; another\ny",
            "#!/usr/bin/env evelisp\n(println 1)",
            "a #! mid-line shebang comment\nb",
            ",,, x ,,,",
            "\t\r\n  x\u{00a0}y",
            "",
            "   ; only a comment",
        ],
        &opts()
    ));
}

#[test]
fn reader_conditionals_allow() {
    insta::assert_snapshot!(cases(
        &[
            "#?(:clj 1 :evelisp 2)",
            "#?(:clj 1 :default 3)",
            "#?(:clj 1)",
            "[1 #?(:clj 2) 3]",
            "[1 #?@(:evelisp [2 3] :clj [4]) 5]",
            "(a #?@(:evelisp (b c)))",
            "{:a 1 #?@(:evelisp [:b 2])}",
            "'#?(:cljs 1) 2",
            "^#?(:cljs :x) :m y",
            "#?(:evelisp #?(:clj 1 :default 2))",
            "#? (:evelisp 1)",
            "#?(:evelisp (a #?(:evelisp b)))",
            "#?(:cljs 1 :clj 2 :evelisp 3)",
            "#?(:evelisp 3 :clj 2)",
            "[#?@(:clj [#inst \"2020\" #uuid \"1-2-3-4-5\"])]",
        ],
        &opts()
    ));
}

#[test]
fn reader_conditionals_features_and_preserve() {
    let clj = ReadOptions {
        features: ["clj".to_string()].into(),
        ..ReadOptions::default()
    };
    let preserve = ReadOptions {
        conditionals: Conditionals::Preserve,
        ..ReadOptions::default()
    };
    let mut out = String::from("with features #{clj} (no :default):\n");
    out.push_str(&outcomes(
        &[
            "#?(:clj 1 :evelisp 2)",
            "#?(:cljs 1 :default 2)",
            "[#?@(:clj [1 2])]",
        ],
        &clj,
    ));
    out.push_str("preserved:\n");
    out.push_str(&cases(
        &[
            "#?(:clj 1 :evelisp 2)",
            "[#?@(:clj [1 2])]",
            "#?@(:clj [1])",
        ],
        &preserve,
    ));
    insta::assert_snapshot!(out);
}
