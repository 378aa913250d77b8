(ns clojure.agents-test
  "Agents and the options of atoms, refs and agents, as JVM Clojure 1.11
  behaves (every expected value here was checked with `clojure` 1.11):
  send/send-off/send-via apply actions one at a time in order, await,
  error modes and handlers, restart-agent, *agent*, sends held back
  inside actions and transactions, validators, metadata and watches on
  every reference type, ref history options, and the future functions."
  (:require [clojure.test :refer [deftest is testing]]))

(defn- ex [f] (try (f) nil (catch Throwable e [(class e) (ex-message e)])))

(deftest sending-and-awaiting
  (let [a (agent 1)]
    (is (= a (send a inc)) "send returns the agent")
    (await a)
    (is (= 2 @a))
    (is (= 2 (deref a)))
    (send a + 1 2 3)
    (send-off a * 2)
    (send-via clojure.lang.Agent/soloExecutor a - 1)
    (send-via clojure.lang.Agent/pooledExecutor a - 0)
    (await a)
    (is (= 15 @a))
    (is (nil? (await a)))
    (is (true? (await-for 1000 a))))
  (testing "a thousand sends from one thread apply in order, none lost"
    (let [a (agent [])]
      (dotimes [i 1000] (send a conj i))
      (await a)
      (is (= (range 1000) @a))))
  (testing "sends from several threads: each thread's in order"
    (let [a (agent [])
          fs (doall (for [t (range 4)]
                      (future (dotimes [i 100] (send a conj [t i])))))]
      (run! deref fs)
      (await a)
      (is (= 400 (count @a)))
      (doseq [t (range 4)]
        (is (= (range 100) (map second (filter #(= t (first %)) @a)))))))
  (testing "printing"
    (let [a (agent 1)]
      (is (re-matches #"#object\[clojure.lang.Agent 0x[0-9a-f]+ \{:status :ready, :val 1\}\]"
                      (pr-str a)))
      (is (= clojure.lang.Agent (type a)))
      (is (instance? clojure.lang.IRef a)))))

(deftest errors
  (testing ":fail (the default without a handler)"
    (let [a (agent 0)]
      (is (= :fail (error-mode a)))
      (is (nil? (error-handler a)))
      (let [gate (promise)]
        (send a (fn [_] @gate (throw (ex-info "boom" {:x 1}))))
        (future (Thread/sleep 300) (deliver gate true))
        (is (false? (await-for 1000 a)) "an await of an agent that fails waits"))
      (is (= "boom" (ex-message (agent-error a))))
      (is (= {:x 1} (ex-data (agent-error a))))
      (is (re-find #":status :failed, :val 0" (pr-str a)))
      (is (= [RuntimeException "Agent is failed, needs restart"] (ex #(send a inc))))
      (is (= [RuntimeException "Agent is failed, needs restart"] (ex #(await a))))
      (is (= 5 (restart-agent a 5)))
      (is (nil? (agent-error a)))
      (is (= 5 @a))
      (is (= [RuntimeException "Agent does not need a restart"] (ex #(restart-agent a 6))))
      (send a inc)
      (await a)
      (is (= 6 @a))))
  (testing "queued actions run after a restart, unless cleared"
    (let [gate (promise)
          a (agent 0)]
      (send a (fn [_] @gate (throw (Exception. "x"))))
      (send a + 10)
      (deliver gate true)
      (Thread/sleep 200)
      (is (some? (agent-error a)))
      (restart-agent a 1)
      (await a)
      (is (= 11 @a)))
    (let [gate (promise)
          a (agent 0)]
      (send a (fn [_] @gate (throw (Exception. "x"))))
      (send a + 10)
      (deliver gate true)
      (Thread/sleep 200)
      (restart-agent a 1 :clear-actions true)
      (await a)
      (is (= 1 @a))))
  (testing ":continue (the default with a handler): the action is skipped"
    (let [seen (atom [])
          a (agent 0 :error-handler (fn [ag e] (swap! seen conj [(= ag ag) (ex-message e)])))]
      (is (= :continue (error-mode a)))
      (is (fn? (error-handler a)))
      (send a (fn [_] (throw (Exception. "x"))))
      (send a inc)
      (await a)
      (is (= [[true "x"]] @seen) "the handler ran before await returned")
      (is (= 1 @a))
      (is (nil? (agent-error a)))))
  (testing "an explicit :error-mode wins over the handler's default"
    (let [a (agent 0 :error-handler (fn [_ _]) :error-mode :fail)]
      (is (= :fail (error-mode a)))
      (send a (fn [_] (throw (Exception. "q"))))
      (Thread/sleep 200)
      (is (= "q" (ex-message (agent-error a))))
      (is (= 3 (restart-agent a 3 :clear-actions true)))))
  (testing "setters"
    (let [a (agent 0)]
      (is (nil? (set-error-mode! a :continue)))
      (is (= :continue (error-mode a)))
      (is (nil? (set-error-handler! a identity)))
      (is (= identity (error-handler a)))
      (set-error-mode! a :bogus)
      (is (= :bogus (error-mode a)) "any keyword is kept, as Clojure")))
  (testing "the deprecated agent-errors and clear-agent-errors"
    (let [a (agent 0)]
      (is (nil? (agent-errors a)))
      (send a (fn [_] (throw (Exception. "e"))))
      (Thread/sleep 200)
      (is (= ["e"] (map ex-message (agent-errors a))))
      (clear-agent-errors a)
      (is (nil? (agent-error a)))))
  (testing "wrong arguments"
    (is (thrown? ClassCastException (send 1 inc)))
    (is (thrown? ClassCastException (await 1)))
    (is (thrown? ClassCastException (agent-error 1)))
    (is (thrown? ClassCastException (send (atom 1) inc)))
    (is (thrown? IllegalArgumentException (agent 1 :meta)))))

(deftest held-sends
  (testing "*agent* is the agent running the action; nil elsewhere"
    (is (nil? *agent*))
    (let [a (agent nil)]
      (send a (fn [_] *agent*))
      (await a)
      (is (= a @a))))
  (testing "sends inside an action go out when it ends"
    (let [a (agent [])]
      (send a (fn [s] (send *agent* conj 2) (conj s 1)))
      (await a)
      (Thread/sleep 100)
      (await a)
      (is (= [1 2] @a))))
  (testing "release-pending-sends sends them at once"
    (let [p (promise)
          b (agent 0)
          a (agent nil)]
      (send a (fn [_]
                (send b (fn [x] (deliver p :ran) x))
                [(release-pending-sends) (deref p 2000 :held)]))
      (await a)
      (is (= [1 :ran] @a)))
    (is (= 0 (release-pending-sends)) "0 outside an action"))
  (testing "sends in a transaction wait for its commit"
    (let [h (agent 0)
          seen (atom nil)]
      (dosync (send h inc) (Thread/sleep 100) (reset! seen @h))
      (await h)
      (is (= [0 1] [@seen @h]))))
  (testing "a transaction that runs again sends once; one that fails, never"
    (let [h (agent 0)
          r (ref 0)
          tries (atom 0)]
      (dosync
       @r
       (send h inc)
       (when (= 1 (swap! tries inc))
         ;; Another thread's commit makes this one run again.
         @(future (dosync (alter r inc))))
       (alter r inc))
      (is (= 2 @tries))
      (is (try (dosync (send h inc) (throw (ex-info "no" {}))) (catch Exception _ :thrown)))
      (await h)
      (is (= 1 @h))))
  (testing "await is refused inside an action and a transaction"
    (let [a (agent nil)
          b (agent 0)]
      (send a (fn [_] (ex #(await b))))
      (await a)
      (is (= [Exception "Can't await in agent action"] @a))
      (is (= [IllegalStateException "await in transaction"] (ex #(dosync (await b))))))))

(deftest validators-meta-watches
  (testing ":validator on atoms, refs and agents, checked at creation"
    (is (= [IllegalStateException "Invalid reference state"] (ex #(atom 0 :validator pos?))))
    (is (= [IllegalStateException "Invalid reference state"] (ex #(ref 0 :validator pos?))))
    (is (= [IllegalStateException "Invalid reference state"] (ex #(agent 0 :validator pos?))))
    (let [a (atom 1 :validator pos?)]
      (is (= pos? (get-validator a)))
      (is (thrown? IllegalStateException (reset! a -1)))
      (is (= 1 @a))))
  (testing "a ref's validator runs at commit"
    (let [r (ref 1 :validator pos?)]
      (is (= pos? (get-validator r)))
      (is (= [IllegalStateException "Invalid reference state"] (ex #(dosync (ref-set r -1)))))
      (is (= 1 @r))
      (is (= 2 (dosync (alter r inc))))
      (set-validator! r nil)
      (is (nil? (get-validator r)))
      (is (= -1 (dosync (ref-set r -1))))
      (is (thrown? IllegalStateException (set-validator! r pos?)))))
  (testing "an agent's validator fails the action"
    (let [a (agent 1 :validator pos?)]
      (send a (fn [_] -1))
      (Thread/sleep 200)
      (is (= "Invalid reference state" (ex-message (agent-error a))))
      (is (= 1 @a))))
  (testing ":meta, meta, alter-meta!, reset-meta!"
    (is (= {:a 1} (meta (atom 1 :meta {:a 1}))))
    (is (= {:b 2} (meta (ref 1 :meta {:b 2}))))
    (is (= {:c 3} (meta (agent 1 :meta {:c 3}))))
    (is (nil? (meta (atom 1))))
    (doseq [r [(atom 1) (ref 1) (agent 1)]]
      (is (= {:x 1} (alter-meta! r assoc :x 1)))
      (is (= {:x 1 :y 2} (alter-meta! r assoc :y 2)))
      (is (= {:y 2} (reset-meta! r {:y 2})))
      (is (= {:y 2} (meta r)))))
  (testing "watches on refs and agents"
    (let [log (atom [])
          r (ref 0)
          a (agent 0)]
      (is (= r (add-watch r :k (fn [k x o n] (swap! log conj [k (= x r) o n])))))
      (dosync (alter r inc))
      (is (= [[:k true 0 1]] @log))
      (remove-watch r :k)
      (dosync (alter r inc))
      (is (= 1 (count @log)))
      (reset! log [])
      (add-watch a :w (fn [k x o n] (swap! log conj [k (= x a) o n])))
      (send a inc)
      (await a)
      ;; Clojure's await is itself an action, which calls the watches
      ;; once more with the state unchanged ([:w true 1 1]); evelisp's
      ;; await sends no action.
      (is (= [[:w true 0 1]] (remove (fn [[_ _ o n]] (= o n)) @log))))))

(deftest ref-history
  (let [r (ref 1 :min-history 3 :max-history 7)]
    (is (= 0 (ref-history-count r)) "evelisp refs keep no history")
    (is (= 3 (ref-min-history r)))
    (is (= 7 (ref-max-history r)))
    (is (= r (ref-min-history r 2)))
    (is (= r (ref-max-history r 20)))
    (is (= [2 20] [(ref-min-history r) (ref-max-history r)]))
    (is (= r (ref-max-history r 2.5)) "a number is taken as its intValue")
    (is (= 2 (ref-max-history r)))
    (is (thrown? NullPointerException (ref-max-history r nil))))
  (is (= [0 10] [(ref-min-history (ref 1)) (ref-max-history (ref 1))]))
  (is (thrown? ClassCastException (ref-history-count (atom 1))))
  (is (thrown? NullPointerException (ref-min-history nil)))
  (is (thrown? ClassCastException (ref-max-history (atom 1) 2))))

(deftest futures
  (let [f (future (Thread/sleep 1000) 1)]
    (is (= [false true true true false]
           [(future-done? f) (future-cancel f) (future-cancelled? f)
            (future-done? f) (future-cancel f)]))
    (is (thrown? java.util.concurrent.CancellationException @f)))
  (let [f (future 1)]
    @f
    (is (= [true false false] [(future-done? f) (future-cancel f) (future-cancelled? f)])))
  (is (thrown? ClassCastException (future-done? 1)))
  (is (thrown? ClassCastException (future-cancel 1)))
  (is (thrown? NullPointerException (future-done? nil)))
  (is (thrown? NullPointerException (future-cancel nil))))
