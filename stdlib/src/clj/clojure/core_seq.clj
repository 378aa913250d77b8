;; clojure.core, continued: lazy sequences and the sequence functions.
;; A lazy seq is a heap object in the env file (`lazy-seq*` over a fn of
;; no arguments), realized once by compare-and-set by whichever thread or
;; process reads it first; these definitions follow Clojure's own (without
;; chunking), so infinite sequences work with `take`.

(in-ns 'clojure.core)

(defmacro lazy-seq
  "A seq whose body runs only when the seq is first read (by seq, first,
  rest ...), once: every later read, in any process, sees its result."
  [& body]
  (list 'clojure.core/lazy-seq* (cons 'fn* (cons [] body))))

(defn ensure-reduced "x if it is reduced, else (reduced x)." [x] (if (reduced? x) x (reduced x)))

(defn- preserving-reduced [rf]
  (fn [a b] (let [ret (rf a b)] (if (reduced? ret) (reduced ret) ret))))

(defn cat "A transducer that concatenates the contents of each input." [rf]
  (let [rrf (preserving-reduced rf)]
    (fn ([] (rf)) ([result] (rf result))
      ([result input] (reduce rrf result input)))))

(defn sequential? "Whether x is a list, vector or seq." [x] (or (seq? x) (vector? x)))
(defn coll? "Whether x is a collection (list, vector, map, set or seq)." [x]
  (or (seq? x) (vector? x) (map? x) (set? x)))
(defn seqable? "Whether (seq x) works: nil, collections, strings, arrays." [x]
  (or (nil? x) (coll? x) (string? x)
      ;; An array's class name starts with [ (as Java's: [I, [Ljava.lang.String;).
      (= \[ (first (name (class x))))))
(defn counted? "Whether (count x) takes constant time." [x]
  (or (vector? x) (map? x) (set? x) (list? x)))
(defn reversible? "Whether (rseq x) works: vectors and sorted collections." [x]
  (or (vector? x) (sorted? x)))
(defn associative? "Whether x is a map or a vector." [x] (or (map? x) (vector? x)))

(defn take "The lazy seq of the first n elements of coll; (take n) is a transducer."
  ([n]
   (fn [rf]
     (let [nv (volatile! n)]
       (fn ([] (rf)) ([result] (rf result))
         ([result input]
          (let [n @nv nn (vswap! nv dec)
                result (if (pos? n) (rf result input) result)]
            (if (not (pos? nn)) (ensure-reduced result) result)))))))
  ([n coll]
   (lazy-seq
    (when (pos? n)
      (when-let [s (seq coll)]
        (cons (first s) (take (dec n) (rest s))))))))

(defn dorun "Realizes coll (its first n elements) for their effects; nil."
  ([coll] (when-let [s (seq coll)] (recur (next s))))
  ([n coll] (when (and (seq coll) (pos? n)) (recur (dec n) (next coll)))))

(defn doall "Realizes coll (its first n elements); coll."
  ([coll] (dorun coll) coll)
  ([n coll] (dorun n coll) coll))

(defmacro lazy-cat
  "The lazy concatenation of the colls, each evaluated only when reached."
  [& colls]
  (cons 'clojure.core/concat (map-list (fn [c] (list 'clojure.core/lazy-seq c)) colls)))

(defn map
  "The lazy seq of (f x) for each x of coll; with several colls, of
  (f x y ...) until the shortest ends. (map f) is a transducer."
  ([f]
   (fn [rf]
     (fn ([] (rf)) ([result] (rf result))
       ([result input] (rf result (f input)))
       ([result input & inputs] (rf result (apply f input inputs))))))
  ([f coll] (-map1 f coll))
  ([f c1 c2]
   (lazy-seq
    (let [s1 (seq c1) s2 (seq c2)]
      (when (and s1 s2)
        (cons (f (first s1) (first s2)) (map f (rest s1) (rest s2)))))))
  ([f c1 c2 c3]
   (lazy-seq
    (let [s1 (seq c1) s2 (seq c2) s3 (seq c3)]
      (when (and s1 s2 s3)
        (cons (f (first s1) (first s2) (first s3))
              (map f (rest s1) (rest s2) (rest s3)))))))
  ([f c1 c2 c3 & colls]
   (let [step (fn step [cs]
                (lazy-seq
                 (let [ss (map seq cs)]
                   (when (every? identity ss)
                     (cons (map first ss) (step (map rest ss)))))))]
     (map (fn [args] (apply f args)) (step (cons c1 (cons c2 (cons c3 colls))))))))

