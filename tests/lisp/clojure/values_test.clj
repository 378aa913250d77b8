(ns clojure.values-test
  "Clojure's small value types as evelisp builds them: volatiles
  (clojure.lang.Volatile), reduced values (clojure.lang.Reduced),
  java.math.BigInteger, regex matchers (java.util.regex.Matcher),
  the printing of transients and of control characters, and reading one
  form at a time from a java.io.PushbackReader (clojure.edn/read, read).
  Every expected value was printed by Clojure 1.11.1 on the JVM (this
  file runs there unchanged: tests/lisp/clojure/support/run_on_jvm.clj)."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.edn :as edn]
            [clojure.string :as str])
  (:import (java.io PushbackReader StringReader)))

(defn- shown
  "pr-str of x with object identities (0x..., @...) removed."
  [x]
  (-> (pr-str x)
      (str/replace #" 0x[0-9a-f]+" "")
      (str/replace #"@[0-9a-f]+" "@")))

(defn- class-of-error
  "The short name of the class of what f throws (nil if nothing)."
  [f]
  (try (f) nil (catch Throwable e (last (str/split (str (class e)) #"\.")))))

(deftest volatiles
  (let [v (volatile! 1)]
    (is (= 2 (vswap! v inc)))
    (is (= 5 (vswap! v + 1 2)))
    (is (= 0 (vreset! v 0)))
    (is (= 0 @v (deref v)))
    (is (volatile? v))
    (is (= "#object[clojure.lang.Volatile {:status :ready, :val 0}]" (shown v)))
    (is (= "clojure.lang.Volatile@" (str/replace (str v) #"@[0-9a-f]+" "@")))
    (is (= clojure.lang.Volatile (class v)))
    (is (instance? clojure.lang.IDeref v)))
  (testing "a volatile is not an atom, and equal only to itself"
    (are [x] (false? (volatile? x)) 1 nil (atom 1) [1] (reduced 1))
    (let [v (volatile! 1)]
      (is (= v v))
      (is (not= (volatile! 1) (volatile! 1)))
      (is (= "ClassCastException" (class-of-error #(swap! v inc))))
      (is (= "ClassCastException" (class-of-error #(reset! v 2))))
      (is (= "ClassCastException" (class-of-error #(vreset! (atom 1) 2))))
      (is (= 1 @v) "unchanged by the refused updates")))
  (testing "printing realizes a lazy seq held"
    (is (= "#object[clojure.lang.Volatile {:status :ready, :val (0 1 2)}]"
           (shown (volatile! (range 3)))))
    (is (= "[#object[clojure.lang.Volatile {:status :ready, :val [1 2]}]]"
           (shown [(volatile! [1 2])])))))

(deftest reduced-values
  (let [r (reduced 5)]
    (is (reduced? r))
    (is (= 5 @r (deref r) (unreduced r)))
    (is (identical? r (ensure-reduced r)))
    (is (= clojure.lang.Reduced (class r)))
    (is (= "#object[clojure.lang.Reduced {:status :ready, :val 5}]" (shown r)))
    (is (= "clojure.lang.Reduced@" (str/replace (str r) #"@[0-9a-f]+" "@"))))
  (are [x] (false? (reduced? x)) 1 nil {:a 1} (volatile! 1))
  (is (not= (reduced 1) (reduced 1)) "equal only to itself")
  (is (= 3 (unreduced 3)))
  (is (= "#object[clojure.lang.Reduced {:status :ready, :val (0 1 2)}]" (shown (reduced (range 3)))))
  (is (= "#object[clojure.lang.Reduced {:status :ready, :val #object[clojure.lang.Reduced {:status :ready, :val nil}]}]"
         (shown (reduced (reduced nil)))))
  (is (= "{:r #object[clojure.lang.Reduced {:status :ready, :val 1}]}" (shown {:r (reduced 1)})))
  (testing "everything that stops at a reduced value"
    (is (= 6 (reduce (fn [a x] (if (> x 3) (reduced a) (+ a x))) 0 (range 10))))
    (is (= 6 (reduce (fn [a x] (if (> x 3) (reduced a) (+ a x))) (vec (range 10)))))
    (is (= [:b 2] (reduce-kv (fn [a k v] (if (= k :b) (reduced [k v]) a)) nil {:a 1 :b 2 :c 3})))
    (is (= 3 (transduce (take 3) + (range 100))))
    (is (= [1 2 3 4] (into [] (comp (map inc) (take-while #(< % 5))) (range 10))))
    (is (= [[0 1] [2 3]] (sequence (comp (partition-all 2) (take 2)) (range 10))))
    (is (= 3 (into [] (halt-when #(> % 2)) [1 2 3 4])))
    (is (= 5 (transduce (halt-when odd?) conj [] [2 4 5 6])))
    (is (= [0 1 2] (into [] (take 3) (range))))
    (is (= 3 (reduce + (eduction (take 2) [1 2 3]))))))

(deftest bigintegers
  (let [b (biginteger 5)]
    (is (= "5" (pr-str b) (str b)))
    (is (= "[5]" (pr-str [b])))
    (is (= java.math.BigInteger (class b)))
    (is (= 5 b))
    (is (= 5N b))
    (is (= (hash 5) (hash b) (hash 5N)))
    (is (= :a ({5 :a} b)))
    (is (contains? #{5N} b))
    (is (integer? b))
    (is (rational? b))
    (is (= -1 (compare b 6)))
    (is (== b 5.0)))
  (testing "arithmetic gives clojure.lang.BigInt, as on the JVM"
    (are [x printed] (= printed (pr-str x))
      (+ (biginteger 5) 1) "6N"
      (- (biginteger 1)) "-1N"
      (quot (biginteger 7) 2) "3N"
      (* (biginteger 3) 2.0) "6.0"
      (bigint (biginteger 1)) "1N")
    (is (= clojure.lang.BigInt (class (inc (biginteger 1))))))
  (testing "conversions"
    (are [x printed] (= printed (pr-str (biginteger x)))
      2.7 "2"
      -0.5 "0"
      1e20 "100000000000000000000"
      1.5M "1"
      7/2 "3"
      "123" "123"
      12345678901234567890N "12345678901234567890"
      (biginteger 3) "3"
      (float 2.5) "2")
    (are [x cls] (= cls (class-of-error #(biginteger x)))
      nil "NullPointerException"
      "abc" "NumberFormatException"
      "1.5" "NumberFormatException"
      ##Inf "NumberFormatException"
      ##NaN "NumberFormatException"
      \c "IllegalArgumentException"
      :k "IllegalArgumentException"
      [1] "IllegalArgumentException")))

(deftest matchers
  (let [m (re-matcher #"(a)(\d)?" "a1 a a2")]
    (is (= "#object[java.util.regex.Matcher \"java.util.regex.Matcher[pattern=(a)(\\\\d)? region=0,7 lastmatch=]\"]"
           (shown m)))
    (is (= java.util.regex.Matcher (class m)))
    (is (= ["a1" "a" "1"] (re-find m)))
    (is (= ["a1" "a" "1"] (re-groups m)))
    (is (= "java.util.regex.Matcher[pattern=(a)(\\d)? region=0,7 lastmatch=a1]" (str m)))
    (is (= ["a" "a" nil] (re-find m)))
    (is (= ["a2" "a" "2"] (re-find m)))
    (is (nil? (re-find m)))
    (is (= "IllegalStateException" (class-of-error #(re-groups m)))))
  (let [m (re-matcher #"x*" "ab")]
    (is (= ["" "" "" nil] [(re-find m) (re-find m) (re-find m) (re-find m)])))
  (is (= "ClassCastException" (class-of-error #(re-find (atom 1))))))

(deftest transients-print-as-clojure
  (are [t printed] (= printed (shown t))
    (transient [1]) "#object[clojure.lang.PersistentVector$TransientVector \"clojure.lang.PersistentVector$TransientVector@\"]"
    (transient {:a 1}) "#object[clojure.lang.PersistentArrayMap$TransientArrayMap \"clojure.lang.PersistentArrayMap$TransientArrayMap@\"]"
    (transient #{1}) "#object[clojure.lang.PersistentHashSet$TransientHashSet \"clojure.lang.PersistentHashSet$TransientHashSet@\"]"
    (transient (zipmap (range 20) (range 20))) "#object[clojure.lang.PersistentHashMap$TransientHashMap \"clojure.lang.PersistentHashMap$TransientHashMap@\"]"))

(deftest control-characters-print-raw
  (is (= "\"a\u0001b\u007f\"" (pr-str "a\u0001b\u007f")))
  (is (= "\\\u0001" (pr-str \u0001) (pr-str (char 1))))
  (is (= "\\\u0000" (pr-str (unchecked-char ##NaN))))
  (is (= "[\\a \\space \\newline \\tab \\backspace \\formfeed \\return \\\u00a0]"
         (pr-str [\a \space \newline \tab \backspace \formfeed \return \u00a0])))
  (is (= "\"\\n\\t\\r\\f\\b\\\"\\\\\"" (pr-str "\n\t\r\f\b\"\\")))
  (is (= "[\u0001 \u0001]" (print-str [\u0001 "\u0001"])))
  (is (= "IllegalArgumentException" (class-of-error #(char ##NaN)))))

(defn- rdr [s] (PushbackReader. (StringReader. s)))

(deftest edn-read-of-a-reader
  (let [r (rdr "1 [2 3] foo/bar :k \"s\" ; comment\n {:a 1} #_ 9")]
    (is (= [1 [2 3] 'foo/bar :k "s" {:a 1} :end]
           [(edn/read r) (edn/read r) (edn/read r) (edn/read r) (edn/read r) (edn/read r)
            (edn/read {:eof :end} r)])))
  (testing "the character after the form stays unread"
    (are [text rest] (= rest (let [r (rdr text)] (edn/read r) (slurp r)))
      "1 2" " 2"
      "[1 2]rest" "rest"
      "sym rest" " rest"
      "\\a rest" " rest"
      "\"a b\"x" "x"
      "#{1 #_ 2} z" " z"
      "#inst \"2020-01-01\" 1" " 1"))
  (let [r (rdr "abc(1)")]
    (is (= ['abc '(1)] [(edn/read r) (edn/read r)])))
  (is (= [#inst "2020-01-01" ['foo 1]]
         (let [r (rdr "#inst \"2020-01-01\" #foo 1")]
           [(edn/read r) (edn/read {:default (fn [t v] [t v])} r)])))
  (is (= 2 (edn/read {:readers {'foo inc}} (rdr "#foo 1"))))
  (is (= :done (edn/read {:eof :done} (rdr "  "))))
  (is (= 9 (edn/read {:eof 9} (rdr "#_ 1"))))
  (is (nil? (edn/read (rdr "nil"))))
  (testing "errors as the JVM's"
    (are [f cls] (= cls (class-of-error f))
      #(edn/read (rdr "")) "RuntimeException"
      #(edn/read (rdr "[1 2")) "RuntimeException"
      #(edn/read (rdr "\"ab")) "RuntimeException"
      #(edn/read (rdr ")")) "RuntimeException"
      #(edn/read (rdr "#_ 1")) "RuntimeException"
      #(edn/read nil) "NullPointerException"
      #(edn/read {:eof 1} nil) "NullPointerException"
      #(edn/read 1) "ClassCastException"
      #(edn/read "abc") "ClassCastException"
      #(edn/read (StringReader. "1")) "ClassCastException"
      #(edn/read {:a 1} [1 2]) "ClassCastException")))

(deftest a-pushback-reader-wraps-its-reader
  (let [s (StringReader. "xy") p (PushbackReader. s)]
    (is (= java.io.PushbackReader (class p)))
    (is (= 120 (.read p)))
    (is (= 121 (.read s)) "one stream under both"))
  (let [s (StringReader. "x") p (PushbackReader. s)]
    (.close p)
    (is (= :closed (try (.read s) (catch java.io.IOException _ :closed)))
        "closing the wrapper closes the reader under it")))

(deftest core-read-of-a-reader
  (let [r (rdr "(+ 1 2) x")]
    (is (= ['(+ 1 2) 'x :eof] [(read r) (read r) (read r false :eof)]))
    (is (= "RuntimeException" (class-of-error #(read r)))))
  (is (= :eof (read (rdr "") false :eof)))
  (is (= '[a 'b] (let [r (rdr "a 'b")] [(read r) (read r)])))
  (is (= "ClassCastException" (class-of-error #(read (StringReader. "1"))))))
