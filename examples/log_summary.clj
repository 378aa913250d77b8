;; A log summarizer: reads access-log lines on standard input and prints
;; requests per level and status, the slowest paths and the lines it could
;; not read. Runs unchanged on evelisp and on JVM Clojure with tools.cli:
;;
;;   evelisp examples/log_summary.clj --top 3 < examples/data/access.log
;;
;; Each line looks like `2026-12-01T10:00:02 INFO GET /api/users 200 13ms`.
(ns log-summary
  (:require [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.tools.cli :refer [parse-opts]]))

(def cli-options
  [["-t" "--top N" "How many of the slowest paths to show"
    :default 5
    :parse-fn parse-long
    :validate [pos? "Must be a positive number"]]
   ["-h" "--help" "Show this help"]])

(def line-pattern
  #"^(\S+) (INFO|WARN|ERROR) (GET|POST|PUT|DELETE) (\S+) (\d{3}) (\d+)ms$")

(defn parse-line
  "The entry of one log line as a map, or nil when the line is not one."
  [line]
  (when-let [[_ time level method path status ms] (re-matches line-pattern line)]
    {:time time :level level :method method :path path
     :status (parse-long status) :ms (parse-long ms)}))

(defn percentile
  "The p-th percentile (0-100) of a sorted vector of numbers, nearest rank."
  [sorted p]
  (nth sorted (max 0 (dec (long (Math/ceil (* (/ p 100.0) (count sorted))))))))

(defn summarize [lines top]
  (let [numbered (map-indexed (fn [i l] [(inc i) l]) lines)
        entries (keep (fn [[_ l]] (parse-line l)) numbered)
        bad (remove (fn [[_ l]] (or (str/blank? l) (parse-line l))) numbered)
        by-path (group-by :path entries)]
    (println "requests:" (count entries))
    (println "by level:" (into (sorted-map) (frequencies (map :level entries))))
    (println "by status:" (into (sorted-map) (frequencies (map :status entries))))
    (println "errors (5xx):" (count (filter #(>= (:status %) 500) entries)))
    (println (str "slowest paths (p95 of " top "):"))
    (doseq [[path es] (->> by-path
                           (map (fn [[p es]] [p (vec (sort (map :ms es)))]))
                           (sort-by (fn [[p ms]] [(- (percentile ms 95)) p]))
                           (take top))]
      (println (format "  %-16s p50 %4dms  p95 %4dms  max %4dms  (%d requests)"
                       path (percentile es 50) (percentile es 95) (peek es) (count es))))
    (doseq [[n l] bad]
      (println (str "line " n ": not a log entry: " (pr-str l))))))

(let [{:keys [options errors summary]} (parse-opts *command-line-args* cli-options)]
  (cond
    (:help options) (println (str "Usage: log_summary [options] < LOG\n\n" summary))
    errors (do (binding [*out* *err*] (run! println errors)) (System/exit 2))
    :else (summarize (line-seq (io/reader *in*)) (:top options))))
