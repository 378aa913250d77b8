//! Tests of form → heap value conversion ([`evelisp_eval::form_to_value`]) and
//! heap value printing ([`evelisp_eval::print`]): a snapshot of a corpus of
//! literals read, desugared, converted and printed back; snapshots of the
//! unsupported literals' errors; the round trip
//! `print(convert(read(s))) == reader_print(read(s))` on a table and on
//! generated forms; atoms, vars, namespaces and functions; source
//! positions; and nesting 10,000 deep on a small thread.

use evelisp_eval::{Context, desugar};
use evelisp_eval::{ConvertErrorKind, Positions, form_to_value};
use evelisp_eval::{pr_str, print_str, print_value, print_value_in};
use evelisp_heap::{Env, EnvOptions, Value};
use evelisp_reader::{Form, FormKind, Keyword, Name, Span, Symbol, read_str};
use proptest::prelude::*;
use std::fmt::Write;

/// Namespace `user`, alias `str` for `clojure.string`, a few vars.
struct TestNamespaces {
    next: u64,
}

impl Context for TestNamespaces {
    fn current_ns(&self) -> Name {
        "user".into()
    }
    fn resolve_alias(&self, alias: &str) -> Option<Name> {
        (alias == "str").then(|| "clojure.string".into())
    }
    fn var_namespace(&self, name: &str) -> Option<Name> {
        matches!(name, "inc" | "str" | "list" | "seq" | "concat").then(|| "clojure.core".into())
    }
    fn next_id(&mut self) -> u64 {
        self.next += 1;
        self.next
    }
}

