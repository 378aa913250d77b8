;; clojure.walk: a generic walker of data structures (lists, vectors, maps,
;; sets, seqs) and the tools built on it: pre- and post-order walks, key
;; conversion, replacement, macroexpand-all. Clojure 1.11's semantics;
;; evelisp has no map-entry type, so a map's entries are walked as
;; 2-element vectors (and rebuilt from whatever 2-element vectors the
;; functions give back). Written in evelisp; loaded by require.

(ns clojure.walk
  "This file defines a generic tree walker for Clojure data
  structures.  It takes any data structure (list, vector, map, set,
  seq), calls a function on every element, and uses the return value
  of the function in place of the original."
  (:require [clojure.string :as string]))

(defn- conj-entry
  "Map m with what inner gave for one of its entries: a [k v] pair
  added, a map merged in, nil ignored (as Clojure's conj on a map)."
  [m entry]
  (cond (nil? entry) m
        (map? entry) (merge m entry)
        (and (vector? entry) (not= 2 (count entry)))
        (throw (-illegal-argument "Vector arg to map conj must be a pair"))
        :else (conj m entry)))

(defn walk
  "Traverses form, an arbitrary data structure.  inner and outer are
  functions.  Applies inner to each element of form, building up a
  data structure of the same type, then applies outer to the result.
  Recognizes all Clojure data structures. Consumes seqs as with doall."
  [inner outer form]
  (cond
    (list? form) (outer (apply list (map inner form)))
    (seq? form) (outer (doall (map inner form)))
    (map? form) (outer (reduce (fn [m entry] (conj-entry m (inner entry))) {} form))
    (vector? form) (outer (mapv inner form))
    (set? form) (outer (reduce (fn [s x] (conj s (inner x))) #{} form))
    :else (outer form)))

(defn postwalk
  "Performs a depth-first, post-order traversal of form.  Calls f on
  each sub-form, uses f's return value in place of the original.
  Recognizes all Clojure data structures. Consumes seqs as with doall."
  [f form]
  (walk (fn [x] (postwalk f x)) f form))

(defn prewalk
  "Like postwalk, but does pre-order traversal."
  [f form]
  (walk (fn [x] (prewalk f x)) identity (f form)))

(defn postwalk-demo
  "Demonstrates the behavior of postwalk by printing each form as it is
  walked.  Returns form."
  [form]
  (postwalk (fn [x] (print "Walked: ") (prn x) x) form))

(defn prewalk-demo
  "Demonstrates the behavior of prewalk by printing each form as it is
  walked.  Returns form."
  [form]
  (prewalk (fn [x] (print "Walked: ") (prn x) x) form))

(defn- update-map-keys
  "f, applied to the keys of every map in m (at any depth)."
  [f m]
  (postwalk (fn [x]
              (if (map? x)
                (reduce-kv (fn [acc k v] (assoc acc (f k) v)) {} x)
                x))
            m))

(defn- string->keyword
  "The keyword named s, the part before its first / being the namespace
  (as Clojure's (keyword s); evelisp's keyword keeps a / in the name)."
  [s]
  (let [i (string/index-of s "/")]
    (if (and i (not= s "/"))
      (keyword (subs s 0 i) (subs s (inc i)))
      (keyword s))))

(defn keywordize-keys
  "Recursively transforms all map keys from strings to keywords."
  [m]
  (update-map-keys #(if (string? %) (string->keyword %) %) m))

(defn stringify-keys
  "Recursively transforms all map keys from keywords to strings."
  [m]
  (update-map-keys #(if (keyword? %) (name %) %) m))

(defn prewalk-replace
  "Recursively transforms form by replacing keys in smap with their
  values.  Like clojure/replace but works on any data structure.  Does
  replacement at the root of the tree first."
  [smap form]
  (prewalk (fn [x] (if (contains? smap x) (get smap x) x)) form))

(defn postwalk-replace
  "Recursively transforms form by replacing keys in smap with their
  values.  Like clojure/replace but works on any data structure.  Does
  replacement at the leaves of the tree first."
  [smap form]
  (postwalk (fn [x] (if (contains? smap x) (get smap x) x)) form))

(defn macroexpand-all
  "Recursively performs all possible macroexpansions in form."
  [form]
  (prewalk (fn [x] (if (seq? x) (macroexpand x) x)) form))
