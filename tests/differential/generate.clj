;; Generates the differential cases (JVM Clojure only): for every public fn
;; of clojure.core, clojure.string, clojure.set, clojure.walk and
;; clojure.edn not in `excluded`, calls built from its :arglists. Each
;; parameter takes its values from a pool chosen by the parameter's name
;; (`coll` gets collections, `n` numbers, `f` functions, ...); the first
;; value of a pool is an ordinary one. Per arglist: the all-ordinary call,
;; then each parameter in turn given each other value of its pool (the
;; rest ordinary), so every edge value meets every position. Prints
;; `id<TAB>expression` lines; ids are `var/arity/index`, stable while the
;; pools are.
(ns differential.generate
  (:require [clojure.string :as str]
            [clojure.set]
            [clojure.walk]
            [clojure.edn]))

(def namespaces '[clojure.core clojure.string clojure.set clojure.walk clojure.edn])

(def pools
  {:any ["1" "nil" "\"abc\"" "[1 2]" ":k" "2.5" "{:a 1}" "'sym" "\\c" "true"
         "1/2" "()" "#{1}" "(range 3)" "##NaN" "-1" "0"]
   :coll ["[1 2 3]" "nil" "[]" "'(1 2 3)" "{:a 1 :b 2}" "#{1 2}" "\"abc\"" "()"
          "{}" "#{}" "(range 5)" "42" ":k" "(sorted-map 2 :b 1 :a)"
          "(sorted-set 3 1 2)" "(seq [1 2])" "[nil false]" "(vec (range 20))"]
   :f ["inc" "nil" "identity" "vector" "str" "+" ":a" "first" "{1 :one}"
       "(fn [& xs] (count xs))"]
   :pred ["even?" "nil" "identity" "nil?" "#{1 2}" ":a" "(constantly true)"]
   :n ["2" "0" "-1" "nil" "2.5" "1/2" "\"1\"" "9223372036854775807"
       "-9223372036854775808" "##NaN" "##Inf" "1N" "100" "1.0"]
   :s ["\"abc\"" "\"\"" "nil" "1" ":k" "\"a b c\"" "\"a\\nb\"" "\"ABC\""
       "'sym" "\" x \"" "\"a,b,,c\""]
   :map ["{:a 1 :b 2}" "{}" "nil" "[1 2]" "\"m\"" "(sorted-map :b 2 :a 1)"
         "(hash-map 1 2)" "42" "'(1 2)" "#{:a}" "(zipmap (range 12) (range 12))"]
   :key [":a" ":z" "nil" "0" "\"a\"" "1" "'a" "[1]"]
   :keys ["[:a]" "[]" "nil" "[:a :b]" "[:z]" "\"a\"" ":a" "'(0)"]
   :sym ["'abc" "'a/b" "\"abc\"" "nil" ":k" "1" "\"a/b\"" "'clojure.core/inc"]
   :ns ["'clojure.string" "'user" "'no.such.ns" "nil" "\"user\"" "1"]
   :re ["#\"a+\"" "nil" "\"a\"" "#\"(a)(b)?\"" "1"]
   :ref ["(atom 1)" "nil" "1" "(volatile! 1)" "(ref 1)" "(delay 1)"]
   :array ["(int-array [1 2 3])" "(object-array [1 nil])" "nil" "[1 2]"
           "(long-array 0)" "(double-array [1.5])"]
   :form ["'(+ 1 2)" "'x" "nil" "[1 'a {:b (list 2)}]" "''a" "'(a (b c))" "1"]
   :xform ["(map inc)" "(filter even?)" "nil" "(take 2)" "inc"]
   :rf ["+" "conj" "nil" "str"]
   :set ["#{1 2}" "#{}" "nil" "[1 2]" "#{2 3}" "{:a 1}" "(sorted-set 1 3)"]
   :rel ["#{{:a 1 :b 2} {:a 2 :b 3}}" "#{}" "nil" "[{:a 1}]" "#{1 2}"]
   :cmp ["compare" "<" "nil" ">" "(fn [a b] (compare b a))"]
   :kvs [":b" "2"]})

(def pool-of-name
  (merge
   (zipmap '[coll c c1 c2 c3 seq aseq items xs ys zs elements rs tail coll-a vec
             children content colls maps]
           (repeat :coll))
   (zipmap '[f fun func fn g h keyfn fs fns retf pf inner outer branch? pad]
           (repeat :f))
   (zipmap '[pred test start-test end-test] (repeat :pred))
   (zipmap '[n num size cnt i idx index count len limit step start end from to
             shift offset dim idx2 idxv size-or-seq init-val-or-seq bits
             from-index timeout-ms prob]
           (repeat :n))
   (zipmap '[s s1 s2 substr match replacement sep separator prefix-string fmt msg
             string cs]
           (repeat :s))
   (zipmap '[m map kmap smap km binding-map metadata-map cmap opts options
             _meta mappings]
           (repeat :map))
   (zipmap '[key k dispatch-val dispatch-val-x dispatch-val-y start-key end-key
             keyword]
           (repeat :key))
   (zipmap '[ks keys keyseq idxs] (repeat :keys))
   (zipmap '[sym name tag alias ns-sym namespace-sym lib] (repeat :sym))
   (zipmap '[ns] (repeat :ns))
   (zipmap '[re] (repeat :re))
   (zipmap '[atom ref iref reference vol] (repeat :ref))
   (zipmap '[array arr] (repeat :array))
   (zipmap '[form] (repeat :form))
   (zipmap '[xform xform*] (repeat :xform))
   (zipmap '[rf] (repeat :rf))
   (zipmap '[set set1 set2 xset sets] (repeat :set))
   (zipmap '[xrel yrel] (repeat :rel))
   (zipmap '[comparator comp] (repeat :cmp))
   (zipmap '[kvs keyvals] (repeat :kvs))))

(def excluded
  "Vars whose calls touch the outside world, the shared state of the run,
  threads, time or randomness, or the JVM itself."
  '#{clojure.core/shutdown-agents clojure.core/read clojure.core/read-line
     clojure.core/read+string clojure.core/load clojure.core/load-file
     clojure.core/load-reader clojure.core/load-string clojure.core/spit
     clojure.core/slurp clojure.core/require clojure.core/use clojure.core/refer
     clojure.core/refer-clojure clojure.core/import clojure.core/in-ns
     clojure.core/intern clojure.core/ns-unmap clojure.core/ns-unalias
     clojure.core/remove-ns clojure.core/create-ns clojure.core/alias
     clojure.core/alter-var-root clojure.core/set-validator!
     clojure.core/add-watch clojure.core/remove-watch clojure.core/rand
     clojure.core/rand-int clojure.core/rand-nth clojure.core/shuffle
     clojure.core/random-sample clojure.core/random-uuid clojure.core/gensym
     clojure.core/future-call clojure.core/pcalls clojure.core/pmap
     clojure.core/pvalues clojure.core/agent clojure.core/send clojure.core/send-off
     clojure.core/send-via clojure.core/await clojure.core/await-for
     clojure.core/await1 clojure.core/restart-agent clojure.core/set-agent-send-executor!
     clojure.core/set-agent-send-off-executor! clojure.core/release-pending-sends
     clojure.core/set-error-handler! clojure.core/set-error-mode!
     clojure.core/agent-error clojure.core/agent-errors clojure.core/clear-agent-errors
     clojure.core/error-handler clojure.core/error-mode clojure.core/promise
     clojure.core/deliver clojure.core/deref clojure.core/future-cancel
     clojure.core/io! clojure.core/sync clojure.core/dosync clojure.core/ref-set
     clojure.core/alter clojure.core/commute clojure.core/ensure
     clojure.core/push-thread-bindings clojure.core/pop-thread-bindings
     clojure.core/get-thread-bindings clojure.core/thread-bound?
     clojure.core/with-bindings* clojure.core/bound-fn* clojure.core/eval
     clojure.core/compile clojure.core/gen-class clojure.core/gen-interface
     clojure.core/proxy-call-with-super clojure.core/construct-proxy
     clojure.core/get-proxy-class clojure.core/init-proxy clojure.core/update-proxy
     clojure.core/proxy-mappings clojure.core/bean clojure.core/create-struct
     clojure.core/struct clojure.core/struct-map clojure.core/accessor
     clojure.core/resultset-seq clojure.core/iterator-seq clojure.core/enumeration-seq
     clojure.core/file-seq clojure.core/line-seq clojure.core/xml-seq
     clojure.core/print-method clojure.core/print-dup clojure.core/print-ctor
     clojure.core/print-simple clojure.core/method-sig clojure.core/munge
     clojure.core/namespace-munge clojure.core/make-hierarchy
     clojure.core/derive clojure.core/underive clojure.core/prefer-method
     clojure.core/remove-method clojure.core/remove-all-methods
     clojure.core/-reset-methods clojure.core/extend clojure.core/extend-type
     clojure.core/-cache-protocol-fn clojure.core/find-protocol-impl
     clojure.core/find-protocol-method clojure.core/hash-combine
     clojure.core/system-newline clojure.core/newline clojure.core/flush
     clojure.core/prn clojure.core/print clojure.core/println clojure.core/pr
     clojure.core/printf clojure.core/add-tap clojure.core/remove-tap
     clojure.core/tap> clojure.core/add-classpath clojure.core/loaded-libs
     clojure.core/all-ns clojure.core/ns-map clojure.core/ns-refers
     clojure.core/ns-imports clojure.core/ns-interns clojure.core/ns-publics
     clojure.core/ns-aliases clojure.core/find-ns clojure.core/the-ns
     clojure.core/ns-name clojure.core/ns-resolve clojure.core/resolve
     clojure.core/find-var clojure.core/requiring-resolve
     clojure.core/set-error-mode clojure.core/await-for1 clojure.core/agent-send
     clojure.core/Throwable->map clojure.core/StackTraceElement->vec
     clojure.core/error-handler! clojure.core/ex-info clojure.core/future?
     clojure.core/seque clojure.core/vreset! clojure.core/vswap!
     clojure.core/reset! clojure.core/reset-vals! clojure.core/swap!
     clojure.core/swap-vals! clojure.core/compare-and-set! clojure.core/set!
     clojure.core/reset-meta! clojure.core/alter-meta! clojure.core/var-set
     clojure.core/var-get clojure.core/supers clojure.core/bases
     clojure.core/class clojure.core/type clojure.core/instance?
     clojure.core/cast clojure.core/hash-ordered-coll clojure.core/hash-unordered-coll
     clojure.core/mix-collection-hash clojure.core/System clojure.core/with-redefs-fn
     clojure.core/->Eduction clojure.core/->ArrayChunk clojure.core/->Vec
     clojure.core/->VecNode clojure.core/->VecSeq clojure.core/chunk
     clojure.core/chunk-append clojure.core/chunk-buffer clojure.core/chunk-cons
     clojure.core/chunk-first clojure.core/chunk-next clojure.core/chunk-rest
     clojure.core/chunked-seq? clojure.core/primitives-classnames
     clojure.core/denominator clojure.core/numerator clojure.core/destructure
     clojure.core/maybe-destructured clojure.core/maybe-min-hash
     clojure.core/future-done? clojure.core/future-cancelled? clojure.core/realized?
     clojure.core/iteration clojure.core/inst-ms* clojure.core/uri?
     clojure.core/stream-into! clojure.core/stream-reduce! clojure.core/stream-seq!
     clojure.core/stream-transduce! clojure.core/sort-by clojure.core/sort
     clojure.core/vector-of clojure.core/array-map clojure.core/PrintWriter-on
     clojure.core/with-loading-context clojure.core/->> clojure.core/ns-unalias!
     clojure.core/proxy-name})

(defn pool [param]
  (pools (get pool-of-name param :any)))

(defn arglist-cases
  "The argument vectors (as source strings) of one arglist."
  [arglist]
  (let [fixed (vec (take-while #(not= '& %) arglist))
        rest-param (second (drop-while #(not= '& %) arglist))
        params (mapv #(if (symbol? %) % 'x) fixed)
        ordinary (mapv (comp first pool) params)
        edges (for [[i p] (map-indexed vector params)
                    v (rest (pool p))]
                (assoc ordinary i v))
        variadic (when rest-param
                   (let [p (pool (if (symbol? rest-param) rest-param 'more))]
                     [(into ordinary (take 2 p))
                      (into ordinary (take 2 (drop 2 p)))]))]
    (distinct (concat [ordinary] edges variadic))))

(def per-arglist
  "At most this many calls per arglist: evenly spaced over its cases."
  14)

(defn spread
  "At most k of xs's [index x] pairs, evenly spaced, the first always in."
  [k xs]
  (let [indexed (vec (map-indexed vector xs))
        n (count indexed)]
    (if (<= n k)
      indexed
      (distinct (map #(indexed (quot (* % n) k)) (range k))))))

(defn var-cases [v]
  (let [{:keys [ns name arglists]} (meta v)
        qualified (symbol (str (ns-name ns)) (str name))]
    (for [arglist arglists
          :let [arity (str (count (take-while #(not= '& %) arglist))
                           (when (some #{'&} arglist) "+"))]
          [i args] (spread per-arglist (arglist-cases arglist))]
      [(str qualified "/" arity "/" i)
       (str "(" qualified (apply str (map #(str " " %) args)) ")")])))

(def vars
  (for [n namespaces
        [_ v] (sort-by key (ns-publics n))
        :let [m (meta v)
              q (symbol (str n) (str (:name m)))]
        :when (and (fn? @v) (not (:macro m)) (:arglists m)
                   (not (excluded q))
                   (not (str/starts-with? (str (:name m)) "->")))]
    v))

(doseq [v vars
        [id src] (var-cases v)]
  (println (str id "\t" src)))
