(ns clojure.docs-test
  "Every public var of clojure.core is documented: a fn or macro has :doc
  and :arglists in its metadata (natives get theirs from their Rust
  definition, Lisp fns from defn), any other var has :doc."
  (:require [clojure.test :refer [deftest is]]))

(defn- fn-or-macro? [v]
  (or (:macro (meta v))
      (and (bound? v) (fn? (var-get v)))))

(defn- missing [v]
  (let [m (meta v)]
    (cond-> []
      (not (string? (:doc m))) (conj :doc)
      (and (fn-or-macro? v) (not (seq (:arglists m)))) (conj :arglists))))

(deftest every-public-core-var-is-documented
  (let [undocumented (->> (ns-publics 'clojure.core)
                          (keep (fn [[sym v]]
                                  (let [gaps (missing v)]
                                    (when (seq gaps) [sym gaps]))))
                          (sort-by (comp str first))
                          vec)]
    (is (empty? undocumented)
        (str (count undocumented) " public vars of clojure.core lack docs: "
             (pr-str undocumented)))))
