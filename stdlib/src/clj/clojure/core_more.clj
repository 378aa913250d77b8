;; clojure.core, continued: the smaller functions and vars scripts use —
;; name predicates, parsing, var redefinition, use, iteration, pcalls, and
;; the dynamic vars of Clojure's compiler and printer that scripts set.

(in-ns 'clojure.core)

(def ^{:dynamic true
       :doc "Whether assert checks its condition; accepted for compatibility:
  evelisp's assert always checks."}
  *assert* true)
(def ^{:dynamic true
       :doc "Accepted for compatibility with Clojure scripts that set it; evelisp
  has no reflection to warn about."}
  *warn-on-reflection* false)
(def ^{:dynamic true
       :doc "Accepted for compatibility with Clojure scripts that set it; evelisp's
  arithmetic is unaffected (see the unchecked-* fns)."}
  *unchecked-math* false)
(def ^{:dynamic true
       :doc "When a number n, the printer shows at most n elements of each
  collection, then ...; nil (the default) shows them all."}
  *print-length* nil)
(def ^{:dynamic true
       :doc "When a number n, the printer shows collections nested at most n deep,
  deeper ones as #; nil (the default) has no limit."}
  *print-level* nil)
(def ^{:dynamic true
       :doc "When true (the default), pr and prn print strings and characters
  readably; when false they print them as print does."}
  *print-readably* true)
(def ^{:dynamic true
       :doc "Accepted for compatibility; evelisp's printer always prints maps with
  their keys' namespaces in full."}
  *print-namespace-maps* false)
(def ^{:dynamic true
       :doc "Accepted for compatibility; evelisp's printer does not consult it."}
  *flush-on-newline* true)
;; Decimals: the math context their arithmetic is rounded under.
(def ^{:dynamic true
       :doc "The math context of decimal (BigDecimal) arithmetic: nil (the
  default: results are exact, and a quotient that does not terminate is an
  ArithmeticException), or a context with-precision binds, which rounds
  every decimal result to its precision with its rounding mode."}
  *math-context* nil)

(defmacro with-precision
  "Sets the precision and rounding mode of decimal arithmetic in body: a
  precision in digits, optionally followed by :rounding and one of HALF_UP
  (the default), HALF_EVEN, HALF_DOWN, UP, DOWN, CEILING, FLOOR or
  UNNECESSARY (java.math.RoundingMode's names).
  (with-precision 10 :rounding HALF_DOWN (/ 1M 3M))"
  [precision & exprs]
  (let [[body rm] (if (= (first exprs) :rounding)
                    [(next (next exprs)) (keyword (name (second exprs)))]
                    [exprs :HALF_UP])]
    `(binding [*math-context* (evelisp.math/math-context ~precision ~rm)]
       ~@body)))

(def ^{:doc "The Clojure version evelisp follows, as a map of :major, :minor,
  :incremental and :qualifier."}
  *clojure-version* {:major 1 :minor 11 :incremental 1 :qualifier nil})
(defn clojure-version "The Clojure version evelisp follows, as a string." [] "1.11.1")

(defn any? "true, whatever x is." [x] true)
(defn indexed? "Whether nth on x takes constant time (a vector)." [x] (vector? x))
(defn qualified-ident? "A symbol or keyword with a namespace." [x] (boolean (and (ident? x) (namespace x))))
(defn qualified-keyword? "A keyword with a namespace." [x] (boolean (and (keyword? x) (namespace x))))
(defn qualified-symbol? "A symbol with a namespace." [x] (boolean (and (symbol? x) (namespace x))))
(defn simple-ident? "A symbol or keyword without a namespace." [x] (and (ident? x) (nil? (namespace x))))
(defn simple-keyword? "A keyword without a namespace." [x] (and (keyword? x) (nil? (namespace x))))
(defn simple-symbol? "A symbol without a namespace." [x] (and (symbol? x) (nil? (namespace x))))
(defn special-symbol? "Whether s names a special form." [s]
  (contains? '#{def if do let* letfn* fn* loop* recur quote var throw try catch finally
               set! new . monitor-enter monitor-exit case* deftype* reify* binding ns defmacro
               &} s))

(defn bounded-count "The count of coll, counting at most n elements of a seq." [n coll]
  (if (counted? coll)
    (count coll)
    (loop [i 0 s (seq coll)] (if (and s (< i n)) (recur (inc i) (next s)) i))))

(defn replicate "n copies of x (deprecated: repeat); lazy, as (take n (repeat x))." [n x]
  (take n (repeat x)))

(defn parse-long "The long s reads as, or nil." [s]
  (when-not (string? s) (throw (-illegal-argument (str "Expected string, got " (if (nil? s) "nil" (type s))))))
  (when (re-matches #"[+-]?\d+" s) (try (Long/parseLong s) (catch Exception _ nil))))

(defn parse-double "The double s reads as, or nil." [s]
  (when-not (string? s) (throw (-illegal-argument (str "Expected string, got " (if (nil? s) "nil" (type s))))))
  (when (re-matches #"\s*[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?))[fFdD]?\s*" s)
    (try (Double/parseDouble s) (catch Exception _ nil))))

(defn parse-boolean "true or false for \"true\" or \"false\", else nil." [s]
  (when-not (string? s) (throw (-illegal-argument (str "Expected string, got " (if (nil? s) "nil" (type s))))))
  (case s "true" true "false" false nil))

;; Reading the next form of a java.io.PushbackReader: the form's text is
;; taken from the reader (natives/io/read_form.rs: the character after it
;; stays unread), then read by read-string.

(defn read
  "Reads the next object from stream, which must be an instance of
  java.io.PushbackReader or some derivee.  stream defaults to the
  current value of *in*. With eof-error? false, eof-value is returned at
  the end of the input (else it is an error). opts, a map, is as
  read-string's: :eof, :read-cond, :features."
  ([] (read *in*))
  ([stream] (read stream true nil))
  ([stream eof-error? eof-value] (read stream eof-error? eof-value false))
  ([stream eof-error? eof-value recursive?]
   (read (if eof-error? {} {:eof eof-value}) stream))
  ([opts stream]
   (let [text (evelisp.io/read-form-text stream)
         v (if text (read-string (assoc opts :eof ::read-eof) text) ::read-eof)]
     (if (identical? v ::read-eof)
       (if (contains? opts :eof)
         (:eof opts)
         (throw (RuntimeException. "EOF while reading")))
       v))))

;; UUIDs, instants and the reader's data objects, as Clojure 1.11 writes
;; them over its host classes (evelisp's: natives/uuid_inst.rs).

(defn uuid? "Whether x is a java.util.UUID." [x] (instance? java.util.UUID x))

(defn random-uuid "A random (version 4) java.util.UUID." [] (java.util.UUID/randomUUID))

(defn parse-uuid
  "The java.util.UUID the string s names, or nil if it names none."
  [s]
  (try (java.util.UUID/fromString s)
       (catch IllegalArgumentException _ nil)))

(defn inst?
  "Whether x is an instant: a java.util.Date or a java.time.Instant."
  [x]
  (or (instance? java.util.Date x) (instance? java.time.Instant x)))

(defn inst-ms
  "Milliseconds since 1970-01-01T00:00:00Z of the instant inst."
  [inst]
  (inst-ms* inst))

(defn tagged-literal
  "The tagged literal of the symbol tag and form: what the reader gives for
  #tag form when it is asked to keep what it cannot read."
  [tag form]
  (clojure.lang.TaggedLiteral/create tag form))

(defn tagged-literal? "Whether value is a tagged literal." [value]
  (instance? clojure.lang.TaggedLiteral value))

(defn reader-conditional
  "The reader conditional of form (a list of features and forms); #?@ when
  splicing? is true."
  [form splicing?]
  (clojure.lang.ReaderConditional/create form splicing?))

(defn reader-conditional? "Whether value is a reader conditional." [value]
  (instance? clojure.lang.ReaderConditional value))

(def ^{:doc "The tag readers the reader always knows: inst (a java.util.Date)
  and uuid (a java.util.UUID)."}
  default-data-readers
  {'uuid #'clojure.uuid/default-uuid-reader
   'inst #'clojure.instant/read-instant-date})

(def ^{:dynamic true
       :doc "A map of tag symbols to the functions the reader calls with the form
  after a tagged literal #tag form (before default-data-readers). Entries of
  the data_readers.clj and data_readers.cljc files on the load path count as
  well."}
  *data-readers* {})

(def ^{:dynamic true
       :doc "When not nil, the function the reader calls with the tag and the form
  of a tagged literal no reader function is known for."}
  *default-data-reader-fn* nil)

(defn with-redefs-fn
  "Calls f with the root of each var of binding-map set to its value,
  putting the roots back after (for every thread and process)."
  [binding-map f]
  (let [olds (into {} (map (fn [[v _]] [v (var-get v)]) binding-map))
        set-all (fn [m] (doseq [[v x] m] (alter-var-root v (constantly x))))]
    (set-all binding-map)
    (try (f) (finally (set-all olds)))))

(defmacro with-redefs
  "Runs body with the roots of the vars named set to the values given."
  [bindings & body]
  (list 'clojure.core/with-redefs-fn
        (zipmap (map (fn [s] (list 'var s)) (take-nth 2 bindings)) (take-nth 2 (rest bindings)))
        (cons 'fn (cons [] body))))

(defn use
  "require each lib and refer all its public vars (or :only those named)."
  [& args]
  (doseq [a args]
    (if (vector? a)
      (let [lib (first a) opts (apply hash-map (rest a))]
        (require lib)
        (if-let [only (:only opts)] (refer lib :only only) (refer lib)))
      (do (require a) (refer a)))))

(defn iteration
  "The lazy seq of (vf ret) for each ret of (step k), from (step initk)
  and then (step (kf ret)), while (somef ret) and kf gives a key."
  [step & {:keys [somef vf kf initk] :or {vf identity kf identity somef some? initk nil}}]
  (let [go (fn go [k]
             (lazy-seq
              (let [ret (step k)]
                (when (somef ret)
                  (cons (vf ret)
                        (when-some [k (kf ret)] (go k)))))))]
    (go initk)))

(defn pcalls "The results of calling the fns, in parallel (pmap)." [& fns] (pmap (fn [f] (f)) fns))
(defmacro pvalues "The values of the exprs, evaluated in parallel." [& exprs]
  (list* 'clojure.core/pcalls (map (fn [e] (list 'fn [] e)) exprs)))

(defn test "Runs the :test fn in the metadata of var v; :ok, or :no-test." [v]
  (if-let [t (:test (meta v))] (do (t) :ok) :no-test))

(defn array-map "A map of the key/value pairs." [& kvs] (apply hash-map kvs))

(def ^:dynamic *agent*
  "The agent whose action the current thread is running, else nil."
  nil)

(defn agent-errors
  "DEPRECATED: Use 'agent-error' instead. A list of the agent's error, or
  nil if it has none."
  [a]
  (when-let [e (agent-error a)] (list e)))

(defn clear-agent-errors
  "DEPRECATED: Use 'restart-agent' instead. Clears the agent's error,
  keeping its state."
  [a]
  (restart-agent a @a))

(defn seq-to-map-for-destructuring
  "The map the keyword arguments s (a seq) destructure as, as Clojure 1.11
  does: a lone element as it is (a trailing map), else the key-value pairs
  (later keys win; a key without a value is an error)."
  [s]
  (if (next s)
    (loop [m {} kvs (seq s)]
      (if kvs
        (if (next kvs)
          (recur (assoc m (first kvs) (second kvs)) (nnext kvs))
          (throw (-illegal-argument (str "No value supplied for key: " (first kvs)))))
        m))
    (if (seq s) (first s) {})))

;; Host interop forms. evelisp's classes are symbols (core_multi.clj
;; defines a var per known class, by full name and, for java.lang, short
;; name); import defines the short names of the classes it names in the
;; current namespace, each the symbol of its full name. Constructors
;; ((Class. ...), new) take short or full names without an import.
(defmacro import
  "import-list => (package-symbol class-name-symbols*)

  For each name in class-name-symbols, makes the class package.name
  available by its short name in the current namespace (in evelisp, a
  private var holding the symbol that names the class).
  Use :import in the ns macro in preference to calling this directly.
  Returns the last class named."
  [& import-symbols-or-lists]
  (let [unquote1 (fn [x] (if (and (seq? x) (= 'quote (first x))) (second x) x))
        names (mapcat (fn [spec]
                        (let [spec (unquote1 spec)]
                          (cond
                            (symbol? spec) [spec]
                            (sequential? spec)
                            (map (fn [c] (symbol (str (first spec) "." c))) (rest spec))
                            :else (throw (IllegalArgumentException.
                                          (str "import: not a class name or list: " (pr-str spec)))))))
                      import-symbols-or-lists)]
    (concat
   (list 'do)
   (map (fn [full]
          (let [n (name full)
                short (symbol (subs n (inc (.lastIndexOf n "."))))]
            (list 'def (with-meta short {:private true :evelisp/class true})
                  (list 'quote full))))
        names)
   (list (list 'quote (last names))))))

(defmacro ..
  "form => fieldName-symbol or (instanceMethodName-symbol args*)

  Expands into a member access (.) of the first member on the first
  argument, followed by the next member on the result, etc. For
  instance:

  (.. System (getProperties) (get \"os.name\"))"
  ([x form] (list '. x form))
  ([x form & more] (cons '.. (cons (list '. x form) more))))

(defmacro amap
  "Maps expr over array a: idx is bound to each index and ret to a clone
  of a, whose element idx is set to expr; ret."
  [a idx ret expr]
  `(let [a# ~a l# (alength a#) ~ret (aclone a#)]
     (loop [~idx 0]
       (if (< ~idx l#)
         (do (aset ~ret ~idx ~expr) (recur (inc ~idx)))
         ~ret))))

(defmacro areduce
  "Reduces array a with expr: idx is bound to each index and ret to the
  value so far (init at first), which expr gives next; the last ret."
  [a idx ret init expr]
  `(let [a# ~a l# (alength a#)]
     (loop [~idx 0 ~ret ~init]
       (if (< ~idx l#) (recur (inc ~idx) ~expr) ~ret))))
