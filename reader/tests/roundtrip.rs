//! Property test: any form prints as text that reads back to an equal form.

use evelisp_reader::{
    BigDecimal, Conditionals, Form, FormKind, Keyword, MapNamespace, Name, ReadOptions, Reader,
    Span, Symbol, read,
};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;
use std::collections::HashSet;

fn f(kind: FormKind) -> Form {
    Form::new(kind, Span::default())
}

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z*!_?<>=.][a-zA-Z0-9*+!_?<>=.#'-]{0,6}|[+-]([a-zA-Z*!_?<>=.#'-][a-zA-Z0-9*!_?<>=.-]{0,4})?"
        .prop_filter("literal", |s| !matches!(s.as_str(), "nil" | "true" | "false"))
}

fn symbol() -> impl Strategy<Value = Symbol> {
    (proptest::option::of(name()), name(), any::<u8>()).prop_map(|(ns, name, r)| {
        let (ns, name): (Option<Name>, Name) = (ns.map(Into::into), name.into());
        if ns.is_some() && r < 10 {
            return Symbol {
                ns,
                name: "/".into(),
            };
        }
        Symbol { ns, name }
    })
}

fn keyword() -> impl Strategy<Value = Keyword> {
    let kname = "[a-zA-Z0-9*+!_?<>=.-][a-zA-Z0-9*+!_?<>=.#'-]{0,6}";
    (proptest::option::of(name()), kname, any::<bool>()).prop_map(|(ns, name, auto)| {
        // After a `/`, a name may not start with a digit (`:a/1` is invalid).
        let name = match &ns {
            Some(_) if name.starts_with(|c: char| c.is_ascii_digit()) => format!("k{name}"),
            _ => name,
        };
        Keyword {
            ns: ns.map(Into::into),
            name: name.into(),
            auto,
        }
    })
}

fn leaf() -> impl Strategy<Value = Form> {
    prop_oneof![
        Just(f(FormKind::Nil)),
        any::<bool>().prop_map(|b| f(FormKind::Bool(b))),
        any::<i64>().prop_map(|i| f(FormKind::Int(i))),
        any::<i128>().prop_map(|i| f(FormKind::BigInt(BigInt::from(i)))),
        any::<f64>().prop_map(|x| f(FormKind::Float(if x.is_nan() { f64::NAN } else { x }))),
        (any::<i64>(), -20i64..20).prop_map(|(u, scale)| f(FormKind::BigDecimal(BigDecimal {
            unscaled: BigInt::from(u),
            scale
        }))),
        (any::<i64>(), 2i64..i64::MAX).prop_map(|(n, d)| {
            let r = BigRational::new(BigInt::from(n), BigInt::from(d));
            f(if r.is_integer() {
                FormKind::BigInt(r.to_integer())
            } else {
                FormKind::Ratio(r)
            })
        }),
        any::<char>().prop_map(|c| f(FormKind::Char(c))),
        any::<String>().prop_map(|s| f(FormKind::Str(s))),
        r#"([^"\\]|\\[^\n])*"#.prop_map(|s| f(FormKind::Regex(s))),
        symbol().prop_map(|s| f(FormKind::Symbol(s))),
        keyword().prop_map(|k| f(FormKind::Keyword(k))),
    ]
}

fn form() -> impl Strategy<Value = Form> {
    leaf()
        .prop_recursive(5, 64, 6, |inner| {
            let items = prop::collection::vec(inner.clone(), 0..6);
            let boxed = inner.clone().prop_map(Box::new);
            let meta = prop_oneof![
                keyword().prop_map(|k| f(FormKind::Keyword(k))),
                symbol().prop_map(|s| f(FormKind::Symbol(s))),
                any::<String>().prop_map(|s| f(FormKind::Str(s))),
                prop::collection::vec(inner.clone(), 0..3).prop_map(|v| f(FormKind::Map(v))),
            ];
            let target = prop_oneof![
                symbol().prop_map(|s| f(FormKind::Symbol(s))),
                items.clone().prop_map(|v| f(FormKind::List(v))),
                items.clone().prop_map(|v| f(FormKind::Vector(v))),
            ];
            let namespace = prop_oneof![
                name().prop_map(|n| MapNamespace::Explicit(n.into())),
                Just(MapNamespace::Current),
                name().prop_map(|n| MapNamespace::Alias(n.into())),
            ];
            let feature = keyword().prop_map(|mut k| {
                k.auto = false;
                k.ns = None;
                f(FormKind::Keyword(k))
            });
            prop_oneof![
                items.clone().prop_map(|v| f(FormKind::List(v))),
                items.clone().prop_map(|v| f(FormKind::Vector(v))),
                items.clone().prop_map(|v| f(FormKind::Map(v))),
                items.clone().prop_map(|v| f(FormKind::Set(v))),
                items.clone().prop_map(|v| f(FormKind::AnonFn(v))),
                boxed.clone().prop_map(|b| f(FormKind::Quote(b))),
                boxed.clone().prop_map(|b| f(FormKind::SyntaxQuote(b))),
                boxed.clone().prop_map(|b| f(FormKind::Unquote(b))),
                boxed.clone().prop_map(|b| f(FormKind::UnquoteSplicing(b))),
                boxed.clone().prop_map(|b| f(FormKind::Deref(b))),
                boxed.clone().prop_map(|b| f(FormKind::Var(b))),
                (meta, target).prop_map(|(m, t)| f(FormKind::Meta {
                    meta: Box::new(m),
                    target: Box::new(t)
                })),
                (
                    "[a-zA-Z][a-zA-Z0-9.-]{0,5}",
                    proptest::option::of("[a-zA-Z][a-zA-Z0-9.-]{0,5}"),
                    boxed.clone()
                )
                    .prop_map(|(tag, ns, form)| f(FormKind::Tagged {
                        tag: Symbol {
                            ns: ns.map(Into::into),
                            name: tag.into(),
                        },
                        form
                    })),
                (namespace, items.clone()).prop_map(|(ns, v)| f(FormKind::NamespacedMap {
                    ns,
                    map: Box::new(f(FormKind::Map(v)))
                })),
                (any::<bool>(), prop::collection::vec((feature, inner), 0..3)).prop_map(
                    |(splicing, pairs)| f(FormKind::ReaderConditional {
                        splicing,
                        forms: pairs.into_iter().flat_map(|(k, v)| [k, v]).collect()
                    })
                ),
            ]
        })
        .prop_map(|form| sanitize(form, false, false))
}

