(ns my.util)

(def greeting "hello")

(def ^:private secret 42)

(def shout (fn* [s] (str s "!")))
