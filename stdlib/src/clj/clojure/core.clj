;; The core library, part written in evelisp itself (as Clojure's
;; clojure/core.clj is). Installed into an env file once, by the first
;; process that opens it (evelisp-stdlib's `install`); later processes find
;; it there. Natives (written in Rust) live in evelisp-eval.
;;
;; The first definitions can only use the special forms (fn* let* loop*
;; ...) and the natives; each later one may use those before it.

(in-ns 'clojure.core)

;;; Bootstrap: small functions over sequences.

(def ^{:doc "The first element of the rest of coll." :arglists '([x])} second
  (fn* second [x] (first (next x))))

(def ^{:doc "The first element of the first element of x." :arglists '([x])}
  ffirst (fn* ffirst [x] (first (first x))))
(def ^{:doc "The next of the first element of x: its elements after the first, nil when none."
       :arglists '([x])}
  nfirst (fn* nfirst [x] (next (first x))))
(def ^{:doc "The first element of the next of x (the same as second)." :arglists '([x])}
  fnext (fn* fnext [x] (first (next x))))
(def ^{:doc "The elements of x after the second, as a seq, or nil when none." :arglists '([x])}
  nnext (fn* nnext [x] (next (next x))))

(def ^{:doc "Whether x is not nil." :arglists '([x])} some? (fn* some? [x] (not (nil? x))))
(def ^{:doc "Whether x is the value true (not merely truthy)." :arglists '([x])}
  true? (fn* true? [x] (= x true)))
(def ^{:doc "Whether x is the value false (nil is not)." :arglists '([x])}
  false? (fn* false? [x] (= x false)))
(def ^{:doc "x as a boolean: false for nil and false, true for anything else."
       :arglists '([x])}
  boolean (fn* boolean [x] (if x true false)))

(def ^:private map-list
  (fn* map-list [f coll]
    (loop* [s (seq coll) acc []]
      (if s
        (recur (next s) (conj acc (f (first s))))
        (seq acc)))))

(def ^{:doc "The first map (its kind and metadata kept) with the entries of the
  others conjoined, later keys winning; nil when all are nil."
       :arglists '([& maps])}
  merge
  (fn* merge [& maps]
    ;; As Clojure's: nil unless some map is not nil; then every map after
    ;; the first conjoined onto it (onto {} while it is nil).
    (if (loop* [ms (seq maps)] (if ms (if (nil? (first ms)) (recur (next ms)) true) false))
      (loop* [ms (next maps) acc (first maps)]
        (if ms
          (recur (next ms) (conj (if (nil? acc) {} acc) (first ms)))
          acc))
      nil)))

;;; The binding macros, with destructuring.

(def ^:private simple-params?
  (fn* simple-params? [params]
    (loop* [ps (seq params)]
      (if ps
        (if (symbol? (first ps)) (recur (next ps)) false)
        true))))

(def ^:private with-conditions
  (fn* with-conditions [body]
    (if (if (map? (first body)) (next body) nil)
      (let* [conds (first body)
             body (next body)
             pre (get conds :pre)
             post (get conds :post)
             check (fn* [c] (list 'clojure.core/assert c))]
        (concat (map-list check pre)
                (if post
                  (list (list 'clojure.core/let ['% (cons 'do body)]
                              (cons 'do (concat (map-list check post) (list '%)))))
                  body)))
      body)))

(def ^:private destructure-arity
  (fn* destructure-arity [sig]
    (let* [params (first sig)
           body (with-conditions (next sig))]
      (if (vector? params)
        nil
        (throw (ex-info (str "Parameter declaration " (pr-str params)
                             " should be a vector")
                        {:type :syntax-error})))
      (if (simple-params? params)
        (cons params body)
        (loop* [ps (seq params) new-params [] lets []]
          (if ps
            (let* [p (first ps)]
              (if (symbol? p)
                (recur (next ps) (conj new-params p) lets)
                (let* [g (gensym "p__")]
                  (recur (next ps) (conj new-params g) (conj (conj lets p) g)))))
            (list new-params (cons 'clojure.core/let (cons lets body)))))))))

(defmacro let
  "Evaluates the body with the bindings' patterns bound (destructuring)."
  [bindings & body]
  (if (vector? bindings)
    nil
    (throw (ex-info "let requires a vector for its binding" {:type :syntax-error})))
  (cons 'let* (cons (destructure bindings) body)))

(defmacro fn
  "A function; params may be destructuring patterns; :pre/:post conditions."
  [& sigs]
  (let* [name (if (symbol? (first sigs)) (first sigs) nil)
         sigs (if name (next sigs) sigs)
         sigs (if (vector? (first sigs)) (list sigs) sigs)
         arities (map-list destructure-arity sigs)]
    (if name
      (cons 'fn* (cons name arities))
      (cons 'fn* arities))))

(defmacro loop
  "Like loop*, with destructuring patterns."
  [bindings & body]
  (if (simple-params? (loop* [s (seq bindings) acc []]
                        (if s (recur (nnext s) (conj acc (first s))) acc)))
    (cons 'loop* (cons bindings body))
    (loop* [s (seq bindings) gs [] outer [] inner []]
      (if s
        (let* [g (gensym "loop__")]
          (recur (nnext s)
                 (conj gs g g)
                 (conj outer g (second s))
                 (conj inner (first s) g)))
        (list 'clojure.core/let outer
              (cons 'loop* (cons gs (list (cons 'clojure.core/let (cons inner body))))))))))

(defmacro defn
  "Defines a function: (defn name doc? attr-map? [params] body) or with
  several ([params] body) arities."
  [name & fdecl]
  (let [doc (if (string? (first fdecl)) (first fdecl) nil)
        fdecl (if doc (next fdecl) fdecl)
        attrs (if (map? (first fdecl)) (first fdecl) {})
        fdecl (if (map? (first fdecl)) (next fdecl) fdecl)
        sigs (if (vector? (first fdecl)) (list fdecl) fdecl)
        m (assoc attrs :arglists (map-list first sigs))
        f (cons 'clojure.core/fn (cons name sigs))]
    (list 'do
          (if doc (list 'def name doc f) (list 'def name f))
          (list 'clojure.core/alter-meta! (list 'var name) 'clojure.core/merge (list 'quote m))
          (list 'var name))))

(defmacro defn-
  "Like defn, the var private to its namespace."
  [name & decls]
  (list 'do
        (cons 'clojure.core/defn (cons name decls))
        (list 'clojure.core/alter-meta! (list 'var name) 'clojure.core/assoc :private true)
        (list 'var name)))

;;; Control macros.

(defmacro when "Evaluates body when test is true." [test & body]
  (list 'if test (cons 'do body)))

(defmacro when-not "Evaluates body when test is false." [test & body]
  (list 'if test nil (cons 'do body)))

(defmacro if-not
  "Evaluates then when test is false (nil or false), else else (default nil)."
  ([test then] (list 'if test nil then))
  ([test then else] (list 'if test else then)))

(defmacro comment "Ignores its body; nil." [& body] nil)

(defmacro cond
  "Clauses test expr ...: the expr of the first true test, or nil."
  [& clauses]
  (when clauses
    (list 'if (first clauses)
          (if (next clauses)
            (second clauses)
            (throw (ex-info "cond requires an even number of forms" {:type :syntax-error})))
          (cons 'clojure.core/cond (nnext clauses)))))

(defmacro and
  "Evaluates the exprs from left to right, stopping at the first falsey one;
  its value, else the last value (true with no exprs)."
  ([] true)
  ([x] x)
  ([x & more]
   (let [g (gensym "and__")]
     (list 'let* [g x] (list 'if g (cons 'clojure.core/and more) g)))))

(defmacro or
  "Evaluates the exprs from left to right, stopping at the first truthy one;
  its value, else the last value (nil with no exprs)."
  ([] nil)
  ([x] x)
  ([x & more]
   (let [g (gensym "or__")]
     (list 'let* [g x] (list 'if g g (cons 'clojure.core/or more))))))

(defmacro ->
  "Threads x through the forms, as their first argument."
  [x & forms]
  (loop [x x forms (seq forms)]
    (if forms
      (let [form (first forms)]
        (recur (if (seq? form)
                 (cons (first form) (cons x (next form)))
                 (list form x))
               (next forms)))
      x)))

(defmacro ->>
  "Threads x through the forms, as their last argument."
  [x & forms]
  (loop [x x forms (seq forms)]
    (if forms
      (let [form (first forms)]
        (recur (if (seq? form)
                 (concat form (list x))
                 (list form x))
               (next forms)))
      x)))

(defmacro if-let
  "bindings is [pattern init]: when init is truthy, evaluates then with
  pattern bound to it, else evaluates else (default nil)."
  ([bindings then] (list 'clojure.core/if-let bindings then nil))
  ([bindings then else]
   (let [[pattern init] bindings
         g (gensym "temp__")]
     (list 'let* [g init]
           (list 'if g (list 'clojure.core/let [pattern g] then) else)))))

(defmacro when-let
  "bindings is [pattern init]: when init is truthy, evaluates body with
  pattern bound to it; else nil."
  [bindings & body]
  (list 'clojure.core/if-let bindings (cons 'do body)))

(defmacro if-some
  "bindings is [pattern init]: when init is not nil, evaluates then with
  pattern bound to it, else evaluates else (default nil)."
  ([bindings then] (list 'clojure.core/if-some bindings then nil))
  ([bindings then else]
   (let [[pattern init] bindings
         g (gensym "temp__")]
     (list 'let* [g init]
           (list 'if (list 'clojure.core/nil? g) else
                 (list 'clojure.core/let [pattern g] then))))))

(defmacro when-some
  "bindings is [pattern init]: when init is not nil, evaluates body with
  pattern bound to it; else nil."
  [bindings & body]
  (list 'clojure.core/if-some bindings (cons 'do body)))

(defmacro when-first
  "bindings is [x coll]: when coll has elements, evaluates body with x bound
  to its first one; else nil."
  [bindings & body]
  (let [[x xs] bindings
        g (gensym "xs__")]
    (list 'clojure.core/when-let [g (list 'clojure.core/seq xs)]
          (cons 'clojure.core/let (cons [x (list 'clojure.core/first g)] body)))))

(defmacro declare "Interns the vars, unbound." [& names]
  (cons 'do (map-list (fn [n] (list 'def n)) names)))

(defmacro defonce
  "Defines name unless its var already has a value."
  [name expr]
  (let [v (gensym "var__")]
    (list 'let* [v (list 'def name)]
          (list 'if (list 'clojure.core/bound-var? v)
                nil
                (list 'def name expr)))))

(defmacro while
  "Evaluates body again and again as long as test is truthy; nil."
  [test & body]
  (list 'loop* [] (list 'if test (concat (cons 'do body) '((recur))) nil)))

(defmacro dotimes
  "Evaluates body with n bound to 0 .. count-1."
  [bindings & body]
  (let [[i n] bindings
        g (gensym "n__")]
    (list 'let* [g n]
          (list 'loop* [i 0]
                (list 'if (list 'clojure.core/< i g)
                      (concat (cons 'do body) (list (list 'recur (list 'clojure.core/inc i))))
                      nil)))))

(defmacro doseq
  "Evaluates body for each binding of the seqs (nested as in `for`, with
  :let, :when and :while), for side effects; nil."
  [bindings & body]
  (let [x (first bindings)
        coll (second bindings)
        more (nnext bindings)]
    (cond
      (nil? (seq bindings)) (cons 'do body)
      (= x :let) (list 'clojure.core/let coll (cons 'clojure.core/doseq (cons (apply vector more) body)))
      (= x :when) (list 'if coll (cons 'clojure.core/doseq (cons (apply vector more) body)))
      (= x :while) (list 'if coll (cons 'clojure.core/doseq (cons (apply vector more) body)) ::stop)
      :else
      (let [s (gensym "seq__")
            r (gensym "r__")
            inner (if more (cons 'clojure.core/doseq (cons (apply vector more) body)) (cons 'do body))]
        (list 'loop* [s (list 'clojure.core/seq coll)]
              (list 'if s
                    (list 'let* [r (list 'clojure.core/let [x (list 'clojure.core/first s)] inner)]
                          (list 'if (list 'clojure.core/= r ::stop)
                                nil
                                (list 'recur (list 'clojure.core/next s))))
                    nil))))))

(defmacro doto
  "Evaluates x, then each form with that value inserted as its first
  argument (for side effects); returns the value of x."
  [x & forms]
  (let [g (gensym "x__")]
    (concat (list 'let* [g x])
            (map-list (fn [f] (if (seq? f)
                                (cons (first f) (cons g (next f)))
                                (list f g)))
                      forms)
            (list g))))

(defmacro assert
  "Throws an AssertionError (an Error, not an Exception) when x is false;
  its message shows the form."
  ([x] (list 'clojure.core/when-not x
             (list 'throw (list 'clojure.core/-error "AssertionError"
                                (str "Assert failed: " (pr-str x))))))
  ([x message]
   (list 'clojure.core/when-not x
         (list 'throw (list 'clojure.core/-error "AssertionError"
                            (list 'clojure.core/str "Assert failed: " message "\n" (pr-str x)))))))

;;; Functions.

(defn bound-var?
  "Whether var v has a root value or a thread binding."
  [v]
  (try (deref v) true
       (catch IllegalStateException _ false)))

(defn mapv "A vector of (f x) for each x of coll." [f coll]
  (-mapv f coll))

(defn filterv "A vector of the xs of coll for which (pred x) is true." [pred coll]
  (-filterv pred coll))

(defn into "Conjoins every element of from onto to." [to from]
  (-into to from))

(defn vec "A vector of coll's elements." [coll]
  (cond
    ;; As Clojure's: a vector itself, without its metadata.
    (vector? coll) (with-meta coll nil)
    (or (seq? coll) (nil? coll) (map? coll) (set? coll) (string? coll)) (-vec-of coll)
    ;; Through to-array (an array, a java.util collection, or its
    ;; RuntimeException for what is not a collection), as Clojure's.
    :else (into [] (to-array coll))))

(defn not=
  "Whether the arguments are not all equal: (not (= x y ...))."
  ([x] false) ([x y] (not (= x y))) ([x y & more] (not (apply = x y more))))
(defn empty? "Whether coll has no elements." [coll] (not (seq coll)))
(defn last "The last element of coll." [coll]
  (loop [s (seq coll)] (if (next s) (recur (next s)) (first s))))
(defn complement
  "A fn that takes the same arguments as f and returns the logical opposite
  of its result."
  [f] (fn [& args] (not (apply f args))))
(defn constantly "A fn that takes any arguments and always returns x." [x] (fn [& _] x))
(defn every? "Whether (pred x) is true for every x of coll." [pred coll]
  (loop [s (seq coll)]
    (cond (nil? s) true
          (pred (first s)) (recur (next s))
          :else false)))
(defn some "The first true (pred x) of coll, or nil." [pred coll]
  (loop [s (seq coll)]
    (when s
      (or (pred (first s)) (recur (next s))))))
(defn get-in
  "The value in the nested associative structure m at the path of keys ks
  (m itself when ks is empty); not-found (default nil) when a key is missing."
  ([m ks] (reduce get m ks))
  ([m ks not-found]
   (loop [m m ks (seq ks)]
     (if ks
       (let [v (get m (first ks) ::none)]
         (if (= v ::none) not-found (recur v (next ks))))
       m))))
(defn assoc-in
  "m with the value at the path of keys [k & ks] set to v; missing levels
  are made as maps."
  [m [k & ks] v]
  (if ks
    (assoc m k (assoc-in (get m k) ks v))
    (assoc m k v)))
(defn update
  "m with the value of k replaced by (apply f old-value args); old-value is
  nil when k is missing."
  [m k f & args] (assoc m k (apply f (get m k) args)))
(defn update-in
  "m with the value at the path of keys ks replaced by (apply f old-value
  args); missing levels are made as maps."
  [m [k & ks] f & args]
  (if ks
    (assoc m k (apply update-in (get m k) ks f args))
    (assoc m k (apply f (get m k) args))))
(defn select-keys
  "A map of only those entries of m whose key is in ks (found with find:
  a set or a number is an IllegalArgumentException); m's metadata kept."
  [m ks]
  (with-meta (reduce (fn [acc k] (if-let [e (find m k)] (conj acc e) acc)) {} ks)
    (meta m)))
(defn vary-meta
  "x with its metadata replaced by (apply f (meta x) args)."
  [x f & args] (with-meta x (apply f (meta x) args)))

(defmacro with-open
  "bindings => [name init ...]

  Evaluates body in a try expression with names bound to the values
  of the inits, and a finally clause that calls (.close name) on each
  name in reverse order."
  [bindings & body]
  (if (= 0 (count bindings))
    (cons 'do body)
    (list 'clojure.core/let [(first bindings) (second bindings)]
          (list 'try
                (cons 'clojure.core/with-open (cons (vec (rest (rest bindings))) body))
                (list 'finally (list '. (first bindings) 'close))))))

;; The REPL's results and last error: bound by each REPL session on its own
;; thread (unbound elsewhere).
(def ^{:dynamic true :doc "In a REPL, the value of the last expression evaluated."} *1)
(def ^{:dynamic true :doc "In a REPL, the value of the second most recent expression."} *2)
(def ^{:dynamic true :doc "In a REPL, the value of the third most recent expression."} *3)
(def ^{:dynamic true :doc "In a REPL, the last error thrown by an evaluation."} *e)
