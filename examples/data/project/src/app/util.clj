(ns app.util)

(defn slug [s] (clojure.string/lower-case s))
