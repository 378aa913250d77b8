;; clojure.core, continued: the sequence functions — EAGER for now.
;; evelisp has no lazy sequences yet (they are the next step of issue 5:
;; heap objects realized once by CAS); until then these build the whole
;; result at once, as a list, so they are right for finite collections and
;; refuse what would be infinite (`(range)`, `(repeat x)`, `(iterate f x)`
;; without a count) with a clear error instead of running forever.

(in-ns 'clojure.core)

(defn- infinite [what]
  (throw (ex-info (str what " would be an infinite sequence; evelisp has no lazy sequences yet")
                  {:type :unsupported})))

(defn- seq-of-vec "The elements of vector v as a seq (() when empty, as an
  empty lazy seq is)." [v]
  (or (seq v) (list)))

(defn map
  "The seq of (f x) for each x of coll; with several colls, of (f x y ...)
  until the shortest ends. Eager for now."
  ([f coll]
   (loop [s (seq coll) acc []]
     (if s (recur (next s) (conj acc (f (first s)))) (seq-of-vec acc))))
  ([f c1 c2]
   (loop [s1 (seq c1) s2 (seq c2) acc []]
     (if (and s1 s2)
       (recur (next s1) (next s2) (conj acc (f (first s1) (first s2))))
       (seq-of-vec acc))))
  ([f c1 c2 & colls]
   (loop [ss (mapv seq (cons c1 (cons c2 colls))) acc []]
     (if (every? some? ss)
       (recur (mapv next ss) (conj acc (apply f (mapv first ss))))
       (seq-of-vec acc)))))

(defn filter "The seq of the xs of coll for which (pred x) is true." [pred coll]
  (seq-of-vec (filterv pred coll)))

(defn remove "The seq of the xs of coll for which (pred x) is false." [pred coll]
  (seq-of-vec (filterv (complement pred) coll)))

(defn keep "The seq of the non-nil (f x)." [f coll]
  (seq-of-vec (reduce (fn [acc x] (let [v (f x)] (if (nil? v) acc (conj acc v)))) [] coll)))

(defn map-indexed "The seq of (f index x)." [f coll]
  (loop [s (seq coll) i 0 acc []]
    (if s (recur (next s) (inc i) (conj acc (f i (first s)))) (seq-of-vec acc))))

(defn keep-indexed "The seq of the non-nil (f index x)." [f coll]
  (loop [s (seq coll) i 0 acc []]
    (if s
      (recur (next s) (inc i) (let [v (f i (first s))] (if (nil? v) acc (conj acc v))))
      (seq-of-vec acc))))

(defn mapcat "The concatenation of the seqs (f x ...)." [f & colls]
  (apply concat (apply map f colls)))

(defn range
  "Integers from start (0) below end, by step (1). (range) would be
  infinite: refused until lazy sequences."
  ([] (infinite "(range)"))
  ([end] (range 0 end 1))
  ([start end] (range start end 1))
  ([start end step]
   (when (zero? step) (infinite "(range start end 0)"))
   (loop [i start acc []]
     (if (if (pos? step) (< i end) (> i end))
       (recur (+ i step) (conj acc i))
       (seq-of-vec acc)))))

(defn repeat
  "n copies of x. (repeat x) would be infinite: refused until lazy sequences."
  ([x] (infinite "(repeat x)"))
  ([n x] (loop [i 0 acc []] (if (< i n) (recur (inc i) (conj acc x)) (seq-of-vec acc)))))

(defn repeatedly
  "The results of n calls of f. (repeatedly f) would be infinite."
  ([f] (infinite "(repeatedly f)"))
  ([n f] (loop [i 0 acc []] (if (< i n) (recur (inc i) (conj acc (f))) (seq-of-vec acc)))))

(defn iterate
  "x, (f x), (f (f x)) ... — infinite: refused until lazy sequences."
  [f x]
  (infinite "(iterate f x)"))

(defn cycle "Infinite: refused until lazy sequences." [coll] (infinite "(cycle coll)"))

(defn take "The first n elements of coll." [n coll]
  (loop [i 0 s (seq coll) acc []]
    (if (and s (< i n)) (recur (inc i) (next s) (conj acc (first s))) (seq-of-vec acc))))

(defn drop "coll without its first n elements." [n coll]
  (loop [i 0 s (seq coll)]
    (if (and s (< i n)) (recur (inc i) (next s)) (or s (list)))))

(defn take-while "The first elements of coll for which (pred x) is true." [pred coll]
  (loop [s (seq coll) acc []]
    (if (and s (pred (first s))) (recur (next s) (conj acc (first s))) (seq-of-vec acc))))

(defn drop-while "coll from its first element for which (pred x) is false." [pred coll]
  (loop [s (seq coll)]
    (if (and s (pred (first s))) (recur (next s)) (or s (list)))))

(defn take-nth "Every nth element of coll." [n coll]
  (loop [s (seq coll) acc []]
    (if s (recur (nthnext s n) (conj acc (first s))) (seq-of-vec acc))))

(defn- subvec-of [v from to]
  (loop [i from acc []] (if (< i to) (recur (inc i) (conj acc (nth v i))) acc)))

(defn take-last "The last n elements of coll (nil when none)." [n coll]
  (let [v (vec coll) c (count v)]
    (seq (subvec-of v (max 0 (- c n)) c))))

(defn drop-last "coll without its last n (1) elements." ([coll] (drop-last 1 coll))
  ([n coll] (let [v (vec coll)] (seq-of-vec (subvec-of v 0 (max 0 (- (count v) n)))))))

(defn nthrest "coll without its first n elements (() when none are left)." [coll n]
  (drop n coll))

