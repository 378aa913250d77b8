//! Snapshot of spans over a multi-line source that nests and mixes every
//! kind of syntax: each node's line:column range must cover exactly its text.

mod common;

use evelisp_reader::{Conditionals, ReadOptions, read};

const SOURCE: &str = r#"(ns demo.spans
  (:require [clojure.string :as str]))

(defn ^:private describe
  "Docstring with \"quotes\" and λ."
  [{:keys [a b] :as m} & more]
  #_(ignored form)
  (let [f #(str/join ", " %&)
        v `[~a ~@more ::k #inst "2026-01-01"]]
    @(future (f @#'a 'b \c 1/2 2.5M ##-Inf))
    #{#:ex{:x 1} #"re\d" #?(:evelisp :here :clj :jvm)}))
"#;

#[test]
fn spans_of_nested_mixed_forms() {
    let forms = read(SOURCE, &ReadOptions::for_file("spans.clj")).unwrap();
    insta::assert_snapshot!(common::tree(SOURCE, &forms));
}

#[test]
fn spans_of_preserved_conditionals() {
    let options = ReadOptions {
        conditionals: Conditionals::Preserve,
        ..ReadOptions::default()
    };
    let src = "[1\n #?@(:clj [2]\n     :evelisp [3 4])]";
    let forms = read(src, &options).unwrap();
    insta::assert_snapshot!(common::tree(src, &forms));
}

#[test]
fn a_prefix_that_takes_a_later_form_spans_it() {
    // `'` takes `2` because its conditional vanished: its span reaches `2`.
    let src = "'#?(:cljs 1) 2";
    let forms = evelisp_reader::read_str(src).unwrap();
    assert_eq!(forms[0].span, evelisp_reader::Span::new(0, src.len()));
    let src = "^#?(:cljs :x) :m y";
    let forms = evelisp_reader::read_str(src).unwrap();
    assert_eq!(forms[0].span, evelisp_reader::Span::new(0, src.len()));
}

#[test]
fn every_span_is_the_text_of_its_form() {
    // Reading the text a span covers gives back the same form, whether
    // conditionals are preserved or resolved (a prefix that took a later
    // form spans it).
    for conditionals in [Conditionals::Preserve, Conditionals::Allow] {
        let options = ReadOptions {
            conditionals,
            ..ReadOptions::default()
        };
        let src = format!("{SOURCE}\n'#?(:cljs 1) (after) ^#?(:cljs :x :default :m) [y]");
        let forms = read(&src, &options).unwrap();
        let mut stack: Vec<&evelisp_reader::Form> = forms.iter().collect();
        let mut checked = 0;
        while let Some(f) = stack.pop() {
            let text = &src[f.span.start..f.span.end];
            let again = read(text, &options).unwrap();
            assert_eq!(again.len(), 1, "{text:?}");
            assert_eq!(&again[0], f, "{text:?}");
            checked += 1;
            stack.extend(f.children());
        }
        assert!(checked > 60, "only {checked} forms checked");
    }
}
