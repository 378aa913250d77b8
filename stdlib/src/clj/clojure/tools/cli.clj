;; clojure.tools.cli: command-line option parsing (parse-opts) as
;; tools.cli 1.0.194 does it, written in evelisp, with two keys of later
;; tools.cli releases (:multi, :post-validation). The summary and error
;; texts are the original's, character for character.

(ns clojure.tools.cli
  "Command-line option parsing by GNU conventions: parse-opts."
  (:require [clojure.string :as s]))

;;; Option specs.

(def ^:private spec-keys
  "The keys an option spec may have (after :validate is split)."
  #{:id :short-opt :long-opt :required :desc :default :default-desc
    :default-fn :parse-fn :assoc-fn :update-fn :validate-fn :validate-msg
    :missing :multi :post-validation})

(defn- as-vector [x]
  (cond (nil? x) nil
        (sequential? x) (vec x)
        :else [x]))

(defn- split-validate
  "[validate-fns validate-msgs] of a :validate vector [fn msg fn msg ...]."
  [validate]
  (when (seq validate)
    (let [pairs (partition 2 2 [nil] validate)]
      [(mapv first pairs) (mapv second pairs)])))

(defn- warn-unknown-keys [spec-map]
  (let [unknown (remove (conj spec-keys :validate) (keys spec-map))]
    (when (seq unknown)
      (binding [*out* *err*]
        (println (str "Warning: The following options to parse-opts are unrecognized: "
                      (s/join ", " unknown)))))))

