;; A part of evelisp.support.split-lib, loaded by a path from the root.
(in-ns 'evelisp.support.split-lib)

(defn from-rooted [] :rooted)
