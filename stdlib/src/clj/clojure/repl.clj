;; clojure.repl: doc, source, dir, apropos, find-doc, pst — for the REPL
;; (which refers them into `user`). Documentation comes from var metadata in
;; the env file; source text from the file a var was defined in (or the
;; core library built into the binary).

(ns clojure.repl
  "REPL utilities: doc, source, dir, apropos, find-doc, pst."
  (:require [clojure.string :as str]))

(def ^:private special-forms
  {'def "(def symbol doc-string? init?)\n  Creates and interns a global var with the name of symbol in the current namespace."
   'if "(if test then else?)\n  Evaluates test; then if it is not nil or false, else else."
   'do "(do exprs*)\n  Evaluates the expressions in order, returns the value of the last."
   'let* "(let* [bindings*] exprs*)\n  Binds names to values, evaluates exprs in that scope."
   'loop* "(loop* [bindings*] exprs*)\n  Like let*, and a recur target."
   'recur "(recur exprs*)\n  Evaluates exprs, then rebinds the bindings of the recursion point and jumps back to it."
   'fn* "(fn* name? ([params*] exprs*)+)\n  A function."
   'letfn* "(letfn* [name fn-form ...] exprs*)\n  Mutually recursive local functions."
   'quote "(quote form)\n  Yields the unevaluated form."
   'var "(var symbol)\n  The var (not its value) the symbol names."
   'throw "(throw expr)\n  Throws the value of expr."
   'try "(try expr* catch-clause* finally-clause?)\n  Evaluates exprs; an error matching a catch clause is handled there; finally always runs."
   'set! "(set! var-symbol expr)\n  Sets the thread binding of a dynamic var."
   'binding "(binding [var-symbol expr ...] body)\n  Binds dynamic vars for the body, on this thread."})

(defn- print-doc [title kind arglists doc]
  (println "-------------------------")
  (println title)
  (when arglists (prn arglists))
  (when kind (println kind))
  (when doc (println " " doc)))

(defn doc-for
  "Prints the documentation of what sym names: a special form, a var, a
  namespace."
  [sym]
  (if-let [special (get special-forms sym)]
    (print-doc (str sym) "Special Form" nil special)
    (if-let [v (resolve sym)]
      (let [m (meta v)]
        (print-doc (subs (str v) 2)
                   (when (:macro m) "Macro")
                   (:arglists m)
                   (:doc m)))
      (when-let [ns (find-ns sym)]
        (print-doc (str (ns-name ns)) nil nil nil))))
  nil)

(defn- qualified
  "sym resolved now (when a macro expands, in the namespace being
  compiled), as a qualified symbol; else sym."
  [sym]
  (if (and (not (contains? special-forms sym)) (resolve sym))
    (symbol (subs (str (resolve sym)) 2))
    sym))

(defmacro doc
  "Prints the documentation of a var, special form or namespace."
  [name]
  (list 'clojure.repl/doc-for (list 'quote (qualified name))))

(defn source-fn
  "The source text of the var sym names, or nil."
  [sym]
  (when-let [v (resolve sym)]
    (let [{:keys [file line]} (meta v)]
      (when (and file line)
        (evelisp.repl/source-at file line)))))

(defmacro source
  "Prints the source of the var sym names."
  [name]
  (list 'clojure.core/println
        (list 'clojure.core/or
              (list 'clojure.repl/source-fn (list 'quote (qualified name)))
              (str "Source not found"))))

(defn dir-fn
  "The sorted public names of namespace ns."
  [ns]
  (sort (keys (ns-publics (the-ns ns)))))

(defmacro dir
  "Prints the sorted public names of a namespace."
  [ns]
  (list 'clojure.core/doseq ['n (list 'clojure.repl/dir-fn (list 'quote ns))]
        (list 'clojure.core/println 'n)))

(defn- matches? [pattern s]
  (if (string? pattern)
    (str/includes? s pattern)
    (boolean (re-find pattern s))))

(defn apropos
  "The sorted qualified names of public vars whose name contains str-or-pattern."
  [str-or-pattern]
  (sort (reduce (fn [acc ns]
                  (reduce (fn [acc n]
                            (if (matches? str-or-pattern (name n))
                              (conj acc (symbol (str (ns-name ns)) (name n)))
                              acc))
                          acc (keys (ns-publics ns))))
                [] (all-ns))))

(defn find-doc
  "Prints the documentation of every public var whose name or doc matches
  re-string-or-pattern."
  [re-string-or-pattern]
  (doseq [sym (apropos "")]
    (let [m (meta (resolve sym))]
      (when (or (matches? re-string-or-pattern (str (:name m)))
                (and (:doc m) (matches? re-string-or-pattern (:doc m))))
        (doc-for sym)))))

(defn pst
  "Prints an error (default *e): its class, message and data."
  ([] (pst *e))
  ([e]
   (when e
     (println (str (type e) ": " (ex-message e)))
     (when-let [data (ex-data e)] (println "  data:" (pr-str data)))
     (when-let [cause (ex-cause e)]
       (println "Caused by:")
       (pst cause)))))