/// A fresh env file in a temporary directory (kept alive with the env).
fn env() -> (tempfile::TempDir, Env) {
    let dir = tempfile::tempdir().expect("tempdir");
    let env = Env::open_with(
        dir.path().join("t.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .expect("open env");
    (dir, env)
}

/// Reads and desugars every form of `source`.
fn read_desugared(source: &str) -> Vec<Form> {
    let mut cx = TestNamespaces { next: 0 };
    read_str(source)
        .expect("test input reads")
        .into_iter()
        .map(|f| desugar(f, &mut cx).expect("test input desugars"))
        .collect()
}

/// `pr` and `print` of every form of `source`, or the conversion error.
fn show(env: &Env, source: &str) -> String {
    let mut out = String::new();
    let mut positions = Positions::new();
    for form in read_desugared(source) {
        match form_to_value(env, &form, &mut positions) {
            Ok(v) => {
                let pr = pr_str(v.borrowed()).expect("pr");
                // Control characters shown escaped, to keep snapshots text.
                let print: String = print_str(v.borrowed())
                    .expect("print")
                    .chars()
                    .map(|c| match c {
                        c if c.is_control() => c.escape_unicode().to_string(),
                        c => c.to_string(),
                    })
                    .collect();
                if pr == print {
                    let _ = write!(out, "{pr}");
                } else {
                    let _ = write!(out, "{pr}  (print: {print})");
                }
            }
            Err(e) => {
                let _ = write!(out, "error at {}..{}: {e}", e.span.start, e.span.end);
            }
        }
    }
    out
}

fn table(inputs: &[&str]) -> String {
    let (_dir, env) = env();
    let mut out = String::new();
    for input in inputs {
        let _ = writeln!(out, "{input}\n  => {}", show(&env, input));
    }
    out
}

#[test]
fn literal_corpus() {
    insta::assert_snapshot!(table(&[
        "nil",
        "true",
        "false",
        "0",
        "-1",
        "42",
        "0xFF",
        "4611686018427387903",
        "4611686018427387904",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "-9223372036854775809",
        "1N",
        "-5N",
        "123456789012345678901234567890",
        "1.0",
        "-0.0",
        "1.5",
        "100.0",
        "1e10",
        "1e-5",
        "0.001",
        "1234567.0",
        "123456.789",
        "1.7976931348623157E308",
        "4.9E-324",
        "##Inf",
        "##-Inf",
        "##NaN",
        "1/3",
        "-2/4",
        "12345678901234567890123/7",
        "1/12345678901234567890123",
        "\\a",
        "\\newline",
        "\\space",
        "\\tab",
        "\\return",
        "\\backspace",
        "\\formfeed",
        "\\u00e9",
        "\\u0000",
        "\\\\",
        "\"hi\"",
        "\"\"",
        r#""a\nb\t\"c\"\\d""#,
        "\"λ → ✓\"",
        "foo",
        "ns/foo",
        "clojure.core//",
        "+",
        ":a",
        ":ns/a",
        "()",
        "(1 2 3)",
        "(())",
        "[]",
        "[1 [2 [3 []]]]",
        "[\"s\" \\c :k sym]",
        "{}",
        "{:a 1 :b 2}",
        "{:a 1 :b 2 :c 3 :d 4 :e 5 :f 6 :g 7 :h 8}",
        "{[1 2] {:x #{}}}",
        "#{}",
        "#{1}",
        "#{1 2 3}",
        "#{[1] \"a\"}",
        "(defn f [x] (+ x 1))",
    ]));
}

#[test]
fn desugared_sugar() {
    insta::assert_snapshot!(table(&[
        "'x",
        "'(1 2)",
        "@a",
        "#'inc",
        "::k",
        "::str/k",
        "#:ns{:a 1 :_/b 2}",
        "^:private [1 2]",
        "^{:doc \"d\"} (f)",
        "`(inc ~x)",
        "#(+ % 1)",
        "#?(:evelisp 1 :clj 2)",
    ]));
}

/// Decimals print as Java's `BigDecimal.toString` plus `M`, keeping their
/// scale (each line checked against Clojure 1.11's `pr-str`).
#[test]
fn decimal_literals() {
    insta::assert_snapshot!(table(&[
        "1.5M",
        "1.50M",
        "[1 2.50M]",
        "-0.5M",
        "0.0000001M",
        "1.0E-10M",
        "1E+3M",
        "1e5M",
        "10E-2M",
        "123456789.123M",
        "12345678901234567890.123456789M",
        "#{1.5M 1.50M}",
        "{1.0M :a 1M :b}",
        "1E+2147483648M",
    ]));
}

#[test]
fn unsupported_literals() {
    insta::assert_snapshot!(table(&[
        "#\"re[a-z]+\"",
        "#inst \"2020-01-01T00:00:00Z\"",
        "#uuid \"5f1b0c9e-6a2e-4f1e-9d3c-2b7c1f1b0c9e\"",
        "#my/tag [1]",
        "(f {:re #\"x\"})",
        "{1 :a 1N :b}",
        "#{1 1N}",
    ]));
}

#[test]
fn undesugared_forms_are_errors() {
    let (_dir, env) = env();
    let mut positions = Positions::new();
    for (source, what) in [
        ("'x", "quoted form"),
        ("@a", "deref"),
        ("#(inc %)", "#() function"),
        ("::k", "auto-resolved keyword"),
        ("#:a{:b 1}", "map"),
    ] {
        let form = &read_str(source).expect("reads")[0];
        let err = form_to_value(&env, form, &mut positions).expect_err("sugar");
        assert!(
            matches!(err.kind, ConvertErrorKind::NotDesugared(w) if w == what),
            "{source}: {err}"
        );
        assert_eq!(err.span, form.span);
    }
}

/// Cases whose printed value must equal the reader's printing of the form
/// (maps of up to 8 entries keep source order; sets of one element).
const ROUND_TRIP: &[&str] = &[
    "nil",
    "true",
    "-42",
    "9223372036854775807",
    "99999999999999999999",
    "7N",
    "0.1",
    "-1.0E-10",
    "6.02E23",
    "##NaN",
    "22/7",
    "-1/99999999999999999999",
    "\\x",
    "\\newline",
    "\\u0001",
    "\"tab\\there\"",
    "\"\\u0007\"",
    "a.b/c",
    ":k",
    ":a.b/c",
    "(a (b (c)) [])",
    "[() [] {} #{}]",
    "{:a [1 2], \"b\" {:c #{:d}}}",
    "#{(1 2)}",
    "(quote (1 2))",
];

#[test]
fn round_trip_table() {
    let (_dir, env) = env();
    for source in ROUND_TRIP {
        let forms = read_str(source).expect("reads");
        let expected = forms[0].to_string();
        let mut positions = Positions::new();
        let v = form_to_value(&env, &forms[0], &mut positions).expect("converts");
        let printed = pr_str(v.borrowed()).expect("pr");
        // Control characters print raw, as Clojure's `pr` writes them (the
        // reader's printer escapes them); either text reads back the same.
        if printed.chars().any(char::is_control) {
            assert_eq!(read_str(&printed).expect("reads"), forms, "{source}");
            assert_ne!(printed, expected, "{source}: raw, not escaped");
        } else {
            assert_eq!(printed, expected, "{source}");
        }
    }
}

#[test]
fn reprinted_values_are_equal() {
    // Sets and large maps print in hash order, so compare values instead.
    let (_dir, env) = env();
    let mut positions = Positions::new();
    for source in [
        "#{1 2 3 4 5 6 7 8 9 10}",
        "{:a 1 :b 2 :c 3 :d 4 :e 5 :f 6 :g 7 :h 8 :i 9 :j 10}",
        "[#{:x :y} {1 2 3 4}]",
    ] {
        let form = &read_desugared(source)[0];
        let v = form_to_value(&env, form, &mut positions).expect("converts");
        let text = pr_str(v.borrowed()).expect("pr");
        let again = form_to_value(&env, &read_desugared(&text)[0], &mut positions)
            .expect("reprinted text converts");
        assert!(
            v.borrowed().equals(again.borrowed()).expect("equals"),
            "{source} printed as {text}"
        );
    }
}

fn arb_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9*+!?<>=-]{0,6}".prop_filter("not a constant", |s| {
        !matches!(s.as_str(), "nil" | "true" | "false")
    })
}

