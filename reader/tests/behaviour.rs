//! Assertion tests of the reader's behaviour: values, spans, the nesting
//! limit, incomplete-input classification and options.

use evelisp_reader::{
    Conditionals, DEFAULT_MAX_DEPTH, Form, FormKind, Keyword, ReadOptions, Span, Symbol, read,
    read_str,
};
use num_bigint::BigInt;

fn one(src: &str) -> Form {
    let mut forms = read_str(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    assert_eq!(forms.len(), 1, "{src}");
    forms.remove(0)
}

#[test]
fn numbers_have_clojure_values() {
    assert_eq!(one("0xFF").kind, FormKind::Int(255));
    assert_eq!(one("2r1010").kind, FormKind::Int(10));
    assert_eq!(one("017").kind, FormKind::Int(15));
    assert_eq!(one("-0x10").kind, FormKind::Int(-16));
    assert_eq!(one("1e3").kind, FormKind::Float(1000.0));
    assert_eq!(one("4/2").kind, FormKind::Int(2));
    assert_eq!(one("1N").kind, FormKind::BigInt(BigInt::from(1)));
    assert_eq!(
        one("9223372036854775808").kind,
        FormKind::BigInt(BigInt::from(9_223_372_036_854_775_808u64))
    );
    assert_eq!(one("-9223372036854775808").kind, FormKind::Int(i64::MIN));
    match one("-2/4").kind {
        FormKind::Ratio(r) => {
            assert_eq!(*r.numer(), BigInt::from(-1));
            assert_eq!(*r.denom(), BigInt::from(2));
        }
        other => panic!("not a ratio: {other:?}"),
    }
    assert!(matches!(one("##NaN").kind, FormKind::Float(x) if x.is_nan()));
    assert_eq!(one("##-Inf").kind, FormKind::Float(f64::NEG_INFINITY));
    // `-0.0` keeps its sign and is a different form from `0.0`.
    assert_ne!(one("-0.0"), one("0.0"));
}

#[test]
fn number_literals_have_a_length_limit() {
    let long = "1".repeat(evelisp_reader::MAX_NUMBER_LEN + 1);
    let err = read_str(&long).unwrap_err();
    assert!(
        err.to_string().contains("longer than 10000 characters"),
        "{err}"
    );
    // Just under the limit still reads (and is a bigint).
    let ok = "1".repeat(evelisp_reader::MAX_NUMBER_LEN);
    assert!(matches!(one(&ok).kind, FormKind::BigInt(_)));
}

#[test]
fn symbols_keep_namespace_and_keywords_keep_auto() {
    assert_eq!(
        one("clojure.core//").kind,
        FormKind::Symbol(Symbol {
            ns: Some("clojure.core".into()),
            name: "/".into()
        })
    );
    assert_eq!(
        one("::alias/a").kind,
        FormKind::Keyword(Keyword {
            ns: Some("alias".into()),
            name: "a".into(),
            auto: true
        })
    );
    assert_eq!(one("nil").kind, FormKind::Nil);
    assert_eq!(one("x").kind, FormKind::Symbol(Symbol::simple("x")));
}

#[test]
fn spans_cover_exactly_the_source_of_each_form() {
    let src = "(defn f\n  [x] ^:m {:a \"λ\"})";
    let form = one(src);
    assert_eq!(form.span, Span::new(0, src.len()));
    let FormKind::List(items) = &form.kind else {
        panic!("not a list")
    };
    let texts: Vec<&str> = items
        .iter()
        .map(|f| &src[f.span.start..f.span.end])
        .collect();
    assert_eq!(texts, ["defn", "f", "[x]", "^:m {:a \"λ\"}"]);
}

#[test]
fn incomplete_only_when_more_input_could_help() {
    for src in [
        "(",
        "[1 2",
        "\"abc",
        "'",
        "#_",
        "\\",
        "#?(:clj",
        "(a ;; comment",
    ] {
        let err = read_str(src).unwrap_err();
        assert!(err.is_incomplete(), "{src}: {err}");
    }
    for src in [")", "(]", "1.2.3", "{:a}", "\\foo", "#=x"] {
        let err = read_str(src).unwrap_err();
        assert!(!err.is_incomplete(), "{src}: {err}");
    }
    // Adding the missing text completes it.
    assert!(read_str("(defn f [x]\n").unwrap_err().is_incomplete());
    assert_eq!(read_str("(defn f [x]\n  x)").unwrap().len(), 1);
}

#[test]
fn nesting_is_limited_not_a_crash() {
    let nested = |n: usize| format!("{}x{}", "(".repeat(n), ")".repeat(n));
    assert!(read_str(&nested(DEFAULT_MAX_DEPTH)).is_ok());
    let err = read_str(&nested(DEFAULT_MAX_DEPTH + 1)).unwrap_err();
    assert_eq!(
        err.kind,
        evelisp_reader::ReadErrorKind::TooDeep(DEFAULT_MAX_DEPTH)
    );
    // Far deeper input, and deep chains of prefixes, fail cleanly too.
    assert!(read_str(&nested(1_000_000)).is_err());
    assert!(read_str(&format!("{}x", "'".repeat(1_000_000))).is_err());
    assert!(read_str(&format!("{}x", "^:m ".repeat(1_000_000))).is_err());
    assert!(read_str(&"[".repeat(1_000_000)).is_err());
    // Prefixes count as levels: 999 quotes inside one list is the limit.
    assert!(read_str(&format!("({}x)", "'".repeat(DEFAULT_MAX_DEPTH - 1))).is_ok());
    assert!(read_str(&format!("({}x)", "'".repeat(DEFAULT_MAX_DEPTH))).is_err());
    // A smaller limit can be chosen.
    let opts = ReadOptions {
        max_depth: 3,
        ..ReadOptions::default()
    };
    assert!(read("[[[x]]]", &opts).is_ok());
    assert!(read("[[[[x]]]]", &opts).is_err());
}

#[test]
fn deep_input_reads_on_a_small_stack() {
    // The parser recurses per level; the reader supplies the stack itself,
    // so a thread with a tiny stack can still read deep input. (The forms
    // are dropped on the test's own thread: dropping recurses too.)
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let options = ReadOptions {
                max_depth: 4000,
                ..ReadOptions::default()
            };
            let src = format!("{}x{}", "([#{".repeat(1300), "}])".repeat(1300));
            read(&src, &options)
        })
        .expect("thread starts");
    let forms = handle.join().expect("no stack overflow").expect("reads");
    assert_eq!(forms.len(), 1);
}

