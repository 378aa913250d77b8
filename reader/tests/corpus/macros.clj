(ns demo.macros)

(defmacro unless
  "Evaluates body when test is false."
  [test & body]
  `(if ~test nil (do ~@body)))

(defmacro with-timing [label & body]
  `(let [start# (System/nanoTime)
         result# (do ~@body)]
     (println ~label (/ (- (System/nanoTime) start#) 1e6) "ms")
     result#))

(defmacro defgetters [& fields]
  `(do ~@(for [f fields]
           `(defn ~(symbol (str "get-" (name f))) [m#] (get m# ~(keyword f))))))

(defmacro cond-let
  [& clauses]
  (when-let [[binding then & more] (seq clauses)]
    (if (= binding :else)
      then
      `(if-let ~binding ~then (cond-let ~@more)))))

(defmacro nested-quotes []
  `(list 'a `b ~'c ~(list 'quote 'd) '~e))

(defmacro with-meta-test [x]
  (with-meta `(identity ~x) {:line (:line (meta &form))}))

(defmacro anaphoric-if [test then else]
  `(let [~'it ~test] (if ~'it ~then ~else)))

(defn use-them []
  (unless false (println "ran"))
  (with-timing "sum" (reduce + (range 1e6)))
  (cond-let [x (seq [])] x
            [y (first [1 2])] (* 2 y)
            :else :none)
  (anaphoric-if (re-find #"\d+" "abc 123") (Long/parseLong it) 0))
