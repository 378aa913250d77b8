(ns clojure.support.readers
  "The tag readers tests/lisp/data_readers.cljc names.")

(defn read-point
  "#evelisp.test/point [x y] reads as {:x x :y y}."
  [[x y]]
  {:x x :y y})