#[test]
fn discard_takes_exactly_one_form_after_its_own_discards() {
    let forms = read_str("#_ #_ a b c #_ d").unwrap();
    assert_eq!(forms, read_str("c").unwrap());
    assert_eq!(read_str("'#_ a b").unwrap(), read_str("'b").unwrap());
    assert_eq!(read_str("^#_ a :m x").unwrap(), read_str("^:m x").unwrap());
}

#[test]
fn reader_conditionals_follow_the_feature_set() {
    let evelisp_only = ReadOptions {
        features: ["evelisp".to_string()].into(),
        ..ReadOptions::default()
    };
    assert_eq!(
        read("#?(:clj 1 :evelisp 2)", &evelisp_only).unwrap(),
        read_str("2").unwrap()
    );
    // By default both `:evelisp` and `:clj` are enabled: the first of
    // them in the conditional wins.
    assert_eq!(
        read_str("#?(:clj 1 :evelisp 2)").unwrap(),
        read_str("1").unwrap()
    );
    assert_eq!(
        read_str("#?(:evelisp 2 :clj 1)").unwrap(),
        read_str("2").unwrap()
    );
    assert_eq!(
        read_str("#?(:cljs 0 :clj 1)").unwrap(),
        read_str("1").unwrap()
    );
    // Order decides, not specificity.
    assert_eq!(
        read_str("#?(:default 0 :evelisp 2)").unwrap(),
        read_str("0").unwrap()
    );
    // Preserved conditionals print back as written.
    let preserve = ReadOptions {
        conditionals: Conditionals::Preserve,
        ..ReadOptions::default()
    };
    let forms = read("[#?@(:clj [1] :evelisp [2])]", &preserve).unwrap();
    assert_eq!(forms[0].to_string(), "[#?@(:clj [1] :evelisp [2])]");
}

#[test]
fn printing_round_trips_tricky_forms() {
    for src in [
        "~ @x",
        "~~@x",
        "\\u0000",
        "\"\\u0001\\n\"",
        "\\,",
        "#\"\\\"\"",
        "1.0E-5",
        "1E+3M",
        "^\"s\" x",
        "#::{:a 1}",
        "'clojure.core//",
    ] {
        let forms = read_str(src).unwrap();
        let printed: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
        let again = read_str(&printed.join(" ")).unwrap();
        assert_eq!(forms, again, "{src} printed as {printed:?}");
    }
}
