;; babashka.cli: command line arguments to a map of options, as the
;; babashka.cli library (org.babashka/cli) documents and does. Arguments
;; are read in one pass into raw values (strings, or collections of them
;; for options that collect), then coerced (an explicit :coerce, otherwise
;; auto-coercion), defaults from :exec-args added, and finally checked
;; (:restrict, :require, :validate). Errors go to :error-fn, which by
;; default throws an ex-info of :type :org.babashka/cli.

(ns babashka.cli
  "Turn command line arguments into Clojure data."
  (:refer-clojure :exclude [parse-boolean parse-long parse-double])
  (:require [clojure.edn :as edn]
            [clojure.string :as str]))

;;; Merging options

(defn- merge-values
  "Two values of one key of merged options: maps merge, sequential or set
  collections are poured together, anything else is replaced."
  [a b]
  (let [pourable? (fn [x] (and (coll? x) (or (sequential? x) (set? x))))]
    (cond (and (map? a) (map? b)) (merge a b)
          (and (pourable? a) (pourable? b)) (into a b)
          :else b)))

(defn merge-opts
  "Merges babashka CLI options."
  [m & ms]
  (reduce (fn [acc m2] (merge-with merge-values acc m2)) m ms))

;;; Coercion of strings

(defn- unexpected-format [s]
  (ex-info (str "Unexpected format: " s) {:s s}))

(defn- parse-boolean
  "True for \"true\" in any case, false for anything else (as
  java.lang.Boolean/parseBoolean)."
  [s]
  (= "true" (str/lower-case s)))

(defn- parse-long [s]
  (or (clojure.core/parse-long s) (throw (unexpected-format s))))

(defn- parse-double [s]
  (or (clojure.core/parse-double (str/trim s)) (throw (unexpected-format s))))

(defn- parse-number
  "The number s is written as in EDN (the whole of s), or throws."
  [s]
  (let [rdr (java.io.PushbackReader. (java.io.StringReader. s))
        v (edn/read {:eof ::eof} rdr)
        more (edn/read {:eof ::eof} rdr)]
    (if (and (number? v) (identical? ::eof more))
      v
      (throw (unexpected-format s)))))

(defn number-char?
  "The number the character c is when read as EDN (a digit), else nil."
  [c]
  (try (parse-number (str c))
       (catch Exception _ nil)))

(defn- char-at [s i]
  (when (string? s) (nth s i nil)))

(defn- digit? [c]
  (and (char? c) (Character/isDigit c)))

(defn parse-keyword
  "Parse keyword from `s`. Ignores leading `:`."
  [s]
  (keyword (if (= \: (char-at s 0)) (subs s 1) s)))

