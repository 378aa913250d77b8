(ns clojure.docs-test
  "Every public var of clojure.core is documented: a fn or macro has a
  non-blank :doc and :arglists in its metadata (natives get theirs from
  their Rust definition, Lisp fns from defn), any other var a non-blank
  :doc. So is every native outside clojure.core: the host statics (Math/,
  System/, ...) and the helpers in evelisp namespaces."
  (:require [clojure.test :refer [deftest is]]
            [clojure.string :as str]))

(defn- fn-or-macro? [v]
  (or (:macro (meta v))
      (and (bound? v) (fn? (var-get v)))))

(defn- missing [v]
  (let [m (meta v)]
    (cond-> []
      (or (not (string? (:doc m))) (str/blank? (:doc m))) (conj :doc)
      (and (fn-or-macro? v) (not (seq (:arglists m)))) (conj :arglists))))

(defn- undocumented [vars]
  (->> vars
       (keep (fn [[sym v]]
               (let [gaps (missing v)]
                 (when (seq gaps) [sym gaps]))))
       (sort-by (comp str first))
       vec))

(deftest every-public-core-var-is-documented
  (let [gaps (undocumented (ns-publics 'clojure.core))]
    (is (empty? gaps)
        (str (count gaps) " public vars of clojure.core lack docs: " (pr-str gaps)))))

(def ^:private native-namespaces
  "The namespaces, besides clojure.core, that natives are defined in."
  '[Math System Thread Integer Long Double Character String
    evelisp evelisp.string evelisp.io evelisp.edn evelisp.repl evelisp.test
    evelisp.interop evelisp.nrepl])

(deftest every-native-outside-core-is-documented
  (doseq [ns-sym native-namespaces]
    (let [fns (filter (fn [[_ v]] (fn-or-macro? v)) (ns-publics ns-sym))
          gaps (undocumented fns)]
      (is (seq fns) (str ns-sym " holds natives"))
      (is (empty? gaps) (str ns-sym ": " (pr-str gaps))))))