fn form(kind: FormKind) -> Form {
    Form::new(kind, Span::default())
}

fn arb_leaf() -> impl Strategy<Value = Form> {
    prop_oneof![
        Just(FormKind::Nil),
        any::<bool>().prop_map(FormKind::Bool),
        any::<i64>().prop_map(FormKind::Int),
        any::<f64>().prop_map(FormKind::Float),
        any::<char>().prop_map(FormKind::Char),
        any::<String>().prop_map(FormKind::Str),
        (proptest::option::of(arb_name()), arb_name()).prop_map(|(ns, name)| {
            FormKind::Symbol(Symbol {
                ns: ns.map(Name::from),
                name: name.into(),
            })
        }),
        (proptest::option::of(arb_name()), arb_name()).prop_map(|(ns, name)| {
            FormKind::Keyword(Keyword {
                ns: ns.map(Name::from),
                name: name.into(),
                auto: false,
            })
        }),
    ]
    .prop_map(form)
}

fn arb_form() -> impl Strategy<Value = Form> {
    arb_leaf().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(|v| form(FormKind::List(v))),
            proptest::collection::vec(inner.clone(), 0..6).prop_map(|v| form(FormKind::Vector(v))),
            proptest::option::of(inner.clone())
                .prop_map(|x| form(FormKind::Set(x.into_iter().collect()))),
            // Distinct integer keys, up to 8 (an array map keeps order).
            (
                proptest::collection::btree_set(any::<i64>(), 0..8),
                inner.clone()
            )
                .prop_map(|(keys, v)| {
                    let items = keys
                        .into_iter()
                        .flat_map(|k| [form(FormKind::Int(k)), v.clone()])
                        .collect();
                    form(FormKind::Map(items))
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn printing_a_converted_form_matches_the_reader_printer(f in arb_form()) {
        let (_dir, env) = env();
        let text = f.to_string();
        let read = read_str(&text).expect("printed form reads");
        prop_assert_eq!(read.len(), 1);
        let mut positions = Positions::new();
        let v = form_to_value(&env, &read[0], &mut positions).expect("converts");
        // `pr` writes control characters raw, as Clojure's (the reader's
        // printer escapes them): its text reads back as the same form,
        // and is the reader printer's text when it holds none.
        let printed = pr_str(v.borrowed()).expect("pr");
        let reread = read_str(&printed).expect("pr's text reads");
        prop_assert_eq!(&reread, &read);
        if !printed.chars().any(|c| c.is_control() || (c.is_whitespace() && c != ' ')) {
            prop_assert_eq!(printed, read[0].to_string());
        }
    }
}

#[test]
fn print_is_not_readable() {
    let (_dir, env) = env();
    assert_eq!(
        show(&env, "[\"a b\" \\c \\space {\"k\" \"v\"}]"),
        "[\"a b\" \\c \\space {\"k\" \"v\"}]  (print: [a b c   {k v}])"
    );
}

#[test]
fn reference_objects() {
    let (_dir, env) = env();
    let p = env.participant().expect("participant");
    let sym = |ns: Option<&str>, name: &str| env.intern_symbol(ns, name).expect("symbol");

    let ns = env
        .namespace(&p, sym(None, "my.ns").borrowed())
        .expect("ns");
    assert_eq!(pr_str(ns.borrowed()).expect("pr"), "#namespace[my.ns]");

    let var = env
        .intern_var(&p, ns.borrowed(), sym(None, "x").borrowed())
        .expect("var");
    assert_eq!(pr_str(var.borrowed()).expect("pr"), "#'my.ns/x");

    let nil = Value::nil(&env);
    let code = env
        .new_code(nil.borrowed(), nil.borrowed(), &[1, 2, 3])
        .expect("code");
    assert_eq!(pr_str(code.borrowed()).expect("pr"), "#<code>");

    let named = env
        .new_fn(
            code.borrowed(),
            nil.borrowed(),
            sym(Some("my.ns"), "f").borrowed(),
        )
        .expect("fn");
    assert_eq!(pr_str(named.borrowed()).expect("pr"), "#function[my.ns/f]");
    let anonymous = env
        .new_fn(code.borrowed(), nil.borrowed(), nil.borrowed())
        .expect("fn");
    assert_eq!(
        pr_str(anonymous.borrowed()).expect("pr"),
        "#function[anonymous]"
    );

    let mut positions = Positions::new();
    let init =
        form_to_value(&env, &read_desugared("{:a \"s\"}")[0], &mut positions).expect("converts");
    let atom = env.make_atom(init).expect("atom");
    // As Clojure's #object[clojure.lang.Atom 0x… {:status :ready, :val …}],
    // the hex being the atom's offset in the file.
    let hex = |a: &Value<'_>| format!("0x{:x}", a.word().as_object().expect("object"));
    let shown = |a: &Value<'_>, val: &str| {
        format!(
            "#object[clojure.lang.Atom {} {{:status :ready, :val {val}}}]",
            hex(a)
        )
    };
    assert_eq!(
        pr_str(atom.borrowed()).expect("pr"),
        shown(&atom, "{:a \"s\"}")
    );
    assert_eq!(
        print_str(atom.borrowed()).expect("print"),
        shown(&atom, "{:a s}")
    );
    let mut out = String::new();
    print_value_in(atom.borrowed(), true, &p, &mut out).expect("print with participant");
    assert_eq!(out, shown(&atom, "{:a \"s\"}"));

    // An atom holding a vector of itself stops at the cycle.
    let root = env.atom_root(atom.borrowed()).expect("root");
    let me = env.make_vector(&[atom.borrowed()]).expect("vector");
    root.reset(&p, me).expect("reset");
    assert_eq!(
        pr_str(atom.borrowed()).expect("pr"),
        shown(&atom, &format!("[{}]", shown(&atom, "…")))
    );
    // Break the cycle so the atom can be freed.
    root.reset(&p, Value::nil(&env)).expect("reset");
    drop(root);

    // Atoms nested in collections, printed with the caller's participant.
    let inner = env.make_atom(env.make_int(1).expect("int")).expect("atom");
    let v = env
        .make_vector(&[inner.borrowed(), var.borrowed(), ns.borrowed()])
        .expect("vector");
    let mut out = String::new();
    print_value(v.borrowed(), true, &mut out).expect("print");
    assert_eq!(
        out,
        format!("[{} #'my.ns/x #namespace[my.ns]]", shown(&inner, "1"))
    );
}

#[test]
fn positions_of_lists_and_vectors() {
    let (_dir, env) = env();
    let source = "(let [x (f 1)]\n  [x ()])";
    let form = &read_desugared(source)[0];
    let mut positions = Positions::new();
    let v = form_to_value(&env, form, &mut positions).expect("converts");
    let top = v.borrowed();
    let text = |r: evelisp_heap::Ref<'_>| positions.get(r.word()).map(|s| &source[s.start..s.end]);
    assert_eq!(text(top), Some(source));
    let bindings = top.nth(1).expect("nth");
    assert_eq!(text(bindings), Some("[x (f 1)]"));
    assert_eq!(text(bindings.nth(1).expect("nth")), Some("(f 1)"));
    let body = top.nth(2).expect("nth");
    assert_eq!(text(body), Some("[x ()]"));
    // `()` is an immediate: never recorded.
    assert_eq!(text(body.nth(1).expect("nth")), None);
    // Only lists and vectors are recorded (the symbol and number are not).
    assert_eq!(positions.len(), 4);
    assert_eq!(text(top.nth(0).expect("nth")), None);
}

#[test]
fn metadata_is_dropped() {
    let (_dir, env) = env();
    assert_eq!(show(&env, "^:dynamic ^{:doc \"d\"} [a ^long b]"), "[a b]");
}

#[test]
fn ten_thousand_deep_vector_on_a_small_thread() {
    const DEPTH: usize = 10_000;
    // Building and dropping the nested `Form` recurses: do it on a large
    // stack; convert and print on a 256 KiB one.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let mut form = form(FormKind::Int(1));
            for _ in 0..DEPTH {
                form = Form::new(FormKind::Vector(vec![form]), Span::default());
            }
            let form = &form;
            std::thread::scope(|s| {
                std::thread::Builder::new()
                    .stack_size(256 * 1024)
                    .spawn_scoped(s, move || {
                        let (_dir, env) = env();
                        let mut positions = Positions::new();
                        let v = form_to_value(&env, form, &mut positions).expect("converts");
                        assert_eq!(positions.len(), DEPTH);
                        let text = pr_str(v.borrowed()).expect("prints");
                        let expected = format!("{}1{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
                        assert_eq!(text, expected);
                        // The reader printer agrees.
                        assert_eq!(form.to_string(), expected);
                    })
                    .expect("spawn small thread")
                    .join()
                    .expect("small thread");
            });
        })
        .expect("spawn")
        .join()
        .expect("large thread");
}
