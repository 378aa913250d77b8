;; clojure.set: set operations and relational algebra on sets of maps
;; ("rels"), with Clojure 1.11's semantics (the same arities, and the same
;; results on nil and on non-set collections). Written in evelisp; loaded
;; by require.

(ns clojure.set
  "Set operations such as union/intersection.")

(defn- largest-first
  "coll with one element for which (k x) is largest moved to the front."
  [k coll]
  (let [top (apply max-key k coll)]
    (cons top (remove #(identical? top %) coll))))

(defn union
  "Return a set that is the union of the input sets"
  ([] #{})
  ([s1] s1)
  ([s1 s2]
   (if (< (count s1) (count s2))
     (reduce conj s2 s1)
     (reduce conj s1 s2)))
  ([s1 s2 & sets]
   (let [ordered (largest-first count (conj sets s2 s1))]
     (reduce into (first ordered) (rest ordered)))))

(defn intersection
  "Return a set that is the intersection of the input sets"
  ([s1] s1)
  ([s1 s2]
   (if (< (count s2) (count s1))
     (recur s2 s1)
     (reduce (fn [result x] (if (contains? s2 x) result (disj result x)))
             s1 s1)))
  ([s1 s2 & sets]
   (let [ordered (largest-first #(- (count %)) (conj sets s2 s1))]
     (reduce intersection (first ordered) (rest ordered)))))

(defn difference
  "Return a set that is the first set without elements of the remaining sets"
  ([s1] s1)
  ([s1 s2]
   (if (< (count s1) (count s2))
     (reduce (fn [result x] (if (contains? s2 x) (disj result x) result))
             s1 s1)
     (reduce disj s1 s2)))
  ([s1 s2 & sets]
   (reduce difference s1 (conj sets s2))))

(defn select
  "Returns a set of the elements for which pred is true"
  [pred xset]
  (reduce (fn [s x] (if (pred x) s (disj s x))) xset xset))

(defn project
  "Returns a rel of the elements of xrel with only the keys in ks"
  [xrel ks]
  (set (map #(select-keys % ks) xrel)))

(defn rename-keys
  "Returns the map with the keys in kmap renamed to the vals in kmap"
  [map kmap]
  (reduce (fn [m [old new]]
            (if (contains? map old)
              (assoc m new (get map old))
              m))
          (apply dissoc map (keys kmap))
          kmap))

(defn rename
  "Returns a rel of the maps in xrel with the keys in kmap renamed to the vals in kmap"
  [xrel kmap]
  (set (map #(rename-keys % kmap) xrel)))

(defn index
  "Returns a map of the distinct values of ks in the xrel mapped to a
  set of the maps in xrel with the corresponding values of ks."
  [xrel ks]
  (reduce (fn [m x]
            (let [k (select-keys x ks)]
              (assoc m k (conj (get m k #{}) x))))
          {} xrel))

(defn map-invert
  "Returns the map with the vals mapped to the keys."
  [m]
  (reduce-kv (fn [inverted k v] (assoc inverted v k)) {} m))

(defn- join-on
  "The rel of each map of s merged with each map of r whose index entry
  (in idx, an index of r) the key function key-of gives for it."
  [idx key-of s]
  (reduce (fn [ret x]
            (if-let [found (get idx (key-of x))]
              (reduce #(conj %1 (merge %2 x)) ret found)
              ret))
          #{} s))

(defn join
  "When passed 2 rels, returns the rel corresponding to the natural
  join. When passed an additional keymap, joins on the corresponding
  keys."
  ([xrel yrel]
   (if (and (seq xrel) (seq yrel))
     (let [ks (intersection (set (keys (first xrel))) (set (keys (first yrel))))
           [r s] (if (<= (count xrel) (count yrel)) [xrel yrel] [yrel xrel])]
       (join-on (index r ks) #(select-keys % ks) s))
     #{}))
  ([xrel yrel km]
   (let [[r s k] (if (<= (count xrel) (count yrel))
                   [xrel yrel (map-invert km)]
                   [yrel xrel km])]
     (join-on (index r (vals k))
              #(rename-keys (select-keys % (keys k)) k)
              s))))

(defn subset?
  "Is set1 a subset of set2?"
  [set1 set2]
  (and (<= (count set1) (count set2))
       (every? #(contains? set2 %) set1)))

(defn superset?
  "Is set1 a superset of set2?"
  [set1 set2]
  (and (>= (count set1) (count set2))
       (every? #(contains? set1 %) set2)))
