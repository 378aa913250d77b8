(ns my.app-core
  (:require [my.util :as u :refer [shout]]))

(def message #?(:evelisp (shout u/greeting) :default "wrong branch"))
