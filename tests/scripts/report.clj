;; report.clj — a sales report over a generated dataset.
;;
;; Builds a deterministic set of orders from a seeded linear congruential
;; generator, then groups and aggregates them (by region, by product, by
;; month, by customer) and prints aligned tables and a pprinted summary.
;; Ordinary Clojure: runs unchanged with `clojure -M report.clj`.

(ns report
  (:require [clojure.string :as str]
            [clojure.pprint :refer [pprint]]))

;; ---------------------------------------------------------------------------
;; A seeded pseudo-random generator (a plain LCG, so the output never varies)

(def ^:const modulus 2147483648)

(defn lcg-next [seed]
  (mod (+ (* seed 1103515245) 12345) modulus))

(defn lcg-seq
  "An infinite lazy seq of pseudo-random longs in [0, modulus)."
  [seed]
  (rest (iterate lcg-next seed)))

(defn pick [coll r]
  (nth coll (mod (quot r 65536) (count coll))))

;; ---------------------------------------------------------------------------
;; The dataset

(def regions ["North" "South" "East" "West"])

(def products
  [{:sku "A-100" :name "Widget"   :price 4.25 :category :hardware}
   {:sku "B-200" :name "Gadget"   :price 12.5 :category :hardware}
   {:sku "C-300" :name "Manual"   :price 19.0 :category :books}
   {:sku "D-400" :name "Sprocket" :price 0.75 :category :hardware}
   {:sku "E-500" :name "Atlas"    :price 35.0 :category :books}
   {:sku "F-600" :name "Tea"      :price 6.4  :category :grocery}])

(def customers ["acme" "globex" "initech" "umbrella" "hooli" "stark" "wayne"])

(def months ["Jan" "Feb" "Mar" "Apr" "May" "Jun"])

(defn make-order [id [r1 r2 r3 r4 r5]]
  (let [product (pick products r2)]
    {:id       id
     :region   (pick regions r1)
     :sku      (:sku product)
     :product  (:name product)
     :category (:category product)
     :price    (:price product)
     :qty      (inc (mod (quot r3 65536) 20))
     :customer (pick customers r4)
     :month    (pick months r5)}))

(defn make-orders [n seed]
  (->> (lcg-seq seed)
       (partition 5)
       (take n)
       (map-indexed (fn [i rs] (make-order (inc i) rs)))
       vec))

(def orders (make-orders 240 20240601))

(defn revenue [{:keys [price qty]}]
  (* price qty))

;; ---------------------------------------------------------------------------
;; Aggregation helpers

(defn sum-by [f coll]
  (reduce + 0 (map f coll)))

(defn round2 [x]
  (/ (Math/round (* 100.0 x)) 100.0))

(defn summarize [group]
  {:orders  (count group)
   :units   (sum-by :qty group)
   :revenue (round2 (sum-by revenue group))})

(defn summarize-by [k coll]
  (reduce-kv (fn [acc group-key group]
               (assoc acc group-key (summarize group)))
             {}
             (group-by k coll)))

(defn pct [part whole]
  (if (zero? whole) 0.0 (* 100.0 (/ part whole))))

;; ---------------------------------------------------------------------------
;; Printing

(defn rule [width] (apply str (repeat width "-")))

(defn print-table-rows
  "Prints rows as aligned columns: cols is [[title width align key-fn] ...]."
  [cols rows]
  (let [cell (fn [[_ width align] v]
               (format (str "%" (when (= align :left) "-") width "s") v))
        header (str/join " " (map (fn [[title :as col]] (cell col title)) cols))]
    (println header)
    (println (rule (count header)))
    (doseq [row rows]
      (println (str/join " " (map (fn [[_ _ _ f :as col]] (cell col (f row))) cols))))))

(defn money [x] (format "%,.2f" (double x)))

(defn section [title]
  (println)
  (println (str "== " title " " (rule (- 60 (count title))))))

;; ---------------------------------------------------------------------------
;; The report

(def total-revenue (round2 (sum-by revenue orders)))

