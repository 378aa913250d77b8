;; babashka.cli, continued: printing a spec's options as a table
;; (format-opts, format-table) and dispatching subcommands (dispatch).
;; A part of babashka/cli.clj, which loads it at its end.

(in-ns 'babashka.cli)

;;; Printing options

(defn- kw->str [kw]
  (subs (str kw) 1))

(defn- str-width
  "The width of s when printed: its length without ANSI escape codes."
  [s]
  (count (str/replace s (re-pattern "(\\x9B|\\x1B\\[)[0-?]*[ -\\/]*[@-~]") "")))

(defn pad
  "s padded with spaces on the right to width len."
  [len s]
  (str s (apply str (repeat (- len (str-width s)) " "))))

(defn- split-multiline-rows
  "Rows with cells of several lines made into several rows, one per line;
  every row gets as many cells as the first."
  [rows]
  (let [width (count (first rows))]
    (mapcat (fn [row]
              (let [cells (mapv #(str/split-lines (str %)) row)
                    height (reduce max 0 (map count cells))]
                (for [line (range height)]
                  (for [col (range width)] (get-in cells [col line] "")))))
            rows)))

(defn pad-cells
  "Rows with each cell padded to the width of its column."
  [rows]
  (let [widths (reduce (fn [widths row]
                         (let [row-widths (mapv str-width row)
                               n (max (count widths) (count row-widths))]
                           (mapv #(max (get widths % 0) (get row-widths % 0)) (range n))))
                       [] rows)]
    (map (fn [row] (map-indexed (fn [i cell] (pad (widths i) cell)) row)) rows)))

(defn format-table
  "The rows (seqs of cells) as lines of aligned columns separated by a
  space, each line indented by `:indent` (2) spaces and right-trimmed."
  [{:keys [rows indent] :or {indent 2}}]
  (let [margin (apply str (repeat indent " "))]
    (->> (pad-cells (split-multiline-rows rows))
         (map (fn [row] (str/trimr (str margin (str/join " " row)))))
         (str/join "\n"))))

(defn opts->table
  "The rows of the table `format-opts` prints for `:spec` (in `:order` when
  given and the spec is a map): alias, option, ref, default and
  description columns, each present when some option has it."
  [{:keys [spec order]}]
  (let [columns (set (mapcat (fn [[_ s]] (keys s)) spec))
        entries (if (map? spec)
                  (map (fn [k] [k (get spec k)]) (or order (keys spec)))
                  spec)]
    (mapv (fn [[long-opt {:keys [alias default default-desc ref desc]}]]
            (keep identity
                  [(when (:alias columns) (if alias (str "-" (kw->str alias) ",") ""))
                   (str "--" (kw->str long-opt))
                   (when (:ref columns) (or ref ""))
                   (when (or (:default-desc columns) (:default columns))
                     (str (or default-desc (str default))))
                   (when (:desc columns) (or desc ""))]))
          entries)))

(defn format-opts
  "The options of `:spec` as a table (see `opts->table`), indented by
  `:indent` (2) spaces."
  [{:as cfg :keys [indent] :or {indent 2}}]
  (format-table {:rows (opts->table cfg) :indent indent}))

;;; Subcommands

(defn- table->tree
  "A dispatch table as a tree: each entry's options under the :cmd path
  of its :cmds; an entry with empty :cmds at the root."
  [table]
  (reduce (fn [tree {:keys [cmds] :as entry}]
            (let [path (interleave (repeat :cmd) cmds)]
              (if (seq path)
                (update-in tree path merge (dissoc entry :cmds))
                (merge tree (dissoc entry :cmds)))))
          {} table))

(defn- deep-merge [a b]
  (reduce (fn [acc k]
            (update acc k (fn [v] (if (map? v) (deep-merge v (get b k)) (get b k)))))
          a (keys b)))

(defn- parse-options? [node args]
  (or (some #{:spec :coerce :require :restrict :validate :args->opts :exec-args} (keys node))
      (let [a (first args)]
        (and (string? a) (or (str/starts-with? a "-") (str/starts-with? a ":"))))))

(defn- dispatch-tree
  "Walks the command tree along args: at each level the options in front
  are parsed with that level's options, then the next arg names a
  subcommand or the level's :fn is called. Options parsed at a level
  above are defaults of the levels below, not checked by their :restrict."
  [tree args opts]
  (loop [cmds [] all-opts {} args args node tree]
    (let [parse? (parse-options? node args)
          level-opts (deep-merge opts node)
          {args :args parsed :opts} (if parse?
                                (parse-args args (assoc (update level-opts :exec-args merge all-opts)
                                                        ::dispatch-tree true
                                                        ::inherited-keys (set (keys all-opts))
                                                        ::ignored-args (set (keys (:cmd node)))))
                                {:args args :opts {}})
          [arg & more] args
          all-opts (merge all-opts parsed)]
      (if-let [sub (get (:cmd node) arg)]
        (recur (conj cmds arg) all-opts more sub)
        (if-let [f (:fn node)]
          (f {:dispatch cmds :opts all-opts :args args})
          ((or (:error-fn opts)
               (fn [{:keys [msg] :as data}] (throw (ex-info msg data))))
           (cond-> {:type :org.babashka/cli
                    :cause (if arg :no-match :input-exhausted)
                    :all-commands (keys (:cmd node))
                    :dispatch cmds
                    :opts all-opts}
             arg (assoc :wrong-input arg))))))))

(defn dispatch
  "Subcommand dispatcher.

  Dispatches on longest matching command entry in `table` by matching
  subcommands to the `:cmds` vector and invoking the correspondig `:fn`.

  Table is in the form:

  ```clojure
  [{:cmds [\"sub_1\" .. \"sub_n\"] :fn f :args->opts [:lib]}
   ...
   {:cmds [] :fn f}]
  ```

  When a match is found, `:fn` called with the return value of
  `parse-args` applied to `args` enhanced with:

  * `:dispatch` - the matching commands
  * `:args` - concatenation of unparsed commands and args

  Use an empty `:cmds` vector to always match or to provide global options.

  Provide an `:error-fn` to deal with non-matches.

  Each entry in the table may have additional `parse-args` options."
  ([table args] (dispatch table args {}))
  ([table args opts]
   (dispatch-tree (if (map? table) table (table->tree table)) args opts)))
