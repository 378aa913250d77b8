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

(defn replicate "n copies of x (deprecated: repeat)." [n x] (repeat n x))

(defn parse-long "The long s reads as, or nil." [s]
  (when-not (string? s) (throw (ex-info (str "Expected string, got " (type s)) {:type :illegal-argument})))
  (when (re-matches #"[+-]?\d+" s) (try (Long/parseLong s) (catch Exception _ nil))))

(defn parse-double "The double s reads as, or nil." [s]
  (when-not (string? s) (throw (ex-info (str "Expected string, got " (type s)) {:type :illegal-argument})))
  (when (re-matches #"\s*[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?))[fFdD]?\s*" s)
    (try (Double/parseDouble s) (catch Exception _ nil))))

(defn parse-boolean "true or false for \"true\" or \"false\", else nil." [s]
  (when-not (string? s) (throw (ex-info (str "Expected string, got " (type s)) {:type :illegal-argument})))
  (case s "true" true "false" false nil))

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

(defn shutdown-agents
  "Scripts call this at the end so that Clojure's agent and future thread
  pools let the JVM exit. evelisp has no such pools (a future's thread
  ends with its work, and the process exits when the script does), so
  there is nothing to stop; unlike Clojure, futures may still be started
  after it. nil."
  []
  nil)

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
