;; The harness's own cases: values, output, an exception.
(+ 1 2)
(do (println "hello") (println "two lines") :printed)
(/ 1 0)
(require '[clojure.string :as str])
(str/upper-case "abc")
[1 "two" :three {:four 4}]
(throw (ex-info "boom" {}))
