//! Snapshot tests of desugaring, syntax-quote and `#()` expansion: each
//! input is shown with the plain forms it becomes, which should be what
//! Clojure's reader produces (with gensym numbers from a test counter).

use evelisp_eval::{Context, desugar};
use evelisp_reader::{Name, read_str};
use std::fmt::Write;

/// A namespace table for the tests: namespace `user`, alias `str` for
/// `clojure.string`, and a few vars.
struct TestNamespaces {
    next: u64,
}

impl Context for TestNamespaces {
    fn current_ns(&self) -> Name {
        "user".into()
    }
    fn resolve_alias(&self, alias: &str) -> Option<Name> {
        match alias {
            "str" => Some("clojure.string".into()),
            _ => None,
        }
    }
    fn var_namespace(&self, name: &str) -> Option<Name> {
        match name {
            "map" | "inc" | "str" | "let" | "when" | "println" => Some("clojure.core".into()),
            "helper" => Some("user".into()),
            _ => None,
        }
    }
    fn next_id(&mut self) -> u64 {
        self.next += 1;
        self.next
    }
}

fn expansions(inputs: &[&str]) -> String {
    let mut out = String::new();
    for input in inputs {
        let mut cx = TestNamespaces { next: 0 };
        let forms = read_str(input).expect("test input reads");
        let _ = write!(out, "{input}\n  => ");
        for form in forms {
            match desugar(form, &mut cx) {
                Ok(f) => {
                    let _ = write!(out, "{f} ");
                }
                Err(e) => {
                    let _ = write!(out, "error at {}..{}: {e} ", e.span.start, e.span.end);
                }
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn reader_sugar() {
    insta::assert_snapshot!(expansions(&[
        "'x",
        "'(a b)",
        "@a",
        "#'map",
        "~x",
        "~@xs",
        "::k",
        "::str/k",
        "::nope/k",
        "#:person{:name 1 :_/plain 2 :other/k 3 sym 4}",
        "#::{:a 1}",
        "#::str{:a 1}",
        "^:private x",
        "^String x",
        "^\"[B\" x",
        "^{:doc \"d\"} x",
        "^:a ^:b ^{:a 2 :c 3} x",
        "[^:m a '(b @c)]",
        "::clojure.string/k",
        "#:a{:b 1 :a/b 2}",
        "{::k 1 :user/k 2}",
        "#{::a :user/a}",
        "{::k 1 :other/k 2}",
    ]));
}

#[test]
fn syntax_quote() {
    insta::assert_snapshot!(expansions(&[
        "`x",
        "`map",
        "`helper",
        "`str/join",
        "`clojure.set/union",
        "`(a b)",
        "`()",
        "`[a ~b ~@c]",
        "`{:k ~v, k2 v2}",
        "`#{a ~b}",
        "`(let [x# ~v] (inc x#) x#)",
        "`(if ~test (do ~@body) nil)",
        "`(.method obj Ctor. .-field)",
        "`(fn* [& xs] (recur xs))",
        "`:k `\"s\" `1 `\\c `nil `true",
        "`'x",
        "`@x",
        "`::k",
        "`^:m [a]",
        "`(a `(b ~c ~~d))",
        "`~@x",
        "`(x# `(x#))",
        "`(require 'my.lib my.ns/f clojure.lang.Foo)",
        "`(.foo# .bar)",
        "`[nil true false #\"re\"]",
        "`^:m ~x",
        "`````x",
        "``````x",
    ]));
}

#[test]
fn anonymous_functions() {
    insta::assert_snapshot!(expansions(&[
        "#(+ % 1)",
        "#(+ %1 %2)",
        "#(vector %3)",
        "#(apply f % %&)",
        "#(do [% {:k %2} #{%}])",
        "#(println \"no args\")",
        "#(clojure.core/% %)",
        "`#(a %)",
    ]));
}
