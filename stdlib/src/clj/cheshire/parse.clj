;; cheshire.parse: the one setting of cheshire's parser that programs
;; bind; the parsing itself is cheshire.core over evelisp.json/parse.

(ns cheshire.parse
  "cheshire's parser settings.")

(def ^:dynamic *use-bigdecimals?*
  "When true, JSON numbers with a fraction or exponent are parsed as
  BigDecimals (exactly the digits written) instead of doubles."
  false)
