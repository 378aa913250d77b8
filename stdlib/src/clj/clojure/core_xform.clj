;; clojure.core, continued: transducers — transduce, completing, into and
;; sequence with a transducer, eduction, halt-when — and the functions of
;; the core that take one (the transducer arities of map, filter, take ...
;; are beside their lazy arities in core_seq.clj).

(in-ns 'clojure.core)

(defn completing
  "f as a reducing fn with a completion arity: cf (identity) on the result."
  ([f] (completing f identity))
  ([f cf] (fn ([] (f)) ([x] (cf x)) ([x y] (f x y)))))

(defn transduce
  "reduce with (xform f), then its completion: (f (reduce (xform f) init coll))."
  ([xform f coll] (transduce xform f (f) coll))
  ([xform f init coll]
   (let [rf (xform f)]
     (rf (reduce rf init coll)))))

(defn into
  "Conjoins every element of from onto to (through xform if given)."
  ([] [])
  ([to] to)
  ;; Natively: each element added in place while only into holds the
  ;; result (Clojure's transient), to's metadata kept.
  ([to from] (-into to from))
  ([to xform from] (transduce xform conj to from)))

(defn mapv
  "A vector of (f x) for each x of coll; with several colls, of (f x y ...)."
  ([f coll] (-mapv f coll))
  ([f c1 c2] (into [] (map f c1 c2)))
  ([f c1 c2 c3] (into [] (map f c1 c2 c3)))
  ([f c1 c2 c3 & colls] (into [] (apply map f c1 c2 c3 colls))))

(defn sequence
  "coll as a seq (() when empty); with a transducer, the lazy seq of what
  (xform coll) gives, realized as it is read."
  ([coll] (if (seq? coll) coll (or (seq coll) ())))
  ([xform coll]
   (let [buf (volatile! [])
         rf (xform (fn ([acc] acc) ([acc x] (vswap! buf conj x) acc)))
         drain (fn [] (let [out @buf] (vreset! buf []) out))
         step (fn step [s]
                (lazy-seq
                 (loop [s s]
                   (let [out (drain)]
                     (if (seq out)
                       (concat out (step s))
                       (if-let [s (seq s)]
                         (let [r (rf nil (first s))]
                           (if (reduced? r)
                             (do (rf nil) (seq (drain)))
                             (recur (rest s))))
                         (do (rf nil) (seq (drain)))))))))]
     (step coll)))
  ([xform coll & colls]
   ;; The transducer gets one element of each coll per step, until one
   ;; of them runs out.
   (let [buf (volatile! [])
         rf (xform (fn ([acc] acc) ([acc x] (vswap! buf conj x) acc)))
         drain (fn [] (let [out @buf] (vreset! buf []) out))
         step (fn step [ss]
                (lazy-seq
                 (loop [ss ss]
                   (let [out (drain)]
                     (if (seq out)
                       (concat out (step ss))
                       (let [ss (mapv seq ss)]
                         (if (every? some? ss)
                           (let [r (apply rf nil (mapv first ss))]
                             (if (reduced? r)
                               (do (rf nil) (seq (drain)))
                               (recur (mapv rest ss))))
                           (do (rf nil) (seq (drain))))))))))]
     (or (seq (step (cons coll colls))) ()))))

(defn eduction
  "The seq of applying the transducers (composed, in order) to coll."
  [& xforms-and-coll]
  (let [xforms (butlast xforms-and-coll)
        coll (last xforms-and-coll)]
    (sequence (apply comp xforms) coll)))

(defn halt-when
  "A transducer that stops at the first input for which (pred input) is
  true, giving (retf result input), or the input itself."
  ([pred] (halt-when pred nil))
  ([pred retf]
   (fn [rf]
     (fn ([] (rf))
       ([result]
        (if (and (map? result) (contains? result ::halt))
          (::halt result)
          (rf result)))
       ([result input]
        (if (pred input)
          (reduced {::halt (if retf (retf (rf result) input) input)})
          (rf result input)))))))

(defn replace
  "coll with each element found as a key in smap replaced by its value (a
  vector stays a vector); (replace smap) is a transducer."
  ([smap] (map (fn [x] (if-let [e (find smap x)] (val e) x))))
  ([smap coll]
   (if (vector? coll)
     (reduce (fn [v i] (if-let [e (find smap (nth v i))] (assoc v i (val e)) v))
             coll (range (count coll)))
     (map (fn [x] (if-let [e (find smap x)] (val e) x)) coll))))

(defn random-sample
  "The elements of coll each kept with probability prob (a transducer without coll)."
  ([prob] (filter (fn [_] (< (rand) prob))))
  ([prob coll] (filter (fn [_] (< (rand) prob)) coll)))

(defn pmap
  "Like map, but f is applied in parallel (each call a future), running
  ahead of what is read by the number of processors + 2; semi-lazy, as
  Clojure's (over a vector, chunks of 32 calls start at once)."
  ([f coll]
   (let [n (+ 2 (-processors))
         rets (map (fn [x] (future (f x))) coll)
         step (fn step [vs fs]
                (lazy-seq
                 (if-let [s (seq fs)]
                   (cons (deref (first vs)) (step (rest vs) (rest s)))
                   (map deref vs))))]
     (step rets (drop n rets))))
  ([f coll & colls]
   (let [step (fn step [cs]
                (lazy-seq
                 (let [ss (map seq cs)]
                   (when (every? identity ss)
                     (cons (map first ss) (step (map rest ss)))))))]
     (pmap (fn [args] (apply f args)) (step (cons coll colls))))))

(defn comparator
  "A comparator (negative, zero, positive) from pred, a fn of two
  arguments that is true when the first comes before the second."
  [pred]
  (fn [x y] (cond (pred x y) -1 (pred y x) 1 :else 0)))

(defn- sorted-bound
  "As Clojure's mk-bound-fn: whether entry e of sorted collection sc passes
  (test (compare e's key k) 0); sc must be sorted."
  [sc test k]
  (when-not (sorted? sc)
    (throw (-error (if (nil? sc) "NullPointerException" "ClassCastException")
                   (str (pr-str sc) " is not a sorted collection"))))
  (let [set? (set? sc)]
    (fn [e] (test (-sorted-compare sc (if set? e (key e)) k) 0))))

(defn subseq
  "The seq of the entries of sorted collection sc, in order, whose keys
  pass test (< <= > >=) against key, or lie between a start and an end
  bound; nil when none."
  ([sc test key]
   (let [include (sorted-bound sc test key)]
     (seq (if (#{> >=} test)
            (drop-while (complement include) sc)
            (take-while include sc)))))
  ([sc start-test start-key end-test end-key]
   (let [start (sorted-bound sc start-test start-key)
         end (sorted-bound sc end-test end-key)]
     (seq (take-while end (drop-while (complement start) sc))))))

(defn rsubseq
  "As subseq, in reverse order."
  ([sc test key]
   (let [include (sorted-bound sc test key)
         entries (rseq sc)]
     (seq (if (#{< <=} test)
            (drop-while (complement include) entries)
            (take-while include entries)))))
  ([sc start-test start-key end-test end-key]
   (let [start (sorted-bound sc start-test start-key)
         end (sorted-bound sc end-test end-key)]
     (seq (take-while start (drop-while (complement end) (rseq sc)))))))
