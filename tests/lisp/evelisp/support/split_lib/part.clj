;; A part of evelisp.support.split-lib, loaded relative to its namespace.
(in-ns 'evelisp.support.split-lib)

(defn from-part [] :part)
