(ns evelisp.support.lib
  "A library for the namespace tests.")

(def answer 42)
(defn greet [n] (str "hi " n))
(defn- hidden [] :hidden)
(defmacro double-it [x] `(* 2 ~x))
