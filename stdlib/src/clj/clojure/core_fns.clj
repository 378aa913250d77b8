;; clojure.core, continued: higher-order functions, threading and
;; conditional macros, and collection functions (frequencies, group-by,
;; merge-with ...). Loaded after core.clj and core_multi.clj.

(in-ns 'clojure.core)

;;; Functions of functions.

(defn partial
  "A fn of the rest of the args of f, the first ones given."
  ([f] f)
  ([f & bound] (fn [& more] (apply f (concat bound more)))))

(defn comp
  "The composition of the fns, right to left."
  ([] identity)
  ([f] f)
  ([f g] (fn [& args] (f (apply g args))))
  ([f g & fs]
   (reduce (fn [acc h] (comp acc h)) (comp f g) fs)))

(defn juxt
  "A fn giving a vector of each fn applied to its args."
  [& fs]
  (fn [& args] (mapv (fn [f] (apply f args)) fs)))

(defn fnil
  "f, with nil first (second, third) arguments replaced by the defaults."
  ([f x] (fn [a & more] (apply f (if (nil? a) x a) more)))
  ([f x y] (fn [a b & more] (apply f (if (nil? a) x a) (if (nil? b) y b) more)))
  ([f x y z]
   (fn [a b c & more]
     (apply f (if (nil? a) x a) (if (nil? b) y b) (if (nil? c) z c) more))))

(defn memoize
  "f, remembering its results by arguments (in an atom in the env file)."
  [f]
  (let [mem (atom {})]
    (fn [& args]
      (let [found (get @mem args ::none)]
        (if (= found ::none)
          (let [v (apply f args)]
            (swap! mem assoc args v)
            v)
          found)))))

(defn some-fn
  "A predicate true when any of the predicates is true of any argument."
  [& ps]
  (fn [& args]
    (some (fn [p] (some p args)) ps)))

(defn every-pred
  "A predicate true when every predicate is true of every argument."
  [& ps]
  (fn [& args]
    (every? (fn [p] (every? p args)) ps)))

(defn trampoline
  "Calls f, then the fn it returns, and so on, until a non-fn comes back."
  ([f] (loop [r (f)] (if (fn? r) (recur (r)) r)))
  ([f & args] (trampoline (fn [] (apply f args)))))

;;; Conditional and threading macros.

(defn- partition-pairs [xs]
  (loop [s (seq xs) acc []]
    (if s (recur (nnext s) (conj acc [(first s) (second s)])) acc)))

(defn- no-matching-clause
  "The form that throws when no clause of a condp or case matches value g."
  [g]
  (list 'throw (list 'clojure.core/ex-info
                     (list 'clojure.core/str "No matching clause: " g)
                     {:type :illegal-argument})))

(defmacro condp
  "(condp pred expr test1 result1 ... default?): the result of the first
  test for which (pred test expr) is true; :>> passes the value on."
  [pred expr & clauses]
  (let [g (gensym "expr__")
        p (gensym "pred__")
        emit (fn emit [clauses]
               (cond
                 (empty? clauses)
                 (no-matching-clause g)
                 (empty? (next clauses)) (first clauses)
                 (= :>> (second clauses))
                 (let [[test _ f & more] clauses
                       v (gensym "v__")]
                   (list 'clojure.core/if-let [v (list p test g)]
                         (list f v)
                         (emit more)))
                 :else
                 (let [[test result & more] clauses]
                   (list 'if (list p test g) result (emit more)))))]
    (list 'clojure.core/let [p pred g expr] (emit clauses))))

(defmacro case
  "(case expr const1 result1 (c2 c3) result2 ... default?): the result of
  the clause whose constant (or one of a list of constants) equals expr."
  [expr & clauses]
  (let [g (gensym "case__")
        emit (fn emit [clauses]
               (cond
                 (empty? clauses)
                 (no-matching-clause g)
                 (empty? (next clauses)) (first clauses)
                 :else
                 (let [[test result & more] clauses
                       test-form (if (seq? test)
                                   (cons 'clojure.core/or
                                         (map-list (fn [c] (list 'clojure.core/= g (list 'quote c))) test))
                                   (list 'clojure.core/= g (list 'quote test)))]
                   (list 'if test-form result (emit more)))))]
    (list 'clojure.core/let [g expr] (emit clauses))))

(defn- thread-steps
  "The let of the conditional threading macros: g bound to expr, then to
  (step g x) for each x of steps."
  [g expr step steps]
  (list 'clojure.core/let
        (reduce (fn [acc x] (conj acc g (step g x))) [g expr] steps)
        g))

(defmacro cond->
  "Threads expr through each form whose test is true (as ->)."
  [expr & clauses]
  (thread-steps (gensym "cond__") expr
                (fn [g [test form]] (list 'if test (list 'clojure.core/-> g form) g))
                (partition-pairs clauses)))

(defmacro cond->>
  "Threads expr through each form whose test is true (as ->>)."
  [expr & clauses]
  (thread-steps (gensym "cond__") expr
                (fn [g [test form]] (list 'if test (list 'clojure.core/->> g form) g))
                (partition-pairs clauses)))

(defmacro as->
  "Binds name to expr, then to each form's value in turn."
  [expr name & forms]
  (thread-steps name expr (fn [_ f] f) forms))

(defmacro some->
  "Threads expr through the forms (as ->) until one gives nil."
  [expr & forms]
  (thread-steps (gensym "some__") expr
                (fn [g f] (list 'if (list 'clojure.core/nil? g) nil (list 'clojure.core/-> g f)))
                forms))

(defmacro some->>
  "Threads expr through the forms (as ->>) until one gives nil."
  [expr & forms]
  (thread-steps (gensym "some__") expr
                (fn [g f] (list 'if (list 'clojure.core/nil? g) nil (list 'clojure.core/->> g f)))
                forms))

(defmacro time
  "Evaluates expr, prints the time it took, gives its value."
  [expr]
  (let [start (gensym "start__")
        v (gensym "v__")]
    (list 'clojure.core/let [start '(clojure.core/nano-time)
                             v expr]
          (list 'clojure.core/println
                (list 'clojure.core/str "\"Elapsed time: "
                      (list 'clojure.core// (list 'clojure.core/double
                                                  (list 'clojure.core/- '(clojure.core/nano-time) start))
                            1000000.0)
                      " msecs\""))
          v)))

;;; Eager collection functions.

(defn sort-by
  "coll sorted by (keyfn x), with compare or comparator."
  ([keyfn coll] (sort (fn [a b] (compare (keyfn a) (keyfn b))) coll))
  ([keyfn comparator coll] (sort (fn [a b] (comparator (keyfn a) (keyfn b))) coll)))

(defn frequencies "A map from each distinct element to how often it occurs." [coll]
  (reduce (fn [m x] (assoc m x (inc (get m x 0)))) {} coll))

(defn group-by "A map from (f x) to the vector of the xs giving it, in order." [f coll]
  (reduce (fn [m x] (let [k (f x)] (assoc m k (conj (get m k []) x)))) {} coll))

(defn zipmap "A map of keys to vals, pairwise." [keys vals]
  (loop [m {} ks (seq keys) vs (seq vals)]
    (if (and ks vs)
      (recur (assoc m (first ks) (first vs)) (next ks) (next vs))
      m)))

(defn reduce-kv "Reduces a map's entries (or a vector's index/value pairs) with (f acc k v)." [f init coll]
  (if (or (map? coll) (vector? coll) (nil? coll))
    ;; Natively: the entries read in place, no entry vectors; a reduced
    ;; value stops it.
    (-reduce-kv f init coll)
    ;; Anything else reducible must hold map entries, as Clojure's
    ;; fallback: a set of numbers is a ClassCastException.
    (reduce (fn [acc e] (f acc (key e) (val e))) init coll)))

(defn run! "Calls f on each element, for side effects; nil." [f coll]
  (reduce (fn [_ x] (f x) nil) nil coll))

(defn not-any? "Whether (pred x) is falsey for every x of coll." [pred coll] (not (some pred coll)))
(defn not-every? "Whether (pred x) is falsey for some x of coll." [pred coll] (not (every? pred coll)))
(defn not-empty "coll, or nil if it is empty." [coll] (when (seq coll) coll))
(defn butlast "The elements but the last, or nil." [coll]
  (loop [s (seq coll) acc []]
    (if (next s) (recur (next s) (conj acc (first s))) (seq acc))))
(defn- -key-extreme
  "The argument among x and more whose (k arg) keeps winning (better? kw kb)
  against the best so far: k is called once per argument, and a later
  candidate wins a tie when better? is >= or <=."
  [better? k x more]
  (loop [best x kb (k x) more (seq more)]
    (if more
      (let [w (first more) kw (k w)]
        (if (better? kw kb) (recur w kw (next more)) (recur best kb (next more))))
      best)))
(defn max-key
  "The argument among x and more for which (k arg), a number, is greatest
  (the last such on ties, as Clojure's); k is called once per argument."
  ([k x] x)
  ([k x & more] (-key-extreme >= k x more)))
(defn min-key
  "The argument among x and more for which (k arg), a number, is least
  (the last such on ties, as Clojure's); k is called once per argument."
  ([k x] x)
  ([k x & more] (-key-extreme <= k x more)))
(defn update-vals
  "m with f applied to every value (a map, or a vector: its indexes are the
  keys); m's metadata kept."
  [m f]
  (with-meta (reduce-kv (fn [acc k v] (assoc acc k (f v))) (if (vector? m) m {}) m)
    (meta m)))
(defn update-keys "A map with f applied to every key of m; m's metadata kept." [m f]
  (with-meta (reduce-kv (fn [acc k v] (assoc acc (f k) v)) {} m) (meta m)))

;;; Volatiles: `volatile!`, `volatile?` and `vreset!` are natives (a
;;; volatile is an object of the env file, changed by plain stores).

(defmacro vswap!
  "Non-atomically swaps the value of the volatile as if:
   (apply f current-value-of-vol args). Returns the value that
   was swapped in."
  [vol f & args]
  (let [v (gensym "vol")]
    (list 'clojure.core/let [v vol]
          (list 'clojure.core/vreset! v (cons f (cons (list 'clojure.core/deref v) args))))))
(defn set "A set of coll's elements (a set itself, without its metadata)." [coll]
  (if (set? coll) (with-meta coll nil) (into #{} coll)))

;;; Transients. The heap's collections are persistent and shared by every
;;; process on the file, so a transient cannot edit nodes in place: a
;;; transient here is a private box (an atom) around the persistent
;;; collection, and conj! & co. replace its content. The API and results are
;;; Clojure's (including the error after persistent!); there is no speed-up.

(defn transient
  "A transient version of coll (a vector, hash map or hash set)."
  [coll]
  (if (and (or (vector? coll) (map? coll) (set? coll)) (not (sorted? coll)))
    (atom {::transient coll})
    (throw (-error (if (nil? coll) "NullPointerException" "ClassCastException")
                   (str (pr-str coll) " cannot be made transient")))))

(defn- transient-coll [t op]
  (let [box (if (instance? clojure.lang.Atom t) @t nil)]
    (cond
      (and (map? box) (contains? box ::transient)) (::transient box)
      (= box ::done) (throw (-error "IllegalAccessError"
                                    "Transient used after persistent! call"))
      :else (throw (-error (if (nil? t) "NullPointerException" "ClassCastException")
                           (str op ": " (pr-str t) " is not a transient"))))))

(defn- transient-update [t op f & args]
  (transient-coll t op)
  (swap! t (fn [box] {::transient (apply f (::transient box) args)}))
  t)

(defn persistent! "The persistent collection of transient t; t is then done." [t]
  (let [coll (transient-coll t "persistent!")]
    (reset! t ::done)
    coll))

(defn conj! "Adds x to transient t; t. With no arguments, a new transient vector."
  ([] (transient []))
  ([t] t)
  ([t x] (transient-update t "conj!" conj x)))
(defn assoc! "assoc on transient t; t. A key without a value gets nil, as in Clojure."
  [t k v & kvs]
  (transient-update t "assoc!" assoc k v)
  (loop [kvs kvs]
    (when kvs
      (transient-update t "assoc!" assoc (first kvs) (second kvs))
      (recur (nnext kvs))))
  t)
(defn dissoc! "dissoc on transient t; t." [t & ks] (apply transient-update t "dissoc!" dissoc ks))
(defn disj! "disj on transient t; t."
  ([t] t)
  ([t x & xs] (apply transient-update t "disj!" disj x xs)))
(defn pop! "pop on transient t; t." [t] (transient-update t "pop!" pop))

(defn list*
  "A seq of the items followed by the elements of the last argument."
  ([args] (seq args))
  ([a args] (cons a args))
  ([a b args] (cons a (cons b args)))
  ([a b c args] (cons a (cons b (cons c args))))
  ([a b c d & more]
   (cons a (cons b (cons c (cons d (let [v (vec more)]
                                     (concat (pop v) (peek v)))))))))

(defn merge-with
  "The maps merged left to right; a key in several is given (f old new)."
  [f & maps]
  (when (some identity maps)
    (let [merge-entry (fn [m e]
                        (let [k (key e) v (val e)]
                          (if (contains? m k) (assoc m k (f (get m k) v)) (assoc m k v))))
          merge2 (fn [m1 m2] (reduce merge-entry (or m1 {}) (seq m2)))]
      (reduce merge2 maps))))

(defn distinct? "Whether no two of the arguments are equal." [x & more]
  (loop [seen #{x} xs more]
    (if (seq xs)
      (if (contains? seen (first xs)) false (recur (conj seen (first xs)) (rest xs)))
      true)))

(defn newline "Writes a newline to *out*; nil." [] (print "\n") nil)

(defn flush
  "Every print writes through to its stream at once, so there is nothing
  buffered to flush; nil."
  [] nil)