(defn filter "The lazy seq of the xs of coll for which (pred x) is true;
  (filter pred) is a transducer."
  ([pred]
   (fn [rf]
     (fn ([] (rf)) ([result] (rf result))
       ([result input] (if (pred input) (rf result input) result)))))
  ([pred coll] (-filter1 pred coll)))

(defn remove "The lazy seq of the xs of coll for which (pred x) is false;
  (remove pred) is a transducer."
  ([pred] (filter (complement pred)))
  ([pred coll] (filter (complement pred) coll)))

(defn keep "The lazy seq of the non-nil (f x); (keep f) is a transducer."
  ([f]
   (fn [rf]
     (fn ([] (rf)) ([result] (rf result))
       ([result input] (let [v (f input)] (if (nil? v) result (rf result v)))))))
  ([f coll]
  (lazy-seq
   (when-let [s (seq coll)]
     (let [x (f (first s))]
       (if (nil? x)
         (keep f (rest s))
         (cons x (keep f (rest s)))))))))

(defn map-indexed "The lazy seq of (f index x); (map-indexed f) is a transducer."
  ([f]
   (fn [rf]
     (let [i (volatile! -1)]
       (fn ([] (rf)) ([result] (rf result))
         ([result input] (rf result (f (vswap! i inc) input)))))))
  ([f coll]
  (let [step (fn step [i coll]
               (lazy-seq
                (when-let [s (seq coll)]
                  (cons (f i (first s)) (step (inc i) (rest s))))))]
    (step 0 coll))))

(defn keep-indexed "The lazy seq of the non-nil (f index x); (keep-indexed f) is a transducer."
  ([f]
   (fn [rf]
     (let [i (volatile! -1)]
       (fn ([] (rf)) ([result] (rf result))
         ([result input]
          (let [v (f (vswap! i inc) input)] (if (nil? v) result (rf result v))))))))
  ([f coll]
  (let [step (fn step [i coll]
               (lazy-seq
                (when-let [s (seq coll)]
                  (let [x (f i (first s))]
                    (if (nil? x)
                      (step (inc i) (rest s))
                      (cons x (step (inc i) (rest s))))))))]
    (step 0 coll))))

(defn mapcat "The lazy concatenation of the seqs (f x ...); (mapcat f) is a transducer."
  ([f] (comp (map f) cat))
  ([f & colls]
  (let [step (fn step [segs]
               (lazy-seq
                (when-let [s (seq segs)]
                  (concat (first s) (step (rest s))))))]
    (step (apply map f colls)))))

(defn iterate "The lazy seq x, (f x), (f (f x)) ... (f is called as it is read)." [f x]
  (lazy-seq (cons x (lazy-seq (iterate f (f x))))))

