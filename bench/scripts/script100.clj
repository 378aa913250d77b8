;; A 100-line script (bench/src/workloads/startup.rs times it from process
;; start to its printed result): run unchanged by evelisp, JVM Clojure and
;; nbb. It parses an inventory written as text, joins it with prices,
;; groups, sorts and formats a report, and prints one summary line.
(ns script100
  (:require [clojure.string :as str]))

(def inventory-text
  "widget,hardware,12,shelf-a
gadget,hardware,7,shelf-b
sprocket,hardware,31,shelf-a
gizmo,toys,4,shelf-c
doohickey,toys,19,shelf-c
thingamajig,misc,2,shelf-d
whatsit,misc,11,shelf-d
gear,hardware,54,shelf-b
yo-yo,toys,23,shelf-c
kazoo,toys,9,shelf-e
lever,hardware,16,shelf-a
pulley,hardware,8,shelf-b
marble,toys,140,shelf-e
spinner,toys,33,shelf-e
bracket,hardware,60,shelf-a")

(def prices
  {"widget" 2.5 "gadget" 10.0 "sprocket" 0.75 "gizmo" 15.0 "doohickey" 3.25
   "thingamajig" 99.0 "whatsit" 4.0 "gear" 1.1 "yo-yo" 2.0 "kazoo" 1.5
   "lever" 6.0 "pulley" 7.25 "marble" 0.1 "spinner" 3.0 "bracket" 0.9})

(defn parse-line
  "One inventory line as a map."
  [line]
  (let [[item category qty location] (str/split line #",")]
    {:item item
     :category (keyword category)
     :qty (parse-long qty)
     :location location}))

(defn parse-inventory [text]
  (->> (str/split-lines text)
       (remove str/blank?)
       (mapv parse-line)))

(defn with-value
  "The record with its unit price and total value."
  [rec]
  (let [price (get prices (:item rec) 0.0)]
    (assoc rec :price price :value (* price (:qty rec)))))

(defn low-stock? [rec] (< (:qty rec) 10))

(defn summarize-category [[category recs]]
  {:category category
   :items (count recs)
   :units (reduce + (map :qty recs))
   :value (reduce + (map :value recs))
   :low (mapv :item (filter low-stock? recs))})

(defn by-location [recs]
  (into (sorted-map)
        (map (fn [[loc rs]] [loc (set (map :item rs))]))
        (group-by :location recs)))

(defn money [x]
  (let [cents (Math/round (* 100.0 x))]
    (str "$" (quot cents 100) "." (let [c (mod cents 100)] (if (< c 10) (str "0" c) c)))))

(defn format-row [{:keys [category items units value low]}]
  (str/join " | " [(name category) items units (money value)
                   (if (seq low) (str/join "," (sort low)) "-")]))

(defn report [recs]
  (let [cats (->> (group-by :category recs)
                  (map summarize-category)
                  (sort-by :value >))]
    {:lines (map format-row cats)
     :total (reduce + (map :value recs))
     :locations (by-location recs)
     :top (first (sort-by :value > recs))}))

(defn checksum
  "A number that changes if any part of the report does."
  [{:keys [lines total locations top]}]
  (+ (reduce + (map count lines))
     (long total)
     (reduce + (map (comp count val) locations))
     (count (:item top))))

(let [recs (map with-value (parse-inventory inventory-text))
      r (report recs)
      low (filter low-stock? recs)
      words (frequencies (mapcat #(str/split (:item %) #"-") recs))]
  (doseq [line (:lines r)]
    (assert (= 5 (count (str/split line #" \| ")))))
  (assert (= 15 (count recs)))
  (assert (every? #(contains? prices (:item %)) recs))
  (println "result"
           (checksum r)
           (money (:total r))
           (:item (:top r))
           (count low)
           (count words)
           (str/join "/" (keys (:locations r)))))