(defn region-report []
  (section "Revenue by region")
  (let [by-region (summarize-by :region orders)
        rows (->> by-region
                  (sort-by (comp - :revenue val))
                  (map (fn [[region {:keys [orders units revenue]}]]
                         {:region region :orders orders :units units
                          :revenue revenue
                          :share (format "%5.1f%%" (pct revenue total-revenue))})))]
    (print-table-rows [["Region" 8 :left :region]
                       ["Orders" 6 :right :orders]
                       ["Units" 6 :right :units]
                       ["Revenue" 12 :right (comp money :revenue)]
                       ["Share" 7 :right :share]]
                      rows)))

(defn product-report []
  (section "Top products")
  (let [rows (->> (group-by (juxt :sku :product) orders)
                  (map (fn [[[sku product] group]]
                         (merge {:sku sku :product product} (summarize group))))
                  (sort-by (juxt (comp - :revenue) :sku)))]
    (print-table-rows [["SKU" 6 :left :sku]
                       ["Product" 10 :left :product]
                       ["Units" 6 :right :units]
                       ["Revenue" 12 :right (comp money :revenue)]]
                      rows)))

(defn monthly-report []
  (section "Units per month and category")
  (let [cats (sort (distinct (map :category orders)))
        cells (reduce (fn [acc {:keys [month category qty]}]
                        (update-in acc [month category] (fnil + 0) qty))
                      {}
                      orders)]
    (println (apply str (format "%-5s" "Month")
                    (map #(format "%10s" (name %)) cats)))
    (doseq [m months]
      (println (apply str (format "%-5s" m)
                      (map #(format "%10d" (get-in cells [m %] 0)) cats))))
    (println (apply str (format "%-5s" "All")
                    (map (fn [c] (format "%10d" (sum-by #(get-in cells [% c] 0) months)))
                         cats)))))

(defn customer-report []
  (section "Customers")
  (let [spend (apply merge-with +
                     (map (fn [o] {(:customer o) (revenue o)}) orders))
        favorite (fn [c]
                   (->> orders
                        (filter #(= c (:customer %)))
                        (map :product)
                        frequencies
                        (sort-by (juxt (comp - val) key))
                        ffirst))
        ranked (sort-by (comp - val) spend)]
    (doseq [[i [c amount]] (map-indexed vector ranked)]
      (println (format "%2d. %-10s %12s  favorite: %s"
                       (inc i) c (money amount) (favorite c))))))

(defn quantity-histogram []
  (section "Order sizes")
  (let [bucket (fn [{:keys [qty]}]
                 (cond (<= qty 5) "1-5"
                       (<= qty 10) "6-10"
                       (<= qty 15) "11-15"
                       :else "16-20"))
        freqs (frequencies (map bucket orders))]
    (doseq [b ["1-5" "6-10" "11-15" "16-20"]
            :let [n (get freqs b 0)]]
      (println (format "%-6s %3d %s" b n (apply str (repeat (quot n 2) "#")))))))

(defn big-orders []
  (section "Five largest orders")
  (doseq [{:keys [id customer product qty] :as o}
          (take 5 (sort-by (juxt (comp - revenue) :id) orders))]
    (println (format "#%-4d %-9s %-9s x%-3d %10s" id customer product qty (money (revenue o))))))

(defn summary []
  (let [by-cat (summarize-by :category orders)
        qtys (map :qty orders)]
    {:orders (count orders)
     :revenue total-revenue
     :average-order (round2 (/ total-revenue (count orders)))
     :qty {:min (apply min qtys) :max (apply max qtys)
           :mean (round2 (/ (reduce + qtys) (double (count qtys))))}
     :categories (into (sorted-map)
                       (for [[k v] by-cat] [k (:revenue v)]))
     :regions-with-books (->> orders
                              (filter (comp #{:books} :category))
                              (map :region)
                              set
                              sort
                              vec)}))

(println "SALES REPORT")
(println (str "orders: " (count orders)
              ", customers: " (count (set (map :customer orders)))
              ", total revenue: " (money total-revenue)))
(region-report)
(product-report)
(monthly-report)
(customer-report)
(quantity-histogram)
(big-orders)
(section "Summary")
(pprint (summary))
