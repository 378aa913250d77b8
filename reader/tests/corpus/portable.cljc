(ns demo.portable
  (:require #?(:clj [clojure.java.io :as io]
               :cljs [cljs.reader :as reader]
               :evelisp [clojure.edn :as edn])))

(def platform #?(:clj "jvm" :cljs "js" :evelisp "evelisp" :default "unknown"))

(defn now-ms []
  #?(:clj (System/currentTimeMillis)
     :cljs (.now js/Date)
     :default (current-time-ms)))

(def config
  {:name "portable"
   :version [1 2 3]
   :features #{:a :b #?@(:evelisp [:shared-env :mmap])}
   :limits {:max-depth 1000 :ratio 3/4 :big 123456789012345678901234567890N
            :precise 0.1M :exp 6.02e23}
   :when #inst "2026-11-23T00:00:00.000-00:00"
   :id #uuid "00000000-0000-0000-0000-000000000000"
   :pattern #"^[a-z]+(-[a-z]+)*$"
   :chars [\a \space \newline \u00e9]
   #?@(:cljs [:js true])})

(defn read-config [s]
  #?(:evelisp (edn/read-string s)
     :default (throw (ex-info "unsupported" {:platform platform}))))
