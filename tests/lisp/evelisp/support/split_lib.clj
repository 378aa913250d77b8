(ns evelisp.support.split-lib
  "A library split over files with load, as Clojure libraries are
  (namespaces_test.clj).")

(def loaded-in (str *ns*))

(load "split_lib/part")
(load "/evelisp/support/split_lib/rooted")

(def after-load (str *ns*))