(defn split-at "[(take n coll) (drop n coll)]" [n coll] [(take n coll) (drop n coll)])
(defn split-with "[(take-while pred coll) (drop-while pred coll)]" [pred coll]
  [(take-while pred coll) (drop-while pred coll)])

(defn reverse "coll's elements in reverse order (() when none)." [coll]
  (reduce (fn [acc x] (cons x acc)) (list) coll))

(defn interleave "The first of each coll, then the second of each ..." [& colls]
  (loop [ss (mapv seq colls) acc []]
    (if (and (seq ss) (every? some? ss))
      (recur (mapv next ss) (into acc (mapv first ss)))
      (seq-of-vec acc))))

(defn interpose "coll's elements with sep between them." [sep coll]
  (seq-of-vec (reduce (fn [acc x] (if (empty? acc) (conj acc x) (conj (conj acc sep) x))) [] coll)))

(defn partition
  "coll in groups of n (the last group dropped if short), stepping by step;
  with pad, the last group is filled from it."
  ([n coll] (partition n n coll))
  ([n step coll]
   (loop [s (seq coll) acc []]
     (let [group (take n s)]
       (if (= n (count group))
         (recur (nthnext s step) (conj acc group))
         (seq-of-vec acc)))))
  ([n step pad coll]
   (loop [s (seq coll) acc []]
     (let [group (take n s)]
       (cond
         (= n (count group)) (recur (nthnext s step) (conj acc group))
         (seq group) (seq-of-vec (conj acc (take n (concat group pad))))
         :else (seq-of-vec acc))))))

(defn partition-all "coll in groups of n (the last may be short)." ([n coll] (partition-all n n coll))
  ([n step coll]
   (loop [s (seq coll) acc []]
     (if s (recur (nthnext s step) (conj acc (take n s))) (seq-of-vec acc)))))

(defn partition-by "coll split each time (f x) changes." [f coll]
  (loop [s (seq coll) acc [] group [] k ::none]
    (if s
      (let [x (first s) kx (f x)]
        (if (or (= k ::none) (= kx k))
          (recur (next s) acc (conj group x) kx)
          (recur (next s) (conj acc (seq group)) [x] kx)))
      (seq-of-vec (if (seq group) (conj acc (seq group)) acc)))))

(defn distinct "coll without repeated elements (first ones kept)." [coll]
  (loop [s (seq coll) seen #{} acc []]
    (if s
      (let [x (first s)]
        (if (contains? seen x) (recur (next s) seen acc) (recur (next s) (conj seen x) (conj acc x))))
      (seq-of-vec acc))))

(defn dedupe "coll without consecutive duplicates." [coll]
  (loop [s (seq coll) acc [] prev ::none]
    (if s
      (let [x (first s)] (if (= x prev) (recur (next s) acc prev) (recur (next s) (conj acc x) x)))
      (seq-of-vec acc))))

(defn flatten "The atoms of nested sequential collections, as one seq." [x]
  (letfn [(walk [acc x] (if (or (seq? x) (vector? x) (list? x)) (reduce walk acc x) (conj acc x)))]
    (seq-of-vec (reduce walk [] (if (or (seq? x) (vector? x)) x [x])))))

(defn reductions "The intermediate values of (reduce f init coll)."
  ([f coll] (if-let [s (seq coll)] (reductions f (first s) (next s)) (list (f))))
  ([f init coll]
   (loop [acc init s (seq coll) out [init]]
     (if s (let [v (f acc (first s))] (recur v (next s) (conj out v))) (seq-of-vec out)))))

(defn tree-seq "The nodes of a tree, depth first." [branch? children root]
  (letfn [(walk [acc node]
            (let [acc (conj acc node)]
              (if (branch? node) (reduce walk acc (children node)) acc)))]
    (seq-of-vec (walk [] root))))

(defn doall "Realizes coll (all seqs are realized now); coll." ([coll] coll) ([_ coll] coll))
(defn dorun "Realizes coll for its effects; nil." ([coll] nil) ([_ coll] nil))

(defmacro lazy-seq
  "Evaluates body now (no lazy sequences yet) and gives its seq."
  [& body]
  (list 'clojure.core/seq (cons 'do body)))

(defmacro lazy-cat "The concatenation of the colls (evaluated now)." [& colls]
  (cons 'clojure.core/concat colls))

(defmacro for
  "List comprehension: (for [x xs :let [...] :when test :while test y ys] expr).
  Eager for now."
  [bindings body]
  (let [groups (loop [s (seq bindings) acc []]
                 (if s (recur (nnext s) (conj acc [(first s) (second s)])) acc))
        acc (gensym "acc__")
        emit (fn emit [groups]
               (if (empty? groups)
                 (list 'clojure.core/conj acc body)
                 (let [[k v] (first groups)
                       more (next groups)]
                   (cond
                     (= k :let) (list 'clojure.core/let v (emit more))
                     (= k :when) (list 'if v (emit more) acc)
                     (= k :while) (list 'if v (emit more) (list 'clojure.core/reduced-for acc))
                     :else
                     (list 'clojure.core/reduce-for
                           (list 'clojure.core/fn [acc k] (emit more))
                           acc v)))))]
    (list 'clojure.core/seq
          (list 'clojure.core/let [acc []] (emit groups)))))

(defn reduced-for "Marks a `for`'s :while stop (internal)." [acc] {::stop acc})

(defn reduce-for
  "reduce for `for` (internal): stops at a :while that failed."
  [f init coll]
  (loop [acc init s (seq coll)]
    (cond (and (map? acc) (contains? acc ::stop)) (get acc ::stop)
          s (recur (f acc (first s)) (next s))
          :else acc)))
