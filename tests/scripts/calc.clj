;; calc.clj — a tiny expression language: tokenizer, recursive-descent
;; parser (mutually recursive functions in a letfn), an evaluator that
;; dispatches on node type through a multimethod, a pretty-printer
;; through a protocol, and errors as ex-info with ex-data.
;; Runs unchanged with `clojure calc.clj`.

(ns calc
  (:require [clojure.string :as str]))

;; ---------------------------------------------------------------------------
;; Tokens

(def token-re #"^\s*(?:(\d+\.\d+|\d+)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/%(),]))")

(defn tokenize [src]
  (loop [pos 0, out []]
    (let [rest-src (subs src pos)]
      (if (str/blank? rest-src)
        out
        (if-let [[whole num ident op] (re-find token-re rest-src)]
          (recur (+ pos (count whole))
                 (conj out (cond num [:num (if (str/includes? num ".")
                                             (Double/parseDouble num)
                                             (Long/parseLong num))]
                                 ident [:ident ident]
                                 :else [:op op])))
          (let [skipped (- (count rest-src) (count (str/triml rest-src)))]
            (throw (ex-info "unexpected character"
                            {:at (+ pos skipped) :char (first (str/triml rest-src))}))))))))

;; ---------------------------------------------------------------------------
;; Parser: expr := term (("+"|"-") term)*, term := factor (("*"|"/"|"%") factor)*,
;; factor := unary ("**" factor)?, unary := "-" unary | atom,
;; atom := num | ident | ident "(" args ")" | "(" expr ")"

(defn parse [tokens]
  (letfn [(peek-tok [ts] (first ts))
          (expect [ts tok]
            (if (= tok (first ts))
              (rest ts)
              (throw (ex-info "expected token" {:expected tok :got (first ts)}))))
          (binary [next-level ops]
            (fn [ts]
              (loop [[lhs ts] (next-level ts)]
                (let [[kind op] (peek-tok ts)]
                  (if (and (= kind :op) (ops op))
                    (let [[rhs ts'] (next-level (rest ts))]
                      (recur [{:node :binary :op op :lhs lhs :rhs rhs} ts']))
                    [lhs ts])))))
          (expr [ts] ((binary term #{"+" "-"}) ts))
          (term [ts] ((binary factor #{"*" "/" "%"}) ts))
          (factor [ts]
            (let [[base ts] (unary ts)]
              (if (= [:op "**"] (peek-tok ts))
                (let [[exp ts] (factor (rest ts))]
                  [{:node :binary :op "**" :lhs base :rhs exp} ts])
                [base ts])))
          (unary [ts]
            (if (= [:op "-"] (peek-tok ts))
              (let [[operand ts] (unary (rest ts))]
                [{:node :neg :operand operand} ts])
              (atom* ts)))
          (args [ts acc]
            (let [[arg ts] (expr ts)
                  acc (conj acc arg)]
              (if (= [:op ","] (peek-tok ts))
                (recur (rest ts) acc)
                [acc (expect ts [:op ")"])])))
          (atom* [ts]
            (let [[kind v :as tok] (peek-tok ts)]
              (case kind
                :num [{:node :num :value v} (rest ts)]
                :ident (if (= [:op "("] (second ts))
                         (let [[as ts] (args (drop 2 ts) [])]
                           [{:node :call :fn v :args as} ts])
                         [{:node :var :name v} (rest ts)])
                :op (if (= v "(")
                      (let [[e ts] (expr (rest ts))]
                        [e (expect ts [:op ")"])])
                      (throw (ex-info "unexpected operator" {:op v})))
                (throw (ex-info "unexpected end of input" {:token tok})))))]
    (let [[ast remaining] (expr tokens)]
      (when (seq remaining)
        (throw (ex-info "trailing input" {:tokens (vec remaining)})))
      ast)))

;; ---------------------------------------------------------------------------
;; Evaluation by node type

(def functions
  {"max" max "min" min "abs" #(Math/abs %) "sqrt" #(Math/sqrt %)
   "sum" +})

(defmulti evaluate (fn [node _env] (:node node)))

(defmethod evaluate :num [{:keys [value]} _] value)

(defmethod evaluate :var [{:keys [name]} env]
  (if (contains? env name)
    (get env name)
    (throw (ex-info (str "unbound variable " name) {:variable name :known (sort (keys env))}))))

(defmethod evaluate :neg [{:keys [operand]} env] (- (evaluate operand env)))

(defmethod evaluate :call [{f :fn as :args} env]
  (if-let [g (functions f)]
    (apply g (map #(evaluate % env) as))
    (throw (ex-info "unknown function" {:function f}))))

(defmethod evaluate :binary [{:keys [op lhs rhs]} env]
  (let [a (evaluate lhs env)
        b (evaluate rhs env)]
    (case op
      "+" (+ a b)
      "-" (- a b)
      "*" (* a b)
      "/" (if (zero? b) (throw (ex-info "division by zero" {:lhs a})) (/ a b))
      "%" (mod a b)
      "**" (long (Math/pow a b)))))

;; ---------------------------------------------------------------------------
;; Printing through a protocol: fully parenthesized, and as RPN

(defprotocol Show
  (show [x])
  (rpn [x]))

(extend-protocol Show
  clojure.lang.IPersistentMap
  (show [{:keys [node] :as n}]
    (case node
      :num (show (:value n))
      :var (:name n)
      :neg (str "(-" (show (:operand n)) ")")
      :call (str (:fn n) "(" (str/join ", " (map show (:args n))) ")")
      :binary (str "(" (show (:lhs n)) " " (:op n) " " (show (:rhs n)) ")")))
  (rpn [{:keys [node] :as n}]
    (case node
      (:num :var) [(show n)]
      :neg (conj (rpn (:operand n)) "neg")
      :call (conj (vec (mapcat rpn (:args n))) (str (:fn n) "/" (count (:args n))))
      :binary (-> [] (into (rpn (:lhs n))) (into (rpn (:rhs n))) (conj (:op n)))))
  java.lang.Long
  (show [x] (str x))
  (rpn [x] [(str x)])
  java.lang.Double
  (show [x] (format "%.2f" x))
  (rpn [x] [(show x)]))

(defn depth [node]
  (let [kids (concat (keep node [:lhs :rhs :operand]) (:args node))]
    (inc (reduce max 0 (map depth kids)))))

;; ---------------------------------------------------------------------------

(def env {"x" 6 "y" 7 "rate" 0.25 "n" 10})

(def programs
  ["1 + 2 * 3"
   "(1 + 2) * 3"
   "2 ** 3 ** 2"
   "-x + y * -2"
   "max(x, y, n) - min(3, x)"
   "sum(1, 2, 3, 4) / 4"
   "22 / 7"
   "n * rate + sqrt(16)"
   "abs(x - n) % 3"
   "x / (y - 7)"
   "9223372036854775807 + 1"
   "n * 9223372036854775807"
   "z + 1"
   "foo(1)"
   "(1 + 2"
   "1 + * 2"
   "3 4"
   "2 $ 3"])

(doseq [src programs]
  (try
    (let [ast (parse (tokenize src))
          v (evaluate ast env)]
      (println (format "%-26s => %-8s %s  rpn: %s  depth %d"
                       src (pr-str v) (show ast) (str/join " " (rpn ast)) (depth ast))))
    (catch clojure.lang.ExceptionInfo e
      (println (format "%-26s !! %s %s" src (ex-message e) (pr-str (ex-data e)))))
    (catch ArithmeticException e
      (println (format "%-26s !! arithmetic: %s" src (.getMessage e))))))

(println)
(println "tokens:" (tokenize "max(a1, 2.5) ** -b"))
(let [names (for [src programs
                  :let [toks (try (tokenize src) (catch Exception _ []))]
                  [kind v] toks
                  :when (= kind :ident)]
              v)]
  (println "identifiers:" (frequencies names)))
(println "interleaved:" (str/join " " (interleave ["a" "b" "c"] (map str (range)) ["x" "y" "z" "w"])))
(println "table:")
(doseq [row (partition 3 (for [a (range 1 4) b (range 1 4)] (* a b)))]
  (println (str/join " " (map #(format "%3d" %) row))))
