;; The JSON workload (bench/src/workloads/json.rs), run unchanged by evelisp
;; and by JVM Clojure (with Debian's clojure.data.json and cheshire jars on
;; the classpath). Args: LIB REPS WARMUPS FILE, LIB `data.json` or
;; `cheshire`. Reads FILE (a JSON document) once, then times parsing it
;; (string to values) and generating it (values to a string), each inside
;; the process with System/nanoTime; WARMUPS untimed runs of each come
;; first. Prints one line per timed run:
;;   result NAME MILLISECONDS VALUE
;; VALUE checks the work: for parse, the records and the sum of their ids;
;; for generate, the records of the text generated, parsed back.
(require '[clojure.data.json :as dj] '[cheshire.core :as ch])

(defn checksum [v]
  (str (count v) "/" (reduce + (map #(get % "id") v))))

(let [[lib reps warmups file] *command-line-args*
      reps (parse-long reps)
      warmups (parse-long warmups)
      text (slurp file)
      [parse generate] (case lib
                         "data.json" [dj/read-str dj/write-str]
                         "cheshire" [ch/parse-string-strict ch/generate-string])
      data (parse text)
      workloads [["parse" #(parse text) checksum]
                 ["generate" #(generate data) #(checksum (parse %))]]]
  (doseq [[name f check] workloads]
    (dotimes [_ warmups] (f))
    (dotimes [_ reps]
      (let [t0 (System/nanoTime)
            r (f)
            t1 (System/nanoTime)]
        (println "result" name (/ (double (- t1 t0)) 1e6) (check r))
        (flush)))))
(shutdown-agents)