/// Makes a generated form one the reader accepts: no `#()` inside `#()`, no
/// conditional where a map needs whole entries, even maps with distinct
/// keys, sets with distinct elements.
fn sanitize(form: Form, in_fn: bool, in_map: bool) -> Form {
    let all = |v: Vec<Form>, in_fn, in_map| -> Vec<Form> {
        v.into_iter().map(|x| sanitize(x, in_fn, in_map)).collect()
    };
    let b = |x: Box<Form>| Box::new(sanitize(*x, in_fn, false));
    let kind = match form.kind {
        FormKind::AnonFn(v) if in_fn => FormKind::List(all(v, true, false)),
        FormKind::AnonFn(v) => FormKind::AnonFn(all(v, true, false)),
        FormKind::ReaderConditional { forms, .. } if in_map => {
            FormKind::Vector(all(forms, in_fn, false))
        }
        FormKind::List(v) => FormKind::List(all(v, in_fn, false)),
        FormKind::Vector(v) => FormKind::Vector(all(v, in_fn, false)),
        FormKind::Set(v) => {
            let mut seen = HashSet::new();
            let v = all(v, in_fn, true)
                .into_iter()
                .filter(|x| seen.insert(x.clone()))
                .collect();
            FormKind::Set(v)
        }
        FormKind::Map(v) => FormKind::Map(entries(all(v, in_fn, true))),
        FormKind::NamespacedMap { ns, map } => FormKind::NamespacedMap { ns, map: b(map) },
        FormKind::Quote(x) => FormKind::Quote(b(x)),
        FormKind::SyntaxQuote(x) => FormKind::SyntaxQuote(b(x)),
        FormKind::Unquote(x) => FormKind::Unquote(b(x)),
        FormKind::UnquoteSplicing(x) => FormKind::UnquoteSplicing(b(x)),
        FormKind::Deref(x) => FormKind::Deref(b(x)),
        FormKind::Var(x) => FormKind::Var(b(x)),
        FormKind::Meta { meta, target } => FormKind::Meta {
            meta: b(meta),
            target: b(target),
        },
        FormKind::Tagged { tag, form } => FormKind::Tagged { tag, form: b(form) },
        FormKind::ReaderConditional { splicing, forms } => FormKind::ReaderConditional {
            splicing,
            forms: all(forms, in_fn, false),
        },
        other => other,
    };
    Form::new(kind, form.span)
}

fn entries(v: Vec<Form>) -> Vec<Form> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for kv in v.chunks_exact(2) {
        if seen.insert(kv[0].clone()) {
            out.extend_from_slice(kv);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn print_then_read_gives_the_same_forms(forms in prop::collection::vec(form(), 1..4)) {
        let text: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
        let text = text.join("\n");
        let options = ReadOptions { conditionals: Conditionals::Preserve, ..ReadOptions::default() };
        let again = read(&text, &options);
        prop_assert!(again.is_ok(), "{text:?} did not read back: {:?}", again.err().map(|e| e.to_string()));
        let streamed: Result<Vec<Form>, _> = Reader::new(&text, &options).collect();
        prop_assert_eq!(&streamed, &again, "streaming differs; text: {}", text);
        prop_assert_eq!(again.unwrap_or_default(), forms, "text: {}", text);
    }
}
