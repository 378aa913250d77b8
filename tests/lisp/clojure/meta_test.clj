(ns clojure.meta-test
  "Metadata on values (Clojure's IMeta/IObj): meta, with-meta, vary-meta,
  reader metadata on literals, updates that keep metadata, = and hash that
  ignore it, *print-meta*. Expected values as Clojure 1.11 gives them."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest with-meta-and-meta
  (are [x] (= {:a 1} (meta (with-meta x {:a 1})))
    [1 2]
    []
    '(1 2)
    ()
    {:k 1}
    {}
    (zipmap (range 20) (range 20))
    #{1 2}
    #{}
    'sym
    'ns/sym
    (fn [] 1)
    (lazy-seq [1 2])
    (map inc [1 2])
    (cons 0 (lazy-seq [1])))
  (testing "values without metadata, and values that cannot have any"
    (are [x] (nil? (meta x))
      [1 2] '(1) {} #{} 'plain (fn [] 1) 1 "s" :k nil 1.5 \c (atom 1)))
  (testing "nil removes it, a new map replaces it"
    (is (nil? (meta (with-meta (with-meta [1] {:a 1}) nil))))
    (is (= {:b 2} (meta (with-meta (with-meta [1] {:a 1}) {:b 2}))))
    (is (nil? (meta (with-meta [1] nil))))
    (is (= {} (meta (with-meta [1] {})))))
  (testing "the value is equal to the original, whatever its metadata"
    (let [v [1 2 3]
          w (with-meta v {:a 1})]
      (is (= v w))
      (is (= w v))
      (is (= (hash v) (hash w)))
      (is (= '(1 2 3) w))
      (is (not (identical? v w)))
      (is (= 3 (count w)))
      (is (= 2 (nth w 1)))
      (is (= [2 3 4] (mapv inc w)))
      (is (vector? w))
      (is (= {[1 2 3] :found} {w :found}))
      (is (= :found (get {v :found} w)))
      (is (contains? #{v} w))
      (is (= 1 (count (conj #{v} w))))))
  (testing "maps, sets and seqs with metadata read as without"
    (let [m (with-meta {:a 1 :b 2} {:x 1})
          s (with-meta #{1 2} {:x 1})
          q (with-meta (map inc [1 2]) {:x 1})]
      (is (= 1 (:a m)))
      (is (= 1 (get m :a)))
      (is (map? m))
      (is (= {:a 1 :b 2} m))
      (is (= #{:a :b} (set (keys m))))
      (is (contains? s 2))
      (is (set? s))
      (is (= 2 (s 2)))
      (is (= '(2 3) q))
      (is (seq? q))
      (is (= 2 (first q)))))
  (testing "symbols with metadata equal the plain symbol"
    (let [s (with-meta 'a/b {:tag 'String})]
      (is (= 'a/b s))
      (is (= (hash 'a/b) (hash s)))
      (is (= "a" (namespace s)))
      (is (= "b" (name s)))
      (is (symbol? s))
      (is (= 1 ({'a/b 1} s)))
      (is (= {:tag 'String} (meta s)))))
  (testing "a fn with metadata is a new fn that is called the same"
    (let [f (fn [x] (* 2 x))
          g (with-meta f {:doc "twice"})]
      (is (= 8 (g 4)))
      (is (= [2 4] (map g [1 2])))
      (is (fn? g))
      (is (= {:doc "twice"} (meta g)))
      (is (nil? (meta f)))
      (is (not= f g))
      (is (= g g)))))

(deftest with-meta-errors
  (testing "values that cannot carry metadata"
    (are [x] (thrown-with-msg? ClassCastException
                               #"cannot be cast to class clojure.lang.IObj"
                               (with-meta x {:a 1}))
      1 1.5 "s" :k \c true (atom 1) 10000000000000000000N))
  (is (thrown-with-msg? ClassCastException #"class java.lang.Long cannot be cast to class clojure.lang.IObj"
                        (with-meta 1 {})))
  (testing "metadata that is not a map"
    (are [m] (thrown-with-msg? ClassCastException
                               #"cannot be cast to class clojure.lang.IPersistentMap"
                               (with-meta [1] m))
      1 [1] :k "m" '(:a 1)))
  (testing "nil cannot carry metadata"
    (is (thrown? Exception (with-meta nil {:a 1}))))
  (testing "arity"
    (is (thrown? clojure.lang.ArityException (with-meta [1])))
    (is (thrown? clojure.lang.ArityException (meta)))))

(deftest vary-meta-test
  (is (= {:a 1 :b 2} (meta (vary-meta (with-meta [1] {:a 1}) assoc :b 2))))
  (is (= {:b 2} (meta (vary-meta [1] assoc :b 2))))
  (is (= {:n 3} (meta (vary-meta (with-meta 'x {:n 1}) update :n + 2))))
  (is (nil? (meta (vary-meta (with-meta [1] {:a 1}) (constantly nil)))))
  (is (= [1] (vary-meta [1] assoc :b 2)))
  (is (thrown? ClassCastException (vary-meta 1 assoc :b 2)))
  (is (thrown? ClassCastException (vary-meta [1] (constantly 5)))))

(deftest updates-keep-metadata
  (let [m {:a 1}]
    (are [x] (= m (meta x))
      (conj (with-meta [1] m) 2)
      (conj (with-meta '(1) m) 0)
      (conj (with-meta () m) 0)
      (conj (with-meta #{1} m) 2)
      (conj (with-meta {} m) [:k 1])
      (assoc (with-meta [1] m) 0 5)
      (assoc (with-meta {} m) :k 1)
      (assoc (with-meta {:k 1} m) :k 2)
      (dissoc (with-meta {:k 1 :j 2} m) :k)
      (disj (with-meta #{1 2} m) 1)
      (pop (with-meta [1 2] m))
      (pop (with-meta '(1) m))
      (into (with-meta [] m) [1 2 3])
      (into (with-meta {} m) {:a 1})
      (into (with-meta #{} m) [1 2])
      (reduce conj (with-meta [] m) (range 100))
      (reduce #(assoc %1 %2 %2) (with-meta {} m) (range 100))
      (update (with-meta {:n 1} m) :n inc)))
  (testing "what gives a new value without it"
    (are [x] (nil? (meta x))
      (seq (with-meta [1 2] {:a 1}))
      (rest (with-meta '(1 2) {:a 1}))
      (next (with-meta '(1 2) {:a 1}))
      (cons 0 (with-meta '(1) {:a 1}))
      (map inc (with-meta [1] {:a 1}))
      (pop (with-meta '(1 2) {:a 1}))
      (vec (with-meta '(1 2) {:a 1}))
      (into [] (with-meta [1 2] {:a 1}))))
  (testing "into keeps the metadata of to, not of from"
    (is (= {:to 1} (meta (into (with-meta [] {:to 1}) (with-meta [1] {:from 1})))))))

(deftest reader-metadata
  (testing "on literals, evaluated"
    (is (= {:foo true} (meta ^:foo [1 2])))
    (is (= {:a 1} (meta ^{:a 1} {})))
    (is (= {:a 3} (meta ^{:a (+ 1 2)} [])))
    (is (= {:x true} (meta ^:x #{1})))
    (is (= {:a true :b true} (meta ^:a ^:b [1])))
    (let [n 5]
      (is (= {:n 5} (meta ^{:n n} [n])))
      (is (= [5] ^{:n n} [n]))))
  (testing "quoted forms keep the metadata written"
    (is (= {:x true} (meta '^:x sym)))
    (is (= {:tag 'String} (meta '^String s)))
    (is (= {:x true} (meta '^:x [1])))
    (is (= {:x true} (meta (first '[^:x a b]))))
    (is (= '{:a (+ 1 2)} (meta '^{:a (+ 1 2)} [])))
    (is (= 'sym '^:x sym)))
  (testing "on fn forms"
    (is (= {:m true} (meta ^:m (fn [] 1))))
    (is (nil? (meta (fn [] 1))))
    (is (= 1 (^:m (fn [] 1)))))
  (testing "symbols with metadata in code are bound and resolved as plain"
    (let [^String s "abc"
          ^long n 2]
      (is (= "abc!" (str s "!")))
      (is (= 4 (* n n))))
    (is (= 7 ((fn [^long x ^long y] (+ x y)) 3 4)))
    (is (= 3 ((fn ^long f [x] (if (pos? x) (f (dec x)) 3)) 2)))
    (is (= [1 [2 3]] ((fn [^long a & ^:rest more] [a more]) 1 2 3)))
    (is (= "x" (let [{:keys [^String k]} {:k "x"}] k)))
    (is (= 6 (loop [^long i 3 acc 0] (if (zero? i) acc (recur (dec i) (+ acc i))))))
    (is (= 2 (letfn [(^long g [x] (inc x))] (g 1))))
    (is (= :caught (try (throw (ex-info "x" {})) (catch Exception ^Throwable e :caught))))))

(defn ^:private private-fn [^String x] (str x "?"))
(def ^{:doc "documented"} documented 42)
(defmacro hinted [x] `(let [^String y# ~x] (str y#)))
(def scratch 1)

(deftest metadata-on-definitions
  (is (= "a?" (private-fn "a")))
  (is (:private (meta #'private-fn)))
  (is (= "documented" (:doc (meta #'documented))))
  (is (= "3" (hinted 3)))
  (testing "alter-meta! and reset-meta! on vars as before"
    (let [v #'scratch]
      (reset-meta! v {:a 1})
      (is (= {:a 1} (meta v)))
      (alter-meta! v assoc :b 2)
      (is (= {:a 1 :b 2} (meta v))))))

(deftest print-meta
  (is (false? *print-meta*))
  (is (= "[1 2]" (pr-str (with-meta [1 2] {:a 1}))))
  (binding [*print-meta* true]
    (is (= "^{:a 1} [1 2]" (pr-str (with-meta [1 2] {:a 1}))))
    (is (= "^{:a 1} (1)" (pr-str (with-meta '(1) {:a 1}))))
    (is (= "^{:a 1} x" (pr-str (with-meta 'x {:a 1}))))
    (is (= "^{:a 1} {:k 1}" (pr-str (with-meta {:k 1} {:a 1}))))
    (is (= "^{:a 1} #{}" (pr-str (with-meta #{} {:a 1}))))
    (is (= "[^{:x true} [1] 2]" (pr-str [^:x [1] 2])))
    (is (= "[1]" (pr-str (with-meta [1] {}))))
    (is (= "[1]" (print-str (with-meta [1] {:a 1}))))
    (is (= "[1 2]" (pr-str [1 2])))))
