(ns clojure.data
  "Non-core data functions: diff, as Clojure's clojure.data has it.
  Values fall in one of four equality partitions (:atom, :set,
  :sequential, :map); values of different partitions are never equal,
  and diff compares two values of one partition part by part."
  (:require [clojure.set :as set]
            [clojure.string :as str]))

(declare diff)

(defn- array-value?
  "Whether x is a Java array (an evelisp array): its class name starts
  with [."
  [x]
  (let [c (class x)]
    (boolean (and c (str/starts-with? (str c) "[")))))

(defn equality-partition
  "The equality partition of x: :set, :map, :sequential (sequential
  collections and arrays) or :atom (anything else, nil and strings
  included)."
  [x]
  (cond
    (nil? x) :atom
    (set? x) :set
    (map? x) :map
    (sequential? x) :sequential
    (array-value? x) :sequential
    :else :atom))

(defn- atom-diff
  "The diff of two values compared whole."
  [a b]
  (if (= a b) [nil nil a] [a b nil]))

(defn- diff-key
  "The diff of a and b at key k: maps of k to what only a has there,
  what only b has there, and what both have."
  [a b k]
  (let [va (get a k)
        vb (get b k)
        [a* b* ab] (diff va vb)
        in-a (contains? a k)
        in-b (contains? b k)
        same (and in-a in-b (or (some? ab) (and (nil? va) (nil? vb))))]
    [(when (and in-a (or (some? a*) (not same))) {k a*})
     (when (and in-b (or (some? b*) (not same))) {k b*})
     (when same {k ab})]))

(defn- diff-associative
  "The diff of associative a and b over the keys ks, as three maps
  (merged key by key)."
  [a b ks]
  (reduce (fn [acc parts] (doall (map merge acc parts)))
          [nil nil nil]
          (map #(diff-key a b %) ks)))

(defn- vectorize
  "The map of indexes m as a vector (nil where no index), or nil for an
  empty m."
  [m]
  (when (seq m)
    (reduce (fn [v [i x]] (assoc v i x))
            (vec (repeat (apply max (keys m)) nil))
            m)))

(defn- diff-sequential
  "The diff of two sequential values, index by index, as vectors."
  [a b]
  (vec (map vectorize
            (diff-associative (if (vector? a) a (vec a))
                              (if (vector? b) b (vec b))
                              (range (max (count a) (count b)))))))

(defn- diff-similar
  "The diff of a and b, of one equality partition."
  [a b]
  (case (equality-partition a)
    :atom (atom-diff a b)
    :set [(not-empty (set/difference a b))
          (not-empty (set/difference b a))
          (not-empty (set/intersection a b))]
    :sequential (diff-sequential a b)
    :map (diff-associative a b (set/union (keys a) (keys b)))))

(defn diff
  "Compares a and b part by part and returns a vector (a seq for two
  maps) of three: what only a has, what only b has, what both have.
  Equal values give [nil nil a]. Maps are compared key by key and their
  differing values compared in turn; sequential values and arrays by
  index, their parts given as vectors; sets element by element, not
  deeper; anything else (strings too) whole, by =. Values of different
  equality partitions differ whole."
  [a b]
  (if (= a b)
    [nil nil a]
    (if (= (equality-partition a) (equality-partition b))
      (diff-similar a b)
      (atom-diff a b))))
