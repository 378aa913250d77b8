;; Every construct of Clojure's reader reference, in the order the reference
;; describes them (https://clojure.org/reference/reader).

;; Symbols
foo
my.ns/foo
clojure.core//
.method
Klass.
*dynamic*
->arrow
a-b?!
x'
<=>

;; Literals
"a string with \"escapes\" \t and \\ and \u00e9 and \101"
\c \newline \space \tab \formfeed \backspace \return \u03bb \o101
nil true false
##Inf ##-Inf ##NaN
42 -42 +42 0 0x2A 0X2a 052 2r101010 8r52 16r2A 36rZZ 42N 9999999999999999999999
3.14 -3.14 1e10 1.5e-3 2E+4 1. 3.14M 1e3M 22/7 -3/6 6/3
:keyword :ns/keyword ::auto ::alias/auto :a.b.c/d-e? :1

;; Lists, vectors, maps, sets
(a b c)
[1 2 3]
{:a 1, :b 2}
#{:a :b :c}
()
[]
{}
#{}

;; Namespaced maps
#:person{:first "Han" :last "Solo" :ship #:ship{:name "Falcon"}}
#::{:a 1 :b 2}
#::s{:x 1}
#:db{:id 1 :_/plain 2}

;; Macro characters
'quoted
'(1 2 3)
; a comment to the end of the line
@an-atom
@(future 1)
^String s
^:dynamic *x*
^{:doc "docs" :added "1.0"} some-var
^:private ^:dynamic ^{:tag long} stacked
#^String old-style-meta

;; Dispatch
#{1 2 3}
#"[a-z]+\d*\.\w"
#"\"quoted\" regex"
#(+ % 1)
#(apply + %1 %2 %&)
#(do %)
#'clojure.core/map
#'x
#_ (this form is ignored)
[1 #_ 2 3]
#_ #_ first-ignored second-ignored kept

;; Syntax-quote, unquote, unquote-splicing, auto-gensym
`(a b c)
`(let [x# ~value] (f x# ~@rest))
`[~a ~@b c#]
`{:k ~v}
`~'literal

;; Reader conditionals
#?(:clj (Math/sqrt 2) :cljs (js/Math.sqrt 2) :evelisp (sqrt 2) :default nil)
[1 #?@(:clj [2 3] :evelisp [4 5]) 6]
#?(:cljs :never)

;; Tagged literals
#inst "1985-04-12T23:20:50.52Z"
#uuid "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
#my/point [1 2]
