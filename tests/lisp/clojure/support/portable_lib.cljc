;; A library written for Clojure and ClojureScript, as found in the wild:
;; evelisp loads it unchanged, taking its :clj branches (and :evelisp ones
;; where a form names evelisp before :clj).
(ns clojure.support.portable-lib
  (:require #?(:clj [clojure.string :as str]
               :cljs [goog.string :as gstr])
            #?@(:clj [[clojure.set :as set]]
                :cljs [[clojure.set :as set]])))

(def platform #?(:cljs :js :clj :jvm :default :other))

(def evelisp-first #?(:evelisp :evelisp :clj :jvm))

(def fallback #?(:cljs :js :default :fallback))

(def spliced [0 #?@(:cljs [:js] :clj [1 2]) 3])

(defn shout [s] #?(:clj (str/upper-case s) :cljs (.toUpperCase s)))

(defn now-ms [] #?(:clj (System/currentTimeMillis) :cljs (.now js/Date)))

(defn new-id [] #?(:clj (java.util.UUID/randomUUID) :cljs (random-uuid)))

(defn epoch [] #?(:clj (java.util.Date. 0) :cljs (js/Date. 0)))

(defn common [a b] (set/intersection (set a) (set b)))

#?(:cljs (defn only-in-cljs [] :js))
