(ns app.core)

(defn -main [& args]
  (println "hello" args))
