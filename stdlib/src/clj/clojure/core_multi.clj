;; Multimethods, hierarchies and protocols: the part of clojure.core that
;; dispatches on values and their types, written in evelisp (after
;; core.clj, whose definitions it uses).
;;
;; Everything that changes lives in the env file, so a `derive`,
;; `defmethod` or `extend-type` evaluated by one process is used by a call
;; in another:
;; - the global hierarchy is an atom in the var `global-hierarchy`;
;; - a multimethod is a fn closing over its state atom
;;   (`{:name :dispatch-fn :default :hierarchy :methods :prefers}`, and a
;;   cache of the methods found through isa?); the
;;   registry atom `-multifns` maps each multimethod fn to that atom, for
;;   `methods`, `defmethod`, `prefer-method`, ...;
;; - a protocol is a map in its var whose `:impls-atom` holds
;;   `{class-symbol {:method-keyword fn}}` (nil is the key for nil), and
;;   whose `:cache-atom` caches the lookups through supertypes.
;; Classes are symbols naming the class Clojure would give a value
;; (`java.lang.Long`, `clojure.lang.PersistentVector`); `type`, `class`,
;; `instance?` and the class table are natives (stdlib natives/types.rs).
;; Records, deftype and reify are not here yet.

(in-ns 'clojure.core)

;;; Small helpers.

(defn- -disj1 "Set s without x." [s x]
  (reduce (fn [acc y] (if (= x y) acc (conj acc y))) #{} s))

(defn- -union "The set of the elements of a (a set or nil) and coll." [a coll]
  (reduce conj (if (nil? a) #{} a) coll))

(defn- -not-empty [coll] (when (seq coll) coll))

(defn -error
  "An error value of the host exception class named class (its short
  name, e.g. \"ClassCastException\": one the evaluator knows) with
  message msg, for the core library to throw as Clojure's Java code does."
  [class msg]
  (assoc (ex-info msg {}) :evelisp.ex/class class))

(defn -illegal-argument
  "An error value of class IllegalArgumentException with message msg."
  [msg]
  (-error "IllegalArgumentException" msg))

;;; Class names as values: `String`, `java.lang.Long`,
;;; `clojure.lang.IPersistentMap` ... evaluate to the symbol naming the
;;; class, so `(instance? String x)` and `(= (type x) Long)` work.

(defmacro ^:private -def-class-vars []
  (cons 'do
        (reduce (fn [acc pair]
                  (let [short (nth pair 0)
                        full (nth pair 1)
                        acc (conj acc (list 'def full
                                           (str "The class " full " as a value: the symbol naming it.")
                                           (list 'quote full)))]
                    (if short
                      (conj acc (list 'def short
                                      (str "The class " full " as a value: the symbol naming it.")
                                      (list 'quote full)))
                      acc)))
                []
                (-class-names))))

(-def-class-vars)

(defn -def-class
  "Internal: defines the class cname (a symbol such as my_app.core.Point)
  as defrecord, deftype, reify and defprotocol do: a var of clojure.core
  named cname and holding it (so the class name resolves in every
  namespace, as a class does), whose :evelisp/class-supers metadata lists
  the class's direct supertypes, for instance?, isa?, supers and
  ancestors. cname."
  [cname supers]
  (let [v (intern 'clojure.core cname cname)]
    (alter-meta! v assoc
                 :evelisp/class-supers (vec supers)
                 :doc (str "The class " cname " as a value: the symbol naming it."))
    cname))

(defn -def-class-ctor
  "Internal: makes (cname. args...) call the constructor var ctor (->Name
  of defrecord and deftype) in every namespace, as a class's constructor
  is reachable. The var of clojure.core made for it."
  [cname ctor]
  (let [v (intern 'clojure.core (symbol (str cname ".")) (deref ctor))]
    (alter-meta! v assoc
                 :doc (str "Makes a " cname " (its constructor).")
                 :arglists (get (meta ctor) :arglists))
    v))

(defn -class-name
  "Internal: the class name Clojure gives the type or protocol called n in
  the current namespace (my-app.core and Point give my_app.core.Point)."
  [n]
  (symbol (str (.replace (str (ns-name *ns*)) "-" "_") "." n)))

(defn -interface-of
  "Internal: the interface an inline spec of defrecord, deftype or reify
  names: a protocol's :on-interface, the class a class name stands for,
  else the symbol as written."
  [p]
  (let [v (resolve p)
        x (when (and (var? v) (bound-var? v)) (deref v))]
    (cond (and (map? x) (get x :on-interface)) (get x :on-interface)
          (symbol? x) x
          :else p)))

;;; Hierarchies.

(defn supers
  "The set of every supertype of class c, or nil."
  [c]
  (-not-empty (-union nil (-class-supers c))))

(defn bases
  "The direct supertypes of class c, or nil."
  [c]
  (seq (-class-parents c)))

(defn make-hierarchy
  "A new, empty hierarchy."
  []
  {:parents {} :descendants {} :ancestors {}})

(defonce ^{:doc "The global hierarchy: an atom holding a hierarchy map."}
  global-hierarchy
  (atom (make-hierarchy)))

(defn isa?
  "Whether child is parent, derives from it (directly or not) in hierarchy
  h (default: the global hierarchy), is a class below it, or, for
  vectors, whether each element of child isa? the one of parent."
  ([child parent] (isa? (deref global-hierarchy) child parent))
  ([h child parent]
   (boolean
    (or (= child parent)
        (and (class? child) (class? parent)
             (some (fn [c] (= c parent)) (-class-supers child)))
        ;; h's :ancestors is called, as Clojure does: a non-hierarchy h
        ;; is a NullPointerException.
        (contains? ((:ancestors h) child) parent)
        (and (class? child)
             (some (fn [c] (contains? ((:ancestors h) c) parent))
                   (-class-supers child)))
        (and (vector? parent) (vector? child)
             (= (count parent) (count child))
             (loop [ret true i 0]
               (if (or (not ret) (= i (count parent)))
                 ret
                 (recur (isa? h (nth child i) (nth parent i)) (inc i)))))))))

(defn parents
  "The immediate parents of tag in hierarchy h (default: the global
  hierarchy), or nil."
  ([tag] (parents (deref global-hierarchy) tag))
  ([h tag]
   (-not-empty
    (let [tp (get (get h :parents) tag)]
      (if (class? tag) (-union tp (-class-parents tag)) tp)))))

(defn ancestors
  "Every ancestor of tag in hierarchy h (default: the global hierarchy),
  or nil."
  ([tag] (ancestors (deref global-hierarchy) tag))
  ([h tag]
   (-not-empty
    (let [ta (get (get h :ancestors) tag)]
      (if (class? tag)
        (let [supers (-class-supers tag)]
          (reduce (fn [acc c] (-union acc (get (get h :ancestors) c)))
                  (-union ta supers)
                  supers))
        ta)))))

(defn descendants
  "Every descendant of tag in hierarchy h (default: the global
  hierarchy), or nil. Classes have none known."
  ([tag] (descendants (deref global-hierarchy) tag))
  ([h tag]
   (if (class? tag)
     (throw (ex-info "Can't get descendants of classes"
                     {:type :unsupported-operation}))
     (-not-empty (get (get h :descendants) tag)))))

(defn derive
  "Makes parent a parent of tag in hierarchy h, returning the new
  hierarchy; with two arguments, in the global hierarchy (parent must be
  namespace-qualified), returning nil."
  ([tag parent]
   (assert (namespace parent))
   (assert (or (class? tag) (and (or (keyword? tag) (symbol? tag)) (namespace tag))))
   (swap! global-hierarchy derive tag parent)
   nil)
  ([h tag parent]
   (assert (not= tag parent))
   (assert (or (class? tag) (keyword? tag) (symbol? tag)))
   (assert (or (keyword? parent) (symbol? parent)))
   (let [tp (get h :parents)
         td (get h :descendants)
         ta (get h :ancestors)
         tf (fn [m source sources target targets]
              (reduce (fn [ret k]
                        (assoc ret k (-union (get targets k)
                                             (cons target (seq (get targets target))))))
                      m
                      (cons source (seq (get sources source)))))]
     (if (contains? (get tp tag) parent)
       h
       (do
         (when (contains? (get ta tag) parent)
           (throw (ex-info (str tag " already has " parent " as ancestor") {})))
         (when (contains? (get ta parent) tag)
           (throw (ex-info (str "Cyclic derivation: " parent " has " tag " as ancestor") {})))
         {:parents (assoc tp tag (-union (get tp tag) [parent]))
          :ancestors (tf ta tag td parent ta)
          :descendants (tf td parent ta tag td)})))))

(defn underive
  "Removes parent as a parent of tag in hierarchy h, returning the new
  hierarchy; with two arguments, in the global hierarchy, returning nil."
  ([tag parent]
   (swap! global-hierarchy underive tag parent)
   nil)
  ([h tag parent]
   (let [parent-map (get h :parents)]
     (if (contains? (get parent-map tag) parent)
       (let [childs-parents (-disj1 (get parent-map tag) parent)
             new-parents (if (seq childs-parents)
                           (assoc parent-map tag childs-parents)
                           (dissoc parent-map tag))]
         (reduce (fn [acc e]
                   (reduce (fn [acc p] (derive acc (nth e 0) p)) acc (nth e 1)))
                 (make-hierarchy)
                 new-parents))
       h))))

;;; Multimethods.

(defonce ^{:doc "Every multimethod fn, mapped to the atom of its state."}
  -multifns
  (atom {}))

(defn -multi-state
  "The state atom of multimethod mf (an error if mf is not one)."
  [mf]
  (let [st (get (deref -multifns) mf)]
    (if (nil? st)
      (throw (-error (if (nil? mf) "NullPointerException" "ClassCastException")
                     (str (pr-str mf) " is not a multimethod")))
      st)))

(defn -multi-var?
  "Whether var v holds a multimethod."
  [v]
  (and (bound-var? v) (contains? (deref -multifns) (deref v))))

(defn -register-multi
  "Records fn mf as a multimethod whose state is the atom st; mf."
  [mf st]
  (swap! -multifns assoc mf st)
  mf)

(defn- -prefers? [h pt x y]
  (boolean
   (or (contains? (get pt x) y)
       (some (fn [p] (-prefers? h pt x p)) (parents h y))
       (some (fn [p] (-prefers? h pt p y)) (parents h x)))))

(defn- -dominates? [h pt x y]
  (or (-prefers? h pt x y) (isa? h x y)))

(defn- -best-method
  "The method of state s for dispatch value dv in hierarchy h (through
  isa? and the preferences, then the default), or nil."
  [s h dv]
  (let [pt (get s :prefers)
        best (reduce
              (fn [best e]
                (let [k (nth e 0)]
                  (if (isa? h dv k)
                    (let [best (if (or (nil? best) (-dominates? h pt k (nth best 0)))
                                 e
                                 best)]
                      (if (-dominates? h pt (nth best 0) k)
                        best
                        (throw (-illegal-argument
                                (str "Multiple methods in multimethod '" (get s :name)
                                     "' match dispatch value: " (pr-str dv) " -> "
                                     (pr-str k) " and " (pr-str (nth best 0))
                                     ", and neither is preferred")))))
                    best)))
              nil
              (get s :methods))]
    (if best
      (nth best 1)
      (get (get s :methods) (get s :default)))))

(defn- -cache-method
  "State s2 with method f cached for dispatch value dv under hierarchy
  h, unless its methods or preferences are no longer those of s (the
  state f was found in)."
  [s2 s h dv f]
  (if (and (= (get s2 :methods) (get s :methods))
           (= (get s2 :prefers) (get s :prefers)))
    (if (= h (get s2 :cache-h))
      (assoc s2 :cache (assoc (get s2 :cache) dv f))
      (assoc (assoc s2 :cache {dv f}) :cache-h h))
    s2))

(defn- -find-method
  "The method of multimethod state atom st for dispatch value dv, or nil:
  an exact match (when there are no preferences), else the method cached
  for dv under the current hierarchy, else the best method found through
  isa? (then cached: methods, preferences or hierarchy changing empty the
  cache)."
  [st dv]
  (let [s (deref st)
        m (get (get s :methods) dv)]
    (if (and m (empty? (get s :prefers)))
      m
      (let [h (deref (get s :hierarchy))
            cached (when (= h (get s :cache-h)) (get (get s :cache) dv))]
        (if cached
          cached
          (let [best (-best-method s h dv)]
            (when best (swap! st -cache-method s h dv best))
            best))))))

(defn -multi-target
  "The method multimethod state atom st calls for dispatch value dv; an
  IllegalArgumentException when there is none."
  [st dv]
  (let [m (-find-method st dv)]
    (if (nil? m)
      (throw (-illegal-argument
              (str "No method in multimethod '" (get (deref st) :name)
                   "' for dispatch value: " (if (nil? dv) "null" (pr-str dv)))))
      m)))

(defn- -change-methods
  "Applies f to the method table of multimethod mf (emptying its cache);
  mf."
  [mf f]
  (swap! (-multi-state mf)
         (fn [s] (assoc (assoc s :methods (f (get s :methods))) :cache {})))
  mf)

(defn -new-multi-state
  "The state atom of a new multimethod."
  [mname dispatch-fn default hierarchy]
  (atom {:name mname :dispatch-fn dispatch-fn :default default
         :hierarchy hierarchy :methods {} :prefers {} :cache {} :cache-h nil}))

(defmacro defmulti
  "Creates a multimethod: (defmulti name docstring? attr-map? dispatch-fn
  & options), options :default (dispatch value of the default method,
  :default) and :hierarchy (a reference to a hierarchy, the global one by
  default). A name that already holds a multimethod is left as it is."
  [mm-name & options]
  (let [doc (if (string? (first options)) (first options) nil)
        options (if doc (next options) options)
        options (if (map? (first options)) (next options) options)
        dispatch-fn (first options)
        opts (apply hash-map (next options))
        default (get opts :default :default)
        hierarchy (get opts :hierarchy 'clojure.core/global-hierarchy)
        v (gensym "v__")
        st (gensym "state__")
        df (gensym "dispatch__")
        more (gensym "more__")]
    (list 'let* [v (list 'def mm-name)]
          (list 'if (list 'clojure.core/-multi-var? v)
                v
                (list 'let* [df dispatch-fn
                             st (list 'clojure.core/-new-multi-state
                                      (list 'quote mm-name) df default hierarchy)]
                      (concat
                       (if doc (list 'def mm-name doc) (list 'def mm-name))
                       (list
                        (list 'clojure.core/-register-multi
                              (list 'fn* mm-name
                                    (list [] (list (list 'clojure.core/-multi-target st (list df))))
                                    (list '[a] (list (list 'clojure.core/-multi-target st (list df 'a)) 'a))
                                    (list '[a b] (list (list 'clojure.core/-multi-target st (list df 'a 'b)) 'a 'b))
                                    (list '[a b c] (list (list 'clojure.core/-multi-target st (list df 'a 'b 'c)) 'a 'b 'c))
                                    (list ['a 'b 'c '& more]
                                          (list 'clojure.core/apply
                                                (list 'clojure.core/-multi-target st
                                                      (list 'clojure.core/apply df 'a 'b 'c more))
                                                'a 'b 'c more)))
                              st)))
                      (list 'var mm-name))))))

(defn -add-method
  "Adds method f for dispatch value dv to multimethod mf; mf."
  [mf dv f]
  (-change-methods mf (fn [ms] (assoc ms dv f))))

(defmacro defmethod
  "Adds a method to multimethod mf for dispatch value dv: (defmethod mf
  dv name? [params] body) or with several arities."
  [mf dv & fn-tail]
  (list 'clojure.core/-add-method mf dv (cons 'clojure.core/fn fn-tail)))

(defn methods
  "The map of dispatch value → method of multimethod mf."
  [mf]
  (get (deref (-multi-state mf)) :methods))

(defn get-method
  "The method multimethod mf would call for dispatch value dv (through
  isa? and the default), or nil."
  [mf dv]
  (-find-method (-multi-state mf) dv))

(defn remove-method
  "Removes the method of multimethod mf for dispatch value dv; mf."
  [mf dv]
  (-change-methods mf (fn [ms] (dissoc ms dv))))

(defn remove-all-methods
  "Removes every method of multimethod mf; mf."
  [mf]
  (-change-methods mf (fn [_] {})))

(defn prefer-method
  "Makes multimethod mf prefer dispatch value x over y when both match;
  mf."
  [mf x y]
  (let [st (-multi-state mf)]
    (swap! st
           (fn [s]
             (if (-prefers? (deref (get s :hierarchy)) (get s :prefers) y x)
               (throw (ex-info (str "Preference conflict in multimethod '" (get s :name)
                                    "': " (pr-str y) " is already preferred to " (pr-str x))
                               {:type :illegal-state}))
               (assoc (update s :prefers (fn [p] (assoc p x (-union (get p x) [y]))))
                      :cache {}))))
    mf))

(defn prefers
  "The map of preferences of multimethod mf: x → the set of values x is
  preferred over."
  [mf]
  (get (deref (-multi-state mf)) :prefers))

;;; Protocols.

(defn -protocol-value
  "The value of a protocol's var v on (re)definition: spec, keeping the
  implementations when v already holds a protocol. :impls-atom holds
  {class {:method fn}}; :cache-atom [impls {class method-map}], the
  method maps found through supertypes for those impls."
  [v spec]
  (let [old (when (bound-var? v) (deref v))
        keep? (and (map? old) (get old :impls-atom))]
    (assoc (assoc spec :impls-atom (if keep? (get old :impls-atom) (atom {})))
           :cache-atom (if (and keep? (get old :cache-atom))
                         (get old :cache-atom)
                         (atom [nil {}])))))

(defn- -protocol? [p] (and (map? p) (some? (get p :impls-atom))))

(defn- -check-protocol
  "Throws unless p is a protocol: an error of class (default
  IllegalArgumentException), as the Java code behind Clojure's fn does."
  ([p] (-check-protocol p "IllegalArgumentException"))
  ([p class]
   (when-not (-protocol? p)
     (throw (-error class (str (pr-str p) " is not a protocol"))))))

(defn- -find-impl
  "The method map of impls for value x: by x's class, then its
  supertypes (nil has only its own)."
  [impls x]
  (let [c (class x)
        m (get impls c)]
    (cond m m
          (nil? c) nil
          ;; A record is a map: the supertypes of Clojure's records.
          (record? x) (some (fn [s] (get impls s))
                            (cons 'clojure.lang.IRecord (-class-supers 'clojure.lang.PersistentArrayMap)))
          :else (some (fn [s] (get impls s)) (-class-supers c)))))

(defn- -cached-impl
  "The method map of protocol proto for x, through its cache of the
  supertype lookups."
  [proto x]
  (let [impls (deref (get proto :impls-atom))
        c (class x)
        m (get impls c)]
    (cond
      m m
      (nil? c) nil
      :else
      (let [ca (get proto :cache-atom)
            cache (when ca (deref ca))
            cached (when (and cache (= impls (nth cache 0))) (get (nth cache 1) c))]
        (or cached
            (let [found (-find-impl impls x)]
              (when (and found ca)
                (swap! ca (fn [cache]
                            (if (= impls (nth cache 0))
                              [impls (assoc (nth cache 1) c found)]
                              [impls {c found}]))))
              found))))))

(defn -protocol-method
  "The implementation of method mkey of protocol proto for x; an
  IllegalArgumentException when there is none."
  [proto mkey x]
  (let [f (get (-cached-impl proto x) mkey)]
    (if (nil? f)
      (throw (-illegal-argument
              (str "No implementation of method: " mkey " of protocol: #'"
                   (get proto :name) " found for class: "
                   (if (nil? x) "nil" (class x)))))
      f)))

(defmacro defprotocol
  "Defines a protocol: (defprotocol Name docstring? (method [this ...]+
  docstring?)*), and a function per method dispatching on the type of its
  first argument. Redefining a protocol keeps its implementations."
  [pname & opts+sigs]
  (let [doc (if (string? (first opts+sigs)) (first opts+sigs) nil)
        sigs (if doc (next opts+sigs) opts+sigs)
        sigs (loop [s (seq sigs)] (if (keyword? (first s)) (recur (nnext s)) s))
        qname (symbol (str (ns-name *ns*)) (name pname))
        iface (-class-name (name pname))
        specs (mapv (fn [sig]
                      {:name (first sig)
                       :arglists (filterv vector? (rest sig))
                       :doc (some (fn [x] (when (string? x) x)) (rest sig))})
                    sigs)
        v (gensym "v__")
        method-def
        (fn [spec]
          (let [mkey (keyword (name (get spec :name)))
                arities (mapv (fn [arglist]
                                (let [params (mapv (fn [_] (gensym "p__")) arglist)]
                                  (list params
                                        (cons (list 'clojure.core/-protocol-method
                                                    pname mkey (first params))
                                              (seq params)))))
                              (get spec :arglists))]
            (concat (list 'clojure.core/defn (get spec :name))
                    (if (get spec :doc) (list (get spec :doc)) nil)
                    arities)))]
    (concat
     (list 'do
           (list 'clojure.core/-def-class (list 'quote iface) [])
           (list 'let* [v (list 'def pname)]
                 (concat (list 'def pname)
                         (if doc (list doc) nil)
                         (list (list 'clojure.core/-protocol-value v
                                     (list 'quote
                                           {:name qname
                                            :on-interface iface
                                            :doc doc
                                            :sigs (reduce (fn [acc s]
                                                            (assoc acc (keyword (name (get s :name))) s))
                                                          {} specs)}))))))
     (mapv method-def specs)
     (list (list 'quote pname)))))

(defn extend
  "Extends protocols to type atype (a class symbol, nil, or a short
  name): (extend atype proto {:method fn ...} ...)."
  [atype & proto+mmaps]
  (let [t (-resolve-class atype)]
    (loop [s (seq proto+mmaps)]
      (when s
        (let [proto (first s)
              mmap (second s)]
          (-check-protocol proto)
          (swap! (get proto :impls-atom) assoc t mmap)
          (recur (nnext s)))))))

(defn- -impl-map
  "The map {:method (fn ...)} of the method forms of an extend-type:
  (name [params] body) or (name ([params] body) ...); several forms of one
  name are the arities of one fn."
  [forms]
  (let [groups (reduce (fn [acc f]
                         (let [k (keyword (name (first f)))]
                           (assoc acc k (conj (get acc k []) (rest f)))))
                       {}
                       forms)]
    (reduce (fn [acc e]
              (let [bodies (nth e 1)]
                (assoc acc (nth e 0)
                       (if (= 1 (count bodies))
                         (cons 'clojure.core/fn (first bodies))
                         (cons 'clojure.core/fn (seq bodies))))))
            {}
            groups)))

(defn- -split-specs
  "[[head [forms...]] ...] of specs: each non-list is a head, the lists
  after it are its forms."
  [specs]
  (reduce (fn [acc x]
            (if (seq? x)
              (let [i (dec (count acc))
                    [head forms] (nth acc i)]
                (assoc acc i [head (conj forms x)]))
              (conj acc [x []])))
          []
          specs))

(defn- -record-class
  "The type a record name (its var, made by defrecord) stands for, else nil."
  [t]
  (when (symbol? t)
    (let [v (resolve t)]
      (when (and (var? v) (get (meta v) :evelisp/record-type))
        (deref v)))))

(defmacro extend-type
  "Extends protocols to type t: (extend-type t Proto (method [this] ...)
  ... Proto2 ...)."
  [t & specs]
  (let [t (or (-record-class t) (-resolve-class t))]
    (concat (list 'clojure.core/extend (list 'quote t))
            (reduce (fn [acc pair]
                      (conj (conj acc (nth pair 0)) (-impl-map (nth pair 1))))
                    []
                    (-split-specs specs)))))

(defmacro extend-protocol
  "Extends protocol p to several types: (extend-protocol P Type1 (method
  [this] ...) ... Type2 ...)."
  [p & specs]
  (cons 'do
        (mapv (fn [pair] (concat (list 'clojure.core/extend-type (nth pair 0) p)
                                 (nth pair 1)))
              (-split-specs specs))))

(defn satisfies?
  "Whether x's type (or a supertype) implements protocol p."
  [p x]
  (-check-protocol p "NullPointerException")
  (boolean (-find-impl (deref (get p :impls-atom)) x)))

(defn extends?
  "Whether type atype (or a supertype) implements protocol p."
  [p atype]
  (-check-protocol p "ClassCastException")
  (let [impls (deref (get p :impls-atom))
        t (-resolve-class atype)]
    (boolean (or (contains? impls t)
                 (some (fn [s] (contains? impls s)) (-class-supers t))))))

(defn extenders
  "The types protocol p has been extended to."
  [p]
  (when (-protocol? p)
    (keys (deref (get p :impls-atom)))))