(defn auto-coerce
  "Auto-coerces `s` to data. Does not coerce when `s` is not a string.
  If `s`:
  * is `true` or `false`, it is coerced as boolean
  * starts with number, it is coerced as a number (through `edn/read-string`)
  * starts with `:`, it is coerced as a keyword (through `parse-keyword`)"
  [s]
  (if-not (string? s)
    s
    (try
      (let [c0 (char-at s 0)
            number-start (if (= \- c0) (char-at s 1) c0)]
        (cond (or (= "true" s) (= "false" s)) (= "true" s)
              (= "nil" s) nil
              (digit? number-start) (parse-number s)
              (and (= \: c0) (re-matches #"\:[a-zA-Z][a-zA-Z0-9_/\.-]*" s)) (parse-keyword s)
              :else s))
      (catch Exception _ s))))

(defn- coerce-failure
  "The ex-info for a value s that coercion f could not turn into data;
  implicit? when the value was the true of a flag given without one."
  [s implicit? f cause]
  (ex-info (str "Coerce failure: cannot transform "
                (if implicit? "(implicit) true" (str "input " (pr-str s)))
                (if (keyword? f) " to " " with ")
                (if (keyword? f) (name f) f))
           {:input s :coerce-fn f}
           cause))

(defn- coercion-fn
  "The function a coercion keyword names, or f itself."
  [f]
  (case f
    (:boolean :bool) parse-boolean
    (:int :long) parse-long
    :double parse-double
    :number parse-number
    :symbol symbol
    :keyword parse-keyword
    :string identity
    :edn edn/read-string
    :auto auto-coerce
    f))

(defn- coerce-value
  "s coerced with f (a keyword or a function); a value that is not a
  string is returned as it is. An implicit true (a flag without a value)
  must coerce to true."
  [s f implicit?]
  (let [res (if (string? s)
              (try ((coercion-fn f) s)
                   (catch Exception e
                     (throw (coerce-failure s implicit? f e))))
              s)]
    (if (and implicit? (not (true? res)))
      (throw (coerce-failure s implicit? f nil))
      res)))

(defn coerce
  "Coerce string `s` using `f`. Does not coerce when `s` is not a string.
  `f` may be a keyword (`:boolean`, `:int`, `:double`, `:symbol`,
  `:keyword`) or a function. When `f` return `nil`, this is
  interpreted as a parse failure and throws."
  [s f]
  (coerce-value s f false))

(defn- element-coercion
  "The coercion of the elements of a collection coercion ([:keyword] ->
  :keyword, [] -> nil), or the coercion itself."
  [f]
  (if (coll? f) (first f) f))

;;; Specs

(defn spec->opts
  "Converts spec into opts format. Pass existing opts as optional second argument."
  ([spec] (spec->opts spec nil))
  ([spec {:keys [exec-args]}]
   (reduce
    (fn [acc [k {:keys [coerce collect alias default require validate]}]]
      (cond-> acc
        coerce (update :coerce assoc k coerce)
        collect (update :collect assoc k collect)
        alias (update :alias
                      (fn [aliases]
                        (when (contains? aliases alias)
                          (throw (ex-info (str "Conflicting alias " alias " between "
                                               (get aliases alias) " and " k)
                                          {:alias alias})))
                        (assoc aliases alias k)))
        require (update :require (fnil conj #{}) k)
        validate (update :validate assoc k validate)
        (some? default) (update :exec-args assoc k (get exec-args k default))))
    {}
    spec)))

(defn- resolve-opts
  "opts with what its :spec says merged in (once)."
  [opts]
  (if (::resolved opts)
    opts
    (let [spec (:spec opts)]
      (assoc (if spec (merge-opts opts (spec->opts spec opts)) opts)
             ::resolved true))))

(defn- spec-as-map [spec]
  (if (map? spec) spec (into {} spec)))

(defn- error-handler
  "The function errors are reported to: error-fn (or a throw of an
  ex-info) called with the error's data plus :spec and :type."
  [spec error-fn]
  (let [f (or error-fn (fn [{:keys [msg] :as data}] (throw (ex-info msg data))))]
    (fn [data] (f (merge {:spec spec :type :org.babashka/cli} data)))))

;;; Coercing and validating a parsed map

(defn coerce-opts
  "Coerces the string values in the map `m` with the `:coerce` of `opts`
  (or of its `:spec`); values that are not strings stay as they are.
  A failure goes to `:error-fn` with `:cause :coerce`."
  ([m] (coerce-opts m {}))
  ([m opts]
   (let [spec (:spec opts)
         opts (resolve-opts opts)
         coercions (:coerce opts)
         implicit-keys (::implicit-true-keys opts)
         report (error-handler spec (:error-fn opts))
         coerce-one (fn [v f implicit?]
                      (if f (coerce-value v f implicit?) (auto-coerce v)))]
     (if-not (seq coercions)
       m
       (with-meta
         (reduce-kv
          (fn [acc k v]
            (if-let [c (get coercions k)]
              (let [collection? (coll? c)
                    f (element-coercion c)
                    implicit? (contains? implicit-keys k)]
                (try
                  (assoc acc k
                         (cond
                           (and collection? (coll? v))
                           (reduce #(conj %1 (coerce-one %2 f implicit?)) (or (empty c) []) v)
                           collection? (conj (or (empty c) []) (coerce-one v f implicit?))
                           (coll? v) (into (empty v) (map #(coerce-one % f implicit?)) v)
                           :else (coerce-one v f implicit?)))
                  (catch clojure.lang.ExceptionInfo e
                    (report {:cause :coerce
                             :msg (ex-message e)
                             :option k
                             :value v
                             :opts acc})
                    acc)))
              (assoc acc k v)))
          {} m)
         (meta m))))))

(defn validate-opts
  "Checks the map `m` against the `:restrict`, `:require` and `:validate`
  of `opts` (or of its `:spec`), reporting each failure to `:error-fn`
  (which throws by default). Returns `m`."
  ([m] (validate-opts m {}))
  ([m opts]
   (let [spec (:spec opts)
         opts (resolve-opts opts)
         aliases (or (:alias opts) (:aliases opts))
         known (set (concat (keys (spec-as-map spec)) (vals aliases) (keys (:coerce opts))))
         restrict (or (:restrict opts) (:closed opts))
         restrict (if (true? restrict) known (some-> restrict set))
         report (error-handler spec (:error-fn opts))]
     (when restrict
       (doseq [k (keys m)]
         (when-not (or (contains? restrict k) (= "babashka.cli" (namespace k))
                       (contains? (::inherited-keys opts) k))
           (report {:cause :restrict
                    :msg (str "Unknown option: " k)
                    :restrict restrict
                    :option k
                    :opts m}))))
     (when-let [required (:require opts)]
       (doseq [k required]
         (when-not (find m k)
           (report {:cause :require
                    :msg (str "Required option: " k)
                    :require required
                    :option k
                    :opts m}))))
     (when-let [validate (:validate opts)]
       (doseq [[k v-spec] validate]
         (let [pred (or (and (map? v-spec) (:pred v-spec)) v-spec)]
           (when-let [[_ v] (find m k)]
             (when-not (pred v)
               (let [message (or (and (map? v-spec) (:ex-msg v-spec))
                                 (fn [{:keys [option value]}]
                                   (str "Invalid value for option " option ": " value)))]
                 (report {:cause :validate
                          :msg (message {:option k :value v})
                          :validate validate
                          :option k
                          :value v
                          :opts m})))))))
     m)))

;;; Parsing arguments

(defn parse-cmds
  "Parses sub-commands (arguments not starting with an option prefix) and returns a map with:
  * `:cmds` - The parsed subcommands
  * `:args` - The remaining (unparsed) arguments"
  ([args] (parse-cmds args nil))
  ([args {:keys [no-keyword-opts]}]
   (let [option? (fn [a] (or (str/starts-with? a "-")
                             (and (not no-keyword-opts) (str/starts-with? a ":"))))
         [cmds args] (split-with (complement option?) args)]
     {:cmds cmds :args args})))

(defn- fold-args
  "Leading args given to the option names of args->opts (a possibly
  infinite seq): {:args (the args, each folded one preceded by its option
  keyword) :args->opts (the names left)}. An arg in ignored (a
  subcommand's name) is not folded."
  [args names ignored]
  (if (and names (seq args) (not (contains? ignored (first args))))
    (let [n (min (count args) (bounded-count (count args) names))]
      {:args (concat (interleave names args) (drop n args))
       :args->opts (drop n names)})
    {:args args :args->opts names}))

(defn- classify
  "What arg is, given the parse state: :hyphen (a -x or --x option; not
  -<digit> unless that is a known option or alias), :keyword (a :x option,
  when a value is not expected), :composite (several short flags, -abc),
  :colon (starts with :), and the :mode (:hyphens or :keywords) it fixes."
  [arg {:keys [mode current added known aliases]} boolean-current?]
  (let [c0 (char-at arg 0)
        c1 (char-at arg 1)
        hyphen? (and (not= :keywords mode) (= \- c0) (> (count arg) 1)
                     (let [k (keyword (subs arg 1))]
                       (or (contains? known k) (contains? aliases k) (not (number-char? c1)))))
        mode (or mode (when hyphen? :hyphens))
        colon? (= \: c0)
        kw? (and (not= :hyphens mode) colon?
                 (or boolean-current? (nil? current) (= added current)))]
    {:hyphen hyphen?
     :keyword kw?
     :composite (and hyphen? c1 (not= \- c1) (> (count arg) 2))
     :colon colon?
     :mode (or mode (when kw? :keywords))}))

(defn- collector
  "How values of option k are collected: the :collect function, conj onto
  a :collect or :coerce collection, or nil (a single value)."
  [opts k]
  (let [c (or (get (:collect opts) k)
              (let [coercion (get (:coerce opts) k)]
                (when (coll? coercion) (empty coercion))))]
    (when c (if (coll? c) (fnil conj c) c))))

(defn- add-value [acc k collect v]
  (if collect (update acc k collect v) (assoc acc k v)))

(defn- close-option
  "The state with the option being read ended: an option that got no
  value is a flag, true."
  [{:keys [current added] :as st} opts]
  (if (and current (not= current added))
    (-> st
        (update :acc add-value current (collector opts current) true)
        (update :implicit conj current))
    st))

(defn- with-rest-args [acc args]
  (vary-meta acc assoc-in [:org.babashka/cli :args] (vec args)))

(defn- parse-raw
  "args read into a map of raw values (strings, true for flags, collections
  for collecting options), its metadata holding the positional args under
  [:org.babashka/cli :args] and the keys that got an implicit true."
  [args opts]
  (let [aliases (or (:alias opts) (:aliases opts))
        spec-map (spec-as-map (:spec opts))
        ignored (::ignored-args opts #{})
        base {:known (set (concat (keys spec-map) (vals aliases) (keys (:coerce opts))))
              :aliases (set (concat (keys aliases) (keep :alias (vals spec-map))))}
        boolean-opt? (fn [k] (contains? #{:boolean :bool} (element-coercion (get (:coerce opts) k))))
        {:keys [cmds args]} (parse-cmds args)
        names (or (:args->opts opts) (:cmds-opts opts))
        [cmds args names] (if names
                            (let [f (fold-args cmds names ignored)]
                              [nil (concat (:args f) args) (:args->opts f)])
                            [cmds args nil])
        st (if (and (::dispatch-tree opts) (seq cmds))
             (assoc base :acc (with-rest-args {} (concat cmds args)) :implicit #{})
             (loop [st (assoc base :acc {} :current nil :added nil :implicit #{}
                              :mode (when (:no-keyword-opts opts) :hyphens))
                    args (seq args)
                    names names]
               (if-not args
                 st
                 (let [raw (first args)]
                   (if (keyword? raw)
                     ;; an option name a folded positional arg was given to
                     (recur (assoc (close-option st opts) :current raw :added (:added st))
                            (next args) names)
                     (let [arg (str raw)
                           current (:current st)
                           collect (collector opts current)
                           bool? (boolean-opt? current)
                           kind (classify arg st bool?)
                           st (assoc st :mode (:mode kind))]
                       (if (or (:hyphen kind) (:keyword kind))
                         (let [long? (str/starts-with? arg "--")]
                           (if (= "--" arg)
                             (cond-> st (next args) (update :acc with-rest-args (next args)))
                             (let [[kname value] (if long?
                                                   (str/split (subs arg 2) #"=")
                                                   [(str/replace arg #"^(:|-|)" "")])
                                   raw-k (keyword kname)
                                   alias (when-not long? (get aliases raw-k))
                                   k (or alias raw-k)]
                               (if value
                                 (recur (assoc (close-option st opts) :current k :added nil)
                                        (cons value (rest args)) names)
                                 (let [more (next args)
                                       next-kind (classify (first more) st bool?)
                                       negated? (and (not (contains? (:known st) k))
                                                     (str/starts-with? (str k) ":no-"))]
                                   (cond
                                     (not (or (:hyphen next-kind) (empty? more) negated?))
                                     (recur (assoc (close-option st opts) :current k :added nil)
                                            more names)

                                     (and (not alias) (:composite kind))
                                     (recur (assoc (close-option st opts) :current nil :added nil)
                                            (concat (mapcat (fn [c] [(str "-" c) true]) (name k)) more)
                                            names)

                                     :else
                                     (let [k (if negated? (keyword (subs (str k) 4)) k)]
                                       (recur (assoc (close-option st opts) :current k)
                                              (cons (not negated?) more) names))))))))
                         (let [ends? (or (and bool? (not= "true" arg) (not= "false" arg))
                                         (and (= (:added st) current)
                                              (or (nil? collect) (:repeated-opts opts)
                                                  (contains? ignored (first args)))))]
                           (if ends?
                             (let [folded (if names (fold-args args names ignored) {:args args})]
                               (if (not= args (:args folded))
                                 (recur st (seq (:args folded)) (:args->opts folded))
                                 (update st :acc with-rest-args args)))
                             (let [k (when-not (and (= :keywords (:mode st)) (:colon kind)) current)]
                               (recur (cond-> (-> st
                                                  (update :acc add-value current collect arg)
                                                  (assoc :current k :added k))
                                            (true? raw) (update :implicit conj current))
                                      (next args) names)))))))))))
        st (close-option st opts)
        acc (cond-> (:acc st)
              (and (seq cmds) (not (::dispatch-tree opts)))
              (vary-meta update-in [:org.babashka/cli :args] #(into (vec cmds) %)))]
    (vary-meta acc assoc ::implicit-true-keys (:implicit st))))

(defn parse-opts
  "Parse the command line arguments `args`, a seq of strings.
  Instead of a leading `:` either `--` or `-` may be used as well.

  Return value: a map with parsed opts.

  Additional data such as arguments (not corresponding to any options)
  are available under the `:org.babashka/cli` key in the metadata.

  Supported options:
  * `:coerce` - a map of option (keyword) names to type keywords (optionally wrapped in a collection.)
  * `:alias` - a map of short names to long names.
  * `:spec` - a spec of options.
  * `:restrict` - `true` or coll of keys. Throw on first parsed option not in set of keys or keys of `:spec` and `:coerce` combined.
  * `:require` - a coll of options that are required.
  * `:validate` - a map of validator functions.
  * `:exec-args` - a map of default args. Will be overridden by args specified in `args`.
  * `:no-keyword-opts` - `true`. Support only `--foo`-style opts (i.e. `:foo` will not work).
  * `:repeated-opts` - `true`. Forces writing the option name for every value.
  * `:args->opts` - consume unparsed commands and args as options
  * `:collect` - a map of collection fns.
  * `:error-fn` - called with the data of an error instead of throwing."
  ([args] (parse-opts args {}))
  ([args opts]
   (let [opts (resolve-opts opts)
         raw (parse-raw args opts)
         coercions (reduce (fn [m k] (if (contains? m k) m (assoc m k :auto)))
                           (or (:coerce opts) {}) (keys raw))
         coerced (coerce-opts raw {:coerce coercions
                                   :spec (:spec opts)
                                   :error-fn (:error-fn opts)
                                   ::implicit-true-keys (::implicit-true-keys (meta raw))})
         with-defaults (if-let [defaults (:exec-args opts)]
                         (with-meta (merge defaults coerced) (meta coerced))
                         coerced)]
     (validate-opts with-defaults opts))))

(defn parse-args
  "Same as `parse-opts` but separates parsed opts into `:opts` and adds
  `:cmds` and `:rest-args` on the top level instead of metadata."
  ([args] (parse-args args {}))
  ([args opts]
   (let [parsed (parse-opts args opts)]
     (assoc (:org.babashka/cli (meta parsed)) :opts (dissoc parsed :org.babashka/cli)))))

;; Printing options as a table, and dispatching subcommands.
(load "cli/format")
