(ns evelisp.threads-test
  "future, future-call, promise/deliver, deref with timeout, pmap,
  delay/force, realized? and swap! from many threads."
  (:require [clojure.test :refer [deftest is testing]]))

(deftest futures
  (let [f (future (+ 1 2))]
    (is (future? f))
    (is (= 3 @f))
    (is (realized? f))
    (is (future-done? f)))
  (is (= 42 @(future-call (fn [] 42))))
  (testing "an error in a future is raised by deref"
    (is (thrown? ExceptionInfo @(future (throw (ex-info "in future" {})))))))

(deftest promises
  (let [p (promise)]
    (is (not (realized? p)))
    (is (= :timed-out (deref p 10 :timed-out)))
    (future (deliver p :done))
    (is (= :done @p))
    (is (realized? p))
    (is (nil? (deliver p :again)) "only the first deliver counts")
    (is (= :done @p))))

(deftest deref-with-timeout
  (let [slow (future (deref (promise) 2000 :never))]
    (is (= :waited (deref slow 10 :waited)))))

(deftest delays
  (let [runs (atom 0)
        d (delay (swap! runs inc) :value)]
    (is (not (realized? d)))
    (is (= :value (force d)))
    (is (= :value @d))
    (is (= 1 @runs) "the body runs once")
    (is (realized? d))
    (is (= 5 (force 5)) "force of a non-delay is the value"))
  (testing "a delay forced by many threads at once runs once"
    (let [runs (atom 0)
          d (delay (swap! runs inc))
          fs (mapv (fn [_] (future @d)) [1 2 3 4 5 6 7 8])]
      (is (every? (fn [f] (= 1 @f)) fs))
      (is (= 1 @runs)))))

(deftest pmap-runs-in-order
  (is (= [2 3 4] (vec (pmap inc [1 2 3]))))
  (is (= [5 7 9] (vec (pmap + [1 2 3] [4 5 6]))))
  (is (= () (pmap inc nil)))
  (is (= '(111 222 333) (pmap + [1 2 3] [10 20 30 40] '(100 200 300)))
      "as many results as the shortest collection has items")
  (is (= '([:a 1]) (pmap vector [:a :b] [1])))
  (is (= (map #(* % %) (range 20)) (pmap #(* % %) (range 20)))
      "more calls than run at once: still every result, in order")
  (let [calls (atom 0)]
    (is (= 12 (count (pmap (fn [_] (swap! calls inc)) (range 12)))))
    (is (= 12 @calls)))
  (is (thrown? clojure.lang.ArityException (pmap inc))))

(deftest pmap-raises-the-error-of-a-failing-call
  (is (= ["two" {:x 2}]
         (try (doall (pmap (fn [x] (if (= x 2) (throw (ex-info "two" {:x x})) x)) [1 2 3]))
              (catch clojure.lang.ExceptionInfo e [(ex-message e) (ex-data e)])))))

(deftest pmap-runs-calls-at-the-same-time
  ;; Each call delivers its own promise and waits for the other's: both
  ;; get true only if they run at once.
  (let [p1 (promise) p2 (promise)]
    (is (= '(true true)
           (pmap (fn [mine other] (deliver mine true) (deref other 10000 :alone))
                 [p1 p2] [p2 p1])))))

(deftest swaps-from-many-threads-are-never-lost
  (let [a (atom 0)
        fs (mapv (fn [_] (future (dotimes [_ 10000] (swap! a inc)))) [1 2 3 4])]
    (doseq [f fs] @f)
    (is (= 40000 @a))))

(deftest future-cancel-and-cancelled
  ;; Outputs checked against Clojure 1.11.
  (let [p (promise)
        f (future @p 1)]
    (is (false? (future-cancelled? f)))
    (is (true? (future-cancel f)) "a running future is cancelled")
    (is (and (future-cancelled? f) (future-done? f) (realized? f)))
    (is (thrown? java.util.concurrent.CancellationException @f))
    (is (= :ise (try (deref f 10 :timeout) (catch IllegalStateException _ :ise)))
        "a CancellationException is an IllegalStateException")
    (is (false? (future-cancel f)) "only once")
    (deliver p :go))
  (let [f (future 1)]
    @f
    (is (= [false false 1] [(future-cancel f) (future-cancelled? f) @f])
        "a finished future is not cancelled"))
  (is (thrown? ClassCastException (future-cancel 1))))
