;; clojure.core, continued: records and types. A record is a heap object
;; wrapping the map of its fields (`heap/src/record.rs`): it reads like a
;; map, keeps its type through assoc, equals only records of its type, and
;; prints as #user.Point{:x 1}. `deftype` makes records too (so its
;; instances also read as maps of their fields). Protocol methods given
;; inline are extended to the type, with the fields in scope.

(in-ns 'clojure.core)

(defn- -field-bindings
  "[f1 (get this :f1) ...] for the fields not shadowed by params."
  [fields this params]
  (let [shadowed (set (filter symbol? (cons this params)))]
    (vec (mapcat (fn [f] (when-not (contains? shadowed f) [f (list 'clojure.core/get this (keyword f))]))
                 fields))))

(defn- -record-arity
  "One arity ([this & params] body...) of a method, with the fields bound."
  [fields [params & body]]
  (let [this (first params)
        this-sym (if (symbol? this) this (gensym "this__"))
        params (vec (cons this-sym (rest params)))
        body (if (symbol? this) body (list (list 'clojure.core/let [this this-sym] (cons 'do body))))]
    (list params (list* 'clojure.core/let (-field-bindings fields this-sym (rest params)) body))))

(defn- -record-method
  "A method form (name [params] body...) or (name ([params] body...) ...)
  with the record's fields in scope."
  [fields form]
  (let [mname (first form)
        arities (if (vector? (second form)) [(rest form)] (rest form))]
    (cons mname (map (fn [a] (-record-arity fields a)) arities))))

(def ^:private -record-interfaces
  "The interfaces of every defrecord class, after its protocols."
  '[clojure.lang.IRecord clojure.lang.IHashEq clojure.lang.IObj clojure.lang.ILookup
    clojure.lang.IKeywordLookup clojure.lang.IPersistentMap java.util.Map java.io.Serializable])

(defn- -inline-interfaces
  "The interfaces the inline specs of defrecord, deftype or reify name
  (their protocols' interfaces), Object left out."
  [pairs]
  (vec (keep (fn [[proto _]]
               (when-not (contains? '#{Object java.lang.Object} proto)
                 (-interface-of proto)))
             pairs)))

(defn- -type-defs
  "The defs common to defrecord and deftype."
  [rname fields specs map-ctor?]
  ;; The class name, as Clojure munges it: `my-app.core.Point` is
  ;; `my_app.core.Point`.
  (let [tname (-class-name rname)
        kws (mapv keyword fields)
        ctor (symbol (str "->" rname))
        pairs (-split-specs specs)
        supers (into (-inline-interfaces pairs)
                     (if map-ctor? -record-interfaces '[clojure.lang.IType]))]
    (concat
     [(list 'clojure.core/-def-class (list 'quote tname) (list 'quote supers))
      (list 'def rname (list 'quote tname))
      (list 'clojure.core/alter-meta! (list 'var rname) 'clojure.core/assoc :evelisp/record-type true)
      (list 'clojure.core/defn ctor (vec fields)
            (list 'clojure.core/-make-record (list 'quote tname) kws
                  (cons 'clojure.core/array-map (interleave kws fields))))
      (list 'def (symbol (str rname ".")) ctor)
      (list 'clojure.core/-def-class-ctor (list 'quote tname) (list 'var ctor))]
     (when map-ctor?
       [(list 'clojure.core/defn (symbol (str "map->" rname)) ['m]
              (list 'clojure.core/-make-record (list 'quote tname) kws
                    (list 'clojure.core/merge
                          (cons 'clojure.core/array-map (interleave kws (repeat nil)))
                          'm)))])
     (keep (fn [[proto forms]]
             (when-not (contains? '#{Object java.lang.Object} proto)
               (list* 'clojure.core/extend-type tname proto
                      (map (fn [f] (-record-method fields f)) forms))))
           pairs))))

(defmacro defrecord
  "(defrecord Name [fields*] Protocol (method [this ...] body)*): a record
  type with constructors ->Name, map->Name and (Name. ...); its instances
  are maps of their fields that keep their type through assoc. Methods of
  Object (toString ...) are not used."
  [rname fields & specs]
  (concat (list 'do) (-type-defs rname fields specs true) (list rname)))

(defmacro deftype
  "(deftype Name [fields*] Protocol (method [this ...] body)*): a type with
  constructors ->Name and (Name. ...); fields are read with (.-field x).
  (In evelisp its instances are records: they also read as maps of their
  fields.)"
  [tname fields & specs]
  (concat (list 'do) (-type-defs tname fields specs false) (list tname)))

(defmacro reify
  "(reify Protocol (method [this ...] body)*): an instance of a new
  anonymous type implementing the protocols, its methods closing over the
  locals where it is made. (In evelisp it is a record whose map holds its
  method fns, under :evelisp.reify/fns; methods of Object are not used.)"
  [& specs]
  (let [tname (symbol (str (.replace (str (ns-name *ns*)) "-" "_") ".reify__" (gensym "")))
        pairs (remove (fn [[proto _]] (contains? '#{Object java.lang.Object} proto))
                      (-split-specs specs))
        method-key (fn [form] (keyword (name (first form))))
        fns (into {} (mapcat (fn [[_ forms]]
                               (map (fn [f] [(method-key f) (cons 'clojure.core/fn (rest f))]) forms))
                             pairs))
        extends (map (fn [[proto forms]]
                       (list 'clojure.core/when-not
                             (list 'clojure.core/contains?
                                   (list 'clojure.core/deref (list :impls-atom proto))
                                   (list 'quote tname))
                             (list 'clojure.core/extend (list 'quote tname) proto
                                   (into {} (map (fn [f]
                                                   (let [k (method-key f)]
                                                     [k (list 'clojure.core/fn ['this '& 'args]
                                                              (list 'clojure.core/apply
                                                                    (list 'clojure.core/get
                                                                          (list :evelisp.reify/fns 'this) k)
                                                                    'this 'args))]))
                                                 forms)))))
                     pairs)]
    (concat (list 'do)
            (list (list 'clojure.core/when-not (list 'clojure.core/class? (list 'quote tname))
                        (list 'clojure.core/-def-class (list 'quote tname)
                              (list 'quote (conj (-inline-interfaces pairs) 'clojure.lang.IObj)))))
            extends
            (list (list 'clojure.core/-make-record (list 'quote tname) []
                        {:evelisp.reify/fns fns})))))

(defmacro dosync
  "Runs body in a ref transaction (joining the running one): its ref
  writes commit together, or the body runs again on a conflict with
  another thread's or process's commit."
  [& body]
  (list 'clojure.core/-run-in-transaction (cons 'fn* (cons [] body))))

(defmacro io!
  "Runs body, unless inside a transaction (an IllegalStateException)."
  [& body]
  (list 'do '(clojure.core/-io-check) (cons 'do body)))

(def -deref-fns
  "Internal: the fn deref calls on a record, by the record's type symbol:
  what a library registers for a record type that is dereferenceable in
  Clojure (implements clojure.lang.IDeref), as babashka.process's Process.
  Called with the record, or the record, timeout-ms and timeout-val."
  (atom {}))
