;; life.clj — small simulations: Conway's life on a torus, elementary
;; cellular automata, and a bank queue driven by a seeded generator.
;;
;; Worlds are plain sets and maps; generations come from lazy
;; `(iterate step world)`; rendering and rules dispatch through a
;; multimethod and a protocol; statistics accumulate in atoms.
;; Runs unchanged with `clojure life.clj`.

(ns life
  (:require [clojure.string :as str]))

;; ---------------------------------------------------------------------------
;; Life on a torus

(def width 12)
(def height 8)

(defn wrap-coord [[x y]]
  [(mod x width) (mod y height)])

(defn neighbours [[x y]]
  (for [dx [-1 0 1]
        dy [-1 0 1]
        :when (not= 0 dx dy)]
    (wrap-coord [(+ x dx) (+ y dy)])))

(defn step
  "One generation of life: the live cells are a set of [x y]."
  [cells]
  (set (for [[cell n] (frequencies (mapcat neighbours cells))
             :when (or (= n 3) (and (= n 2) (contains? cells cell)))]
         cell)))

(defn parse-world [rows]
  (set (for [[y row] (map-indexed vector rows)
             [x ch] (map-indexed vector row)
             :when (= ch \#)]
         [x y])))

(defn render [cells]
  (str/join "\n"
            (for [y (range height)]
              (apply str (for [x (range width)]
                           (if (cells [x y]) \# \.))))))

(def glider (parse-world [".#." "..#" "###"]))

(def blinker-and-block
  (into (set (map (fn [[x y]] [(+ x 7) (+ y 1)]) (parse-world ["###"])))
        (map (fn [[x y]] [(+ x 8) (+ y 5)]) (parse-world ["##" "##"]))))

(defn bounding-box [cells]
  (when (seq cells)
    (let [xs (map first cells) ys (map second cells)]
      [[(apply min xs) (apply min ys)] [(apply max xs) (apply max ys)]])))

(defn first-repeat
  "The first generation whose world was seen before, and the earlier one."
  [gens]
  (loop [i 0, seen {}, [g & more] gens]
    (if-let [j (seen g)]
      {:generation i :repeats j :period (- i j)}
      (recur (inc i) (assoc seen g i) more))))

(defn run-life [title world n]
  (println (str "-- " title " --"))
  (let [gens (take n (iterate step world))]
    (doseq [[i g] (map-indexed vector gens)
            :when (even? i)]
      (println (format "generation %d: %d cells, box %s" i (count g) (pr-str (bounding-box g))))
      (println (render g)))
    (println "population:" (str/join " " (map count gens)))
    (println "cycle:" (first-repeat (iterate step world)))))

;; ---------------------------------------------------------------------------
;; Elementary cellular automata, rules chosen by a multimethod

(defmulti next-cell (fn [rule _ _ _] (:kind rule)))

(defmethod next-cell :wolfram [{:keys [number]} l c r]
  (let [idx (+ (* 4 l) (* 2 c) r)]
    (if (bit-test number idx) 1 0)))

(defmethod next-cell :majority [_ l c r]
  (if (>= (+ l c r) 2) 1 0))

(defmethod next-cell :default [rule _ c _]
  (throw (ex-info "unknown rule" {:rule rule :cell c})))

(defn ca-step [rule row]
  (let [n (count row)]
    (mapv (fn [i]
            (next-cell rule
                       (row (mod (dec i) n))
                       (row i)
                       (row (mod (inc i) n))))
          (range n))))

(defn ca-row->str [row]
  (apply str (map {0 \space 1 \█} row)))

(defn run-ca [rule n]
  (let [start (assoc (vec (repeat 31 0)) 15 1)
        rows (take n (iterate (partial ca-step rule) start))]
    (println (str "-- " (name (:kind rule))
                  (when-let [k (:number rule)] (str " " k)) " --"))
    (doseq [row rows]
      (println (str "|" (ca-row->str row) "|")))
    (println "ones per row:" (mapv #(reduce + %) rows))))

;; ---------------------------------------------------------------------------
;; A bank: customers arrive, queue, and tellers serve them

(defprotocol Describe
  (describe [x]))

(extend-protocol Describe
  clojure.lang.IPersistentMap
  (describe [m] (str "customer " (:id m) " (" (:work m) " min)"))
  java.lang.Long
  (describe [n] (str n " min"))
  nil
  (describe [_] "nobody"))

(def rng (atom 42))

(defn next-int!
  "The next number from a seeded LCG, in [0, n)."
  [n]
  (let [s (swap! rng (fn [s] (mod (+ (* s 1103515245) 12345)
                                  2147483648)))]
    (mod (quot s 65536) n)))

(def stats (atom {:served 0 :waited 0 :max-queue 0 :idle 0}))

(defn arrivals [minute]
  (let [r (next-int! 10)]
    (for [k (range (cond (< r 5) 0 (< r 8) 1 :else 2))]
      {:id (str minute "-" k) :arrived minute :work (+ 2 (next-int! 5))})))

(defn tick [{:keys [minute queue tellers log]}]
  (let [queue (into queue (arrivals minute))
        ;; tellers: vector of nil (free) or {:customer c :left n}
        tellers (mapv (fn [t]
                        (when t
                          (let [t (update t :left dec)]
                            (when (pos? (:left t)) t))))
                      tellers)
        [tellers queue events]
        (reduce (fn [[ts q evs] i]
                  (if (and (nil? (ts i)) (seq q))
                    (let [c (first q)
                          waited (- minute (:arrived c))]
                      (swap! stats #(-> %
                                        (update :served inc)
                                        (update :waited + waited)))
                      [(assoc ts i {:customer c :left (:work c)})
                       (subvec q 1)
                       (conj evs (format "t%d serves %s after %s" i (describe c) (describe waited)))])
                    [ts q evs]))
                [tellers queue []]
                (range (count tellers)))]
    (swap! stats (fn [s]
                   (cond-> (update s :max-queue max (count queue))
                     (some nil? tellers) (update :idle + (count (filter nil? tellers))))))
    {:minute (inc minute)
     :queue queue
     :tellers tellers
     :log (into log (map #(str (format "%02d " minute) %) events))}))

(defn run-bank [minutes n-tellers]
  (println "-- bank --")
  (let [start {:minute 0
               :queue []
               :tellers (vec (repeat n-tellers nil))
               :log []}
        end (nth (iterate tick start) minutes)]
    (doseq [line (take 12 (:log end))]
      (println line))
    (println "..." (- (count (:log end)) 12) "more")
    (println "still queued:" (str/join ", " (map describe (:queue end))))
    (println "at the tellers:" (str/join ", " (map (comp describe :customer) (:tellers end))))
    (let [{:keys [served waited max-queue idle]} @stats]
      (println (format "served %d, mean wait %.2f min, longest queue %d, idle teller-minutes %d"
                       served (/ (double waited) served) max-queue idle)))))

;; ---------------------------------------------------------------------------

(run-life "glider" glider 9)
(println)
(run-life "blinker and block" blinker-and-block 3)
(println)
(run-ca {:kind :wolfram :number 90} 16)
(run-ca {:kind :wolfram :number 30} 8)
(run-ca {:kind :majority} 3)
(try
  (run-ca {:kind :mystery} 2)
  (catch clojure.lang.ExceptionInfo e
    (println "error:" (ex-message e) (ex-data e))))
(println)
(run-bank 60 2)
(println "describe:" (describe nil) "/" (describe 7))