(defn- compile-spec
  "The map of one option spec: a vector [short-opt long-opt desc & kvs]
  (the strings positional, each may be nil) or a map."
  [spec]
  (let [positional (if (map? spec)
                     []
                     (vec (take 3 (take-while #(or (string? %) (nil? %)) spec))))
        kvs (if (map? spec) spec (apply hash-map (drop (count positional) spec)))
        [short-opt long-opt desc] positional
        long-opt (or long-opt (:long-opt kvs))
        [_ long-opt required] (when long-opt
                                (re-find #"^(--[^ =]+)(?:[ =](.*))?$" long-opt))
        id (when long-opt
             (keyword (nth (re-find #"^--(\[no-\])?(.*)$" long-opt) 2)))
        [validate-fn validate-msg] (split-validate (:validate kvs))]
    (warn-unknown-keys kvs)
    (merge {:id id
            :short-opt short-opt
            :long-opt long-opt
            :required required
            :desc desc
            :validate-fn validate-fn
            :validate-msg validate-msg}
           (let [m (dissoc (select-keys kvs spec-keys) :long-opt)]
             (cond-> m
               (contains? m :validate-fn) (update :validate-fn as-vector)
               (contains? m :validate-msg) (update :validate-msg as-vector))))))

(defn- distinct-values? [xs]
  (= (count xs) (count (distinct xs))))

(defn- check-specs
  "specs, after asserting what tools.cli asserts of them."
  [specs]
  (when-not (every? :id specs)
    (throw (clojure.core/-error
            "AssertionError"
            "Assert failed: every option spec needs an :id (or a long option)")))
  (when-not (distinct-values? (keep :short-opt specs))
    (throw (clojure.core/-error
            "AssertionError" "Assert failed: the short options must be distinct")))
  (when-not (distinct-values? (keep :long-opt specs))
    (throw (clojure.core/-error
            "AssertionError" "Assert failed: the long options must be distinct")))
  (when-not (distinct-values? (map :id (filter :default specs)))
    (throw (clojure.core/-error
            "AssertionError"
            "Assert failed: only one spec of an :id may have a :default")))
  (when (some #(and (:assoc-fn %) (:update-fn %)) specs)
    (throw (clojure.core/-error
            "AssertionError"
            "Assert failed: a spec may not have both :assoc-fn and :update-fn")))
  specs)

(defn- compile-option-specs [option-specs]
  (check-specs (mapv compile-spec option-specs)))

;;; Tokens.

(defn- long-name
  "The long option opt names as written: \"--x\" for \"--[no-]x\"."
  [long-opt]
  (s/replace long-opt "[no-]" ""))

(defn- option-names
  "Every option name specs define (\"--no-x\" too for \"--[no-]x\")."
  [specs]
  (set (mapcat (fn [{:keys [short-opt long-opt]}]
                 (concat (when short-opt [short-opt])
                         (when long-opt
                           (if (s/includes? long-opt "[no-]")
                             [(long-name long-opt) (s/replace long-opt "[no-]" "no-")]
                             [long-opt]))))
               specs)))

(defn- tokenize-short
  "The tokens of a cluster of short options (\"-abc\"): each a flag
  unless it takes an argument, which is then the rest of the cluster."
  [cluster required?]
  (loop [cs (seq (subs cluster 1)) out []]
    (if-let [c (first cs)]
      (let [opt (str "-" c)
            rest-text (apply str (rest cs))]
        (if (and (required? opt) (seq rest-text))
          (conj out [:short-opt opt rest-text])
          (recur (rest cs) (conj out [:short-opt opt]))))
      out)))

(defn- tokenize
  "[tokens arguments] of args: a token is [kind opt] or [kind opt value],
  kind :short-opt or :long-opt; an option that takes an argument takes
  the rest of its cluster, the text after = or the next argument."
  [args required? in-order]
  (loop [args (seq args) tokens [] arguments []]
    (if-not args
      [tokens arguments]
      (let [arg (first args)]
        (cond
          (= arg "--") [tokens (into arguments (rest args))]

          (s/starts-with? arg "--")
          (if-let [[_ opt value] (re-find #"^([^=]+)=(.*)$" arg)]
            (recur (next args) (conj tokens [:long-opt opt value]) arguments)
            (if (and (required? arg) (next args))
              (recur (nnext args) (conj tokens [:long-opt arg (second args)]) arguments)
              (recur (next args) (conj tokens [:long-opt arg]) arguments)))

          (and (s/starts-with? arg "-") (> (count arg) 1))
          (let [short-tokens (tokenize-short arg required?)
                [kind opt value] (peek short-tokens)]
            (if (and (nil? value) (required? opt) (next args))
              (recur (nnext args)
                     (into tokens (conj (pop short-tokens) [kind opt (second args)]))
                     arguments)
              (recur (next args) (into tokens short-tokens) arguments)))

          in-order [tokens (into arguments args)]

          :else (recur (next args) tokens (conj arguments arg)))))))

;;; Parsing.

(defn- find-spec [specs kind opt]
  (first (filter (fn [{:keys [short-opt long-opt]}]
                   (if (= kind :short-opt)
                     (= opt short-opt)
                     (and long-opt
                          (or (= opt long-opt)
                              (and (s/includes? long-opt "[no-]")
                                   (or (= opt (long-name long-opt))
                                       (= opt (s/replace long-opt "[no-]" "no-"))))))))
                 specs)))

(defn- option-text
  "The option and its argument as the error messages quote them."
  [opt optarg]
  (pr-str (str opt " " optarg)))

(defn- validation-error
  "The error of the first validation of spec value fails, or nil."
  [{:keys [validate-fn validate-msg]} value opt optarg]
  (first
   (keep-indexed
    (fn [n f]
      (when-not (try (f value) (catch Throwable _ false))
        (let [msg (nth validate-msg n nil)
              msg (if (fn? msg) (msg value) msg)]
          (str "Failed to validate " (option-text opt optarg)
               (if msg (str ": " msg) "")))))
    validate-fn)))

(defn- exception-text
  "e as Java's Throwable.toString writes it (class: message), with an
  ex-info's data after it as ExceptionInfo's does."
  [e]
  (str (.getName (class e))
       (when-let [m (ex-message e)] (str ": " m))
       (when (instance? clojure.lang.ExceptionInfo e) (str " " (pr-str (ex-data e))))))

(defn- parse-value
  "[value nil] of the token's argument, or [nil error]."
  [{:keys [parse-fn post-validation] :as spec} opt optarg raw]
  (let [[value err] (if parse-fn
                      (try [(parse-fn raw) nil]
                           (catch Throwable e
                             [nil (str "Error while parsing option " (option-text opt optarg)
                                       ": " (exception-text e))]))
                      [raw nil])]
    (cond err [nil err]
          post-validation [value nil]
          :else [value (validation-error spec value opt optarg)])))

(defn- add-option
  "options with the parsed value of spec's option added."
  [options {:keys [id assoc-fn update-fn multi]} value]
  (cond update-fn (if multi
                    (update options id update-fn value)
                    (update options id update-fn))
        assoc-fn (assoc-fn options id value)
        :else (assoc options id value)))

(defn- parse-tokens
  "[options errors ids-given] of the tokens, options starting from
  defaults; ids-given in the order first given."
  [specs tokens defaults strict names]
  (reduce
   (fn [[options errors given] [kind opt optarg]]
     (let [spec (find-spec specs kind opt)]
       (cond
         (nil? spec)
         [options (conj errors (str "Unknown option: " (pr-str opt))) given]

         (and (:required spec)
              (or (nil? optarg) (and strict (contains? names optarg))))
         [options
          (conj errors (str "Missing required argument for "
                            (pr-str (str opt " " (:required spec)))))
          given]

         :else
         (let [optarg (when (:required spec) optarg)
               raw (cond (:required spec) optarg
                         ;; "--no-x" of a "--[no-]x" spec is false.
                         :else (not (and (s/includes? (str (:long-opt spec)) "[no-]")
                                         (s/starts-with? opt "--no-"))))
               [value err] (parse-value spec opt optarg raw)]
           (if err
             [options (conj errors err) given]
             (let [updated (add-option options spec value)
                   post-err (when (:post-validation spec)
                              (validation-error spec (get updated (:id spec)) opt optarg))]
               (if post-err
                 [options (conj errors post-err) given]
                 [updated errors (if (some #{(:id spec)} given) given (conj given (:id spec)))])))))))
   [defaults [] []]
   tokens))

(defn- default-option-map
  "The :default of each spec that has one, by :id."
  [specs]
  (reduce (fn [m spec]
            (if (contains? spec :default) (assoc m (:id spec) (:default spec)) m))
          {} specs))

(defn- apply-default-fns
  "options with each :default-fn not set by an argument applied to them."
  [options specs given]
  (reduce (fn [m {:keys [id default-fn]}]
            (if (and default-fn (not (some #{id} given)))
              (assoc m id (default-fn options))
              m))
          options specs))

;;; Summaries.

(defn make-summary-part
  "The summary columns of one compiled option spec: [opt default desc]
  when show-defaults? is true, else [opt desc]."
  [show-defaults? spec]
  (let [{:keys [short-opt long-opt required desc default default-desc default-fn]} spec
        opt (cond (and short-opt long-opt) (str short-opt ", " long-opt)
                  long-opt (str "    " long-opt)
                  :else short-opt)
        [opt dd] (if required
                   [(str opt " " required)
                    (or default-desc
                        (when (contains? spec :default)
                          (if (nil? default) "nil" (str default)))
                        (when default-fn "<computed>")
                        "")]
                   [opt ""])]
    (if show-defaults?
      [opt dd (or desc "")]
      [opt (or desc "")])))

(defn- pad-right [text width]
  (let [n (- width (count text))]
    (if (pos? n) (str text (apply str (repeat n \space))) text)))

(defn format-lines
  "The summary lines of parts (rows of columns), each column but the last
  padded to its width in lens, columns two spaces apart, each line
  indented two spaces and right-trimmed."
  [lens parts]
  (map (fn [cells]
         (let [widths (concat (butlast lens) [0])]
           (s/trimr (str "  " (s/join "  " (map pad-right cells widths))))))
       parts))

(defn summarize
  "The summary of compiled option specs, one line per option; the default
  column is shown when an option that takes an argument has a default."
  [specs]
  (if (seq specs)
    (let [show-defaults? (boolean
                          (some #(and (:required %)
                                      (or (contains? % :default) (contains? % :default-fn)))
                                specs))
          parts (map (partial make-summary-part show-defaults?) specs)
          lens (apply map (fn [& cells] (apply max (map count cells))) parts)]
      (s/join "\n" (format-lines lens parts)))
    ""))

(defn get-default-options
  "The options map parse-opts would give for no arguments: the defaults
  of option-specs, then their :default-fn values."
  [option-specs]
  (let [specs (compile-option-specs option-specs)
        defaults (default-option-map specs)]
    (apply-default-fns defaults specs [])))

(defn parse-opts
  "Parses args (command-line argument strings) by option-specs, vectors
  [short-opt long-opt-with-required desc & {:as properties}] (or maps),
  properties being :id :short-opt :long-opt :required :desc :default
  :default-desc :default-fn :parse-fn :assoc-fn :update-fn :multi
  :validate (or :validate-fn and :validate-msg) :post-validation :missing.
  Options: :in-order (stop at the first argument), :no-defaults (no
  :default or :default-fn values), :strict (a required argument that is
  itself an option is missing), :summary-fn (of the compiled specs).
  Returns {:options map :arguments vector :summary string :errors vector
  or nil}."
  [args option-specs & options]
  (let [{:keys [in-order no-defaults strict summary-fn]} (apply hash-map options)
        specs (compile-option-specs option-specs)
        required-names (set (mapcat (fn [{:keys [short-opt long-opt required]}]
                                      (when required (remove nil? [short-opt long-opt])))
                                    specs))
        [tokens arguments] (tokenize args required-names in-order)
        defaults (default-option-map specs)
        [parsed errors given] (parse-tokens specs tokens defaults strict (option-names specs))
        ;; :no-defaults keeps only what the arguments set, in that order.
        parsed (if no-defaults
                 (reduce (fn [m id] (assoc m id (get parsed id))) {} given)
                 parsed)
        missing (keep (fn [{:keys [id missing]}]
                        (when (and missing (not (contains? parsed id))) missing))
                      specs)
        errors (into errors missing)
        options (if no-defaults parsed (apply-default-fns parsed specs given))]
    {:options options
     :arguments arguments
     :summary ((or summary-fn summarize) specs)
     :errors (when (seq errors) errors)}))
