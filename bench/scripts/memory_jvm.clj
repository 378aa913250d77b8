;; Memory per element (bench/src/workloads/memory.rs): JVM Clojure's side,
;; the same structures as memory.clj built the same way. Args: KIND N.
;; Prints count, rss-before/rss-after (VmRSS in KB) and heap-bytes: the
;; growth of the heap in use, each side measured after a full GC.
(import '[java.nio.file Files Paths])

(defn rss-kb []
  (let [s (String. (Files/readAllBytes (Paths/get "/proc/self/status" (into-array String []))))]
    (parse-long (second (re-find #"VmRSS:\s+(\d+)" s)))))

(defn heap-used []
  (let [rt (Runtime/getRuntime)]
    (dotimes [_ 3] (System/gc))
    (- (.totalMemory rt) (.freeMemory rt))))

(def kind (first *command-line-args*))
(def n (parse-long (second *command-line-args*)))
(def heap-before (heap-used))
(def rss-before (rss-kb))
(def built
  (case kind
    "vector" (persistent! (reduce conj! (transient []) (range n)))
    "map" (persistent! (reduce (fn [m i] (assoc! m i i)) (transient {}) (range n)))))
(def rss-after (rss-kb))
(def heap-after (heap-used))
(println "count" (count built))
(println "rss-before" rss-before)
(println "rss-after" rss-after)
(println "heap-bytes" (- heap-after heap-before))
