#!/usr/bin/env evelisp
(ns demo.inventory
  "A small inventory service: records, protocols, multimethods and the
  usual sequence plumbing."
  (:require [clojure.string :as str]
            [clojure.set :refer [union difference]]
            [clojure.walk :as walk])
  (:refer-clojure :exclude [update]))

(set! *warn-on-reflection* true)

(def ^:dynamic *currency* :eur)
(def ^:private tax-rate 21/100)
(defonce ^{:doc "All items, keyed by SKU."} inventory (atom {}))

(defprotocol Priced
  (price [this] "Price without tax.")
  (price-with-tax [this]))

(defrecord Item [sku name cents qty]
  Priced
  (price [_] (/ cents 100.0))
  (price-with-tax [this] (* (price this) (+ 1 tax-rate))))

(defmulti describe (fn [item] (if (pos? (:qty item)) :in-stock :sold-out)))
(defmethod describe :in-stock [{:keys [name qty]}] (str name " (" qty " left)"))
(defmethod describe :sold-out [{:keys [name]}] (str name " — sold out"))
(defmethod describe :default [_] "?")

(defn add-item!
  "Adds an item, merging quantities."
  [{:keys [sku] :as item}]
  {:pre [(string? sku)]}
  (swap! inventory update sku
         (fnil #(update % :qty + (:qty item)) item)))

(defn- parse-line [line]
  (let [[sku name cents qty] (str/split line #"\s*,\s*")]
    (->Item sku name (Long/parseLong cents) (Integer/parseInt qty))))

(defn load-csv [text]
  (->> (str/split-lines text)
       (remove str/blank?)
       (remove #(str/starts-with? % "#"))
       (map parse-line)
       (run! add-item!)))

(defn report []
  (let [items (vals @inventory)
        total (reduce + 0 (map #(* (:cents %) (:qty %)) items))]
    (doseq [item (sort-by :name items)
            :let [line (describe item)]
            :when (not (str/blank? line))]
      (println (format "%-20s %8.2f" line (price item))))
    (printf "total: %d.%02d %s%n" (quot total 100) (rem total 100) (name *currency*))
    {:count (count items) :total total}))

(defn restock [threshold]
  (loop [skus (keys @inventory) restocked #{}]
    (if-let [sku (first skus)]
      (let [{:keys [qty]} (get @inventory sku)]
        (if (< qty threshold)
          (do (swap! inventory assoc-in [sku :qty] threshold)
              (recur (rest skus) (conj restocked sku)))
          (recur (rest skus) restocked)))
      restocked)))

(defn safe-div [a b]
  (try
    (/ a b)
    (catch ArithmeticException e
      (println "cannot divide:" (ex-message e))
      ##Inf)
    (finally (println "done"))))

(comment
  (load-csv "a1, Apple, 120, 3\nb2, Bread, 250, 0")
  (report)
  (restock 5))