(defn range
  "The lazy seq of the numbers from start (0) below end (infinite without
  one), by step (1); a step of 0 repeats start forever, unless start = end."
  ([] (iterate inc' 0))
  ;; Clojure's Range/create of end alone: empty unless end is positive
  ;; (a NaN end too).
  ([end] (if (pos? end) (range 0 end 1) ()))
  ([start end] (range start end 1))
  ([start end step]
   (if (and (int? start) (int? end) (int? step) (not= 0 step))
     (-range-longs start end step)
     (lazy-seq
    ;; Stops when start reaches end, as Clojure's Range: a NaN bound is
    ;; never reached.
    (when (cond (pos? step) (not (>= start end))
                (neg? step) (not (<= start end))
                :else (not= start end))
      (cons start (range (+ start step) end step)))))))

(defn repeat "The lazy seq of x forever, or n times." ([x] (lazy-seq (cons x (repeat x))))
  ([n x] (take (long n) (repeat x))))

(defn repeatedly "The lazy seq of the results of calls of f: forever, or n." ([f] (lazy-seq (cons (f) (repeatedly f))))
  ([n f] (take n (repeatedly f))))

(defn cycle
  "The lazy seq of coll's elements repeated forever (() if none); coll is
  seq'd at once, as Clojure's (a non-seqable is an error here)."
  [coll]
  (let [s (seq coll)]
    (if s
      (letfn [(step [] (lazy-seq (concat s (step))))] (step))
      ())))

(defn drop "The lazy seq of coll without its first n elements; (drop n) is a transducer."
  ([n]
   (fn [rf]
     (let [nv (volatile! n)]
       (fn ([] (rf)) ([result] (rf result))
         ([result input]
          (let [n @nv]
            (vswap! nv dec)
            (if (pos? n) result (rf result input))))))))
  ([n coll]
  (let [step (fn [n coll]
               (let [s (seq coll)]
                 (if (and (pos? n) s) (recur (dec n) (rest s)) s)))]
    (lazy-seq (step n coll)))))

(defn take-while "The lazy seq of the first elements of coll for which (pred x) is
  true; (take-while pred) is a transducer."
  ([pred]
   (fn [rf]
     (fn ([] (rf)) ([result] (rf result))
       ([result input] (if (pred input) (rf result input) (reduced result))))))
  ([pred coll]
   (lazy-seq
    (when-let [s (seq coll)]
      (when (pred (first s))
        (cons (first s) (take-while pred (rest s))))))))

(defn drop-while "The lazy seq of coll from its first element for which (pred x) is
  false; (drop-while pred) is a transducer."
  ([pred]
   (fn [rf]
     (let [dv (volatile! true)]
       (fn ([] (rf)) ([result] (rf result))
         ([result input]
          (if (and @dv (pred input))
            result
            (do (vreset! dv nil) (rf result input))))))))
  ([pred coll]
  (let [step (fn [pred coll]
               (let [s (seq coll)]
                 (if (and s (pred (first s))) (recur pred (rest s)) s)))]
    (lazy-seq (step pred coll)))))

(defn take-nth "The lazy seq of every nth element of coll; (take-nth n) is a transducer."
  ([n]
   (fn [rf]
     (let [iv (volatile! -1)]
       (fn ([] (rf)) ([result] (rf result))
         ([result input]
          (let [i (vswap! iv inc)]
            (if (zero? (rem i n)) (rf result input) result)))))))
  ([n coll]
   (lazy-seq
    (when-let [s (seq coll)]
      (cons (first s) (take-nth n (drop n s)))))))

(defn take-last "The last n elements of coll (nil when none)." [n coll]
  (loop [s (seq coll) lead (seq (drop n coll))]
    (if lead (recur (next s) (next lead)) s)))

(defn drop-last "The lazy seq of coll without its last n (1) elements."
  ([coll] (drop-last 1 coll))
  ([n coll] (map (fn [x _] x) coll (drop n coll))))

(defn nthrest "coll without its first n elements (coll itself when n <= 0)." [coll n]
  (loop [n n xs coll]
    (if-let [xs (and (pos? n) (seq xs))]
      (recur (dec n) (rest xs))
      xs)))

(defn split-at "[(take n coll) (drop n coll)]" [n coll] [(take n coll) (drop n coll)])
(defn split-with "[(take-while pred coll) (drop-while pred coll)]" [pred coll]
  [(take-while pred coll) (drop-while pred coll)])

(defn reverse "coll's elements in reverse order (() when none); not lazy." [coll]
  (reduce (fn [acc x] (cons x acc)) (list) coll))

(defn interleave "The lazy seq of the first of each coll, then the second of each ..."
  ([] ())
  ([c1] (lazy-seq c1))
  ([c1 c2]
   (lazy-seq
    (let [s1 (seq c1) s2 (seq c2)]
      (when (and s1 s2)
        (cons (first s1) (cons (first s2) (interleave (rest s1) (rest s2))))))))
  ([c1 c2 & colls]
   (lazy-seq
    (let [ss (map seq (cons c1 (cons c2 colls)))]
      (when (every? identity ss)
        (concat (map first ss) (apply interleave (map rest ss))))))))

(defn interpose "The lazy seq of coll's elements with sep between them;
  (interpose sep) is a transducer."
  ([sep]
   (fn [rf]
     (let [started (volatile! false)]
       (fn ([] (rf)) ([result] (rf result))
         ([result input]
          (if @started
            (let [sepr (rf result sep)]
              (if (reduced? sepr) sepr (rf sepr input)))
            (do (vreset! started true) (rf result input))))))))
  ([sep coll] (drop 1 (interleave (repeat sep) coll))))

(defn partition
  "The lazy seq of coll in groups of n (a short last group dropped),
  stepping by step; with pad, the last group is filled from it."
  ([n coll] (partition n n coll))
  ([n step coll]
   (lazy-seq
    (when-let [s (seq coll)]
      (let [p (doall (take n s))]
        (when (= n (count p))
          (cons p (partition n step (nthrest s step))))))))
  ([n step pad coll]
   (lazy-seq
    (when-let [s (seq coll)]
      (let [p (doall (take n s))]
        (if (= n (count p))
          (cons p (partition n step pad (nthrest s step)))
          (list (take n (concat p pad)))))))))

(defn partition-all "The lazy seq of coll in groups of n (the last may be short);
  (partition-all n) is a transducer."
  ([n]
   ;; Clojure's n is a ^long: (partition-all nil) is a
   ;; NullPointerException, (partition-all "1") a ClassCastException.
   (let [n (long n)]
   (fn [rf]
     (let [buf (volatile! [])]
       (fn ([] (rf))
         ([result]
          (let [b @buf
                result (if (seq b) (do (vreset! buf []) (unreduced (rf result b))) result)]
            (rf result)))
         ([result input]
          (let [b (vswap! buf conj input)]
            (if (= n (count b))
              (do (vreset! buf []) (rf result b))
              result))))))))
  ([n coll] (partition-all n n coll))
  ([n step coll]
   (lazy-seq
    (when-let [s (seq coll)]
      (let [seg (doall (take n s))]
        (cons seg (partition-all n step (nthrest s step))))))))

(defn partition-by "The lazy seq of coll split each time (f x) changes;
  (partition-by f) is a transducer."
  ([f]
   (fn [rf]
     (let [buf (volatile! []) pv (volatile! ::none)]
       (fn ([] (rf))
         ([result]
          (let [b @buf
                result (if (seq b) (do (vreset! buf []) (unreduced (rf result b))) result)]
            (rf result)))
         ([result input]
          (let [pval @pv val (f input)]
            (vreset! pv val)
            (if (or (= pval ::none) (= val pval))
              (do (vswap! buf conj input) result)
              (let [b @buf]
                (vreset! buf [input])
                (rf result b)))))))))
  ([f coll]
  (lazy-seq
   (when-let [s (seq coll)]
     (let [fst (first s)
           fv (f fst)
           run (cons fst (take-while (fn [x] (= fv (f x))) (next s)))]
       (cons run (partition-by f (lazy-seq (drop (count run) s)))))))))

(defn distinct "The lazy seq of coll without repeated elements (first ones kept);
  (distinct) is a transducer."
  ([]
   (fn [rf]
     (let [seen (volatile! #{})]
       (fn ([] (rf)) ([result] (rf result))
         ([result input]
          (if (contains? @seen input)
            result
            (do (vswap! seen conj input) (rf result input))))))))
  ([coll]
  (let [step (fn step [xs seen]
               (lazy-seq
                (loop [s (seq xs) seen seen]
                  (when s
                    (let [x (first s)]
                      (if (contains? seen x)
                        (recur (next s) seen)
                        (cons x (step (rest s) (conj seen x)))))))))]
    ;; Clojure's distinct destructures coll with nth when it is first
    ;; read: a set, a map or a number is an UnsupportedOperationException.
    (lazy-seq (nth coll 0 nil) (step coll #{})))))

(defn dedupe "The lazy seq of coll without consecutive duplicates; (dedupe) is a transducer."
  ([]
   (fn [rf]
     (let [pv (volatile! ::none)]
       (fn ([] (rf)) ([result] (rf result))
         ([result input]
          (let [prior @pv]
            (vreset! pv input)
            (if (= prior input) result (rf result input))))))))
  ([coll]
  (let [step (fn step [xs prev]
               (lazy-seq
                (loop [s (seq xs)]
                  (when s
                    (let [x (first s)]
                      (if (= x prev)
                        (recur (next s))
                        (cons x (step (rest s) x))))))))]
    (step coll ::none))))

(defn tree-seq "The lazy seq of the nodes of a tree, depth first." [branch? children root]
  (let [walk (fn walk [node]
               (lazy-seq
                (cons node (when (branch? node) (mapcat walk (children node))))))]
    (walk root)))

(defn flatten "The lazy seq of the atoms of nested sequential collections." [x]
  (filter (complement sequential?) (rest (tree-seq sequential? seq x))))

(defn reductions "The lazy seq of the intermediate values of (reduce f init coll)."
  ([f coll]
   (lazy-seq
    (if-let [s (seq coll)]
      (reductions f (first s) (rest s))
      (list (f)))))
  ([f init coll]
   (cons init
         (lazy-seq
          (when-let [s (seq coll)]
            (reductions f (f init (first s)) (rest s)))))))

(defmacro for
  "List comprehension, lazy: (for [x xs :let [...] :when test :while test
  y ys] expr)."
  [seq-exprs body-expr]
  (let [groups (reduce (fn [groups pair]
                         (if (keyword? (first pair))
                           (conj (pop groups) (conj (peek groups) pair))
                           (conj groups [pair])))
                       [] (partition 2 seq-exprs))
        emit (fn emit [groups]
               (let [[[bind expr] & mods] (first groups)
                     more (next groups)
                     iter (gensym "iter__")
                     s (gensym "s__")
                     do-mods (fn do-mods [mods]
                               (let [[k v] (first mods)
                                     etc (next mods)]
                                 (cond
                                   (= k :let) (list 'clojure.core/let v (do-mods etc))
                                   (= k :while) (list 'clojure.core/when v (do-mods etc))
                                   (= k :when) (list 'if v (do-mods etc)
                                                     (list 'recur (list 'clojure.core/rest s)))
                                   (keyword? k) (throw (ex-info (str "Invalid 'for' keyword " k) {}))
                                   more
                                   (let [inner (gensym "inner__") fs (gensym "fs__")]
                                     (list 'clojure.core/let
                                           [inner (emit more)
                                            fs (list 'clojure.core/seq (list inner (second (ffirst more))))]
                                           (list 'if fs
                                                 (list 'clojure.core/concat fs
                                                       (list iter (list 'clojure.core/rest s)))
                                                 (list 'recur (list 'clojure.core/rest s)))))
                                   :else (list 'clojure.core/cons body-expr
                                               (list iter (list 'clojure.core/rest s))))))]
                 (list 'clojure.core/fn iter [s]
                       (list 'clojure.core/lazy-seq
                             (list 'clojure.core/loop [s s]
                                   (list 'clojure.core/when-first [bind s]
                                         (do-mods mods)))))))]
    (list (emit groups) (second seq-exprs))))
