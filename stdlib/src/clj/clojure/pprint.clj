;; clojure.pprint: the pretty printer for data (pprint, pp, with
;; *print-right-margin*) and print-table. Written in evelisp; loaded by
;; require.
;;
;; The layout is the one Clojure's pretty printer (an XP printer with
;; clojure.pprint/simple-dispatch) gives data: every collection is a
;; logical block -- "(" ")", "[" "]", "#{" "}", and "{" "}" holding one
;; block per entry -- whose elements are separated by linear newlines (" "
;; then a newline; ", " between map entries). Clojure's printer streams
;; and decides each newline when its buffer overflows; for linear
;; newlines that comes to this rule, which the functions below apply top
;; down:
;;   - a newline of a block is taken if another newline of that block (or
;;     of a block inside it) was already taken, or if the text from it to
;;     the next newline of an enclosing block (or to the end) does not fit
;;     in the line: column + length < *print-right-margin*;
;;   - a taken newline indents to the column where its block's first
;;     element starts, and drops the space before it.
;; (Checked against Clojure 1.11 on thousands of random nested values and
;; margins.) Only simple-dispatch (data) is done: no code-dispatch,
;; cl-format, *print-length*/*print-level* (evelisp's printer has
;; neither), and no writer argument (evelisp has no writer objects: output
;; goes to *out*).

(ns clojure.pprint
  "A Pretty Printer for Clojure (data layout and print-table)."
  (:require [clojure.string :as string]))

(def ^:dynamic *print-right-margin*
  "Pretty printing will try to avoid anything going beyond this column.
  Set it to nil to have pprint let the line be arbitrarily long. This
  will ignore all non-mandatory newlines."
  72)

;; The flat text of a value is what pr prints, except that a list
;; (quote x), (clojure.core/deref x), (var x) or (clojure.core/unquote x)
;; prints as 'x, @x, #'x or ~x at any depth, as Clojure's pretty printer
;; does. Widths are the character counts of flat texts (pr-str is native,
;; so computing them again at each level of a broken collection is cheap).

(def ^:private reader-macros
  {'quote "'" 'clojure.core/deref "@" 'var "#'" 'clojure.core/unquote "~"})

(def ^:private reader-macro-marks
  ["(quote " "(clojure.core/deref " "(var " "(clojure.core/unquote "])

(defn- coll-value? "Whether x is a collection pprint lays out." [x]
  (or (map? x) (vector? x) (set? x) (seq? x)))

(defn- reader-macro
  "The reader macro character that list x prints as ('x for (quote x)),
  or nil."
  [x]
  (when (and (seq? x) (seq x))
    (let [mark (get reader-macros (first x))]
      (when (and mark (= 2 (count x)))
        mark))))

(declare ^:private flat)

(defn- build-flat
  "The flat text of collection x, built from its elements' flat texts."
  [x]
  (cond
    (map? x) (str "{" (string/join ", " (map (fn [[k v]] (str (flat k) " " (flat v))) x)) "}")
    (vector? x) (str "[" (string/join " " (map flat x)) "]")
    (set? x) (str "#{" (string/join " " (map flat x)) "}")
    :else (if-let [mark (reader-macro x)]
            (str mark (flat (second x)))
            (str "(" (string/join " " (map flat x)) ")"))))

(defn- flat
  "x printed on one line, as pprint prints it when it fits."
  [x]
  (let [s (pr-str x)]
    ;; A reader-macro form may be inside only if its printed head is (a
    ;; string containing one only costs the slower path).
    (if (and (coll-value? x) (some #(string/includes? s %) reader-macro-marks))
      (build-flat x)
      s)))

(def ^:private spaces (apply str (repeat 200 " ")))

(defn- indentation
  "A newline and n spaces."
  [n]
  (str "\n" (if (<= n 200) (subs spaces 0 n) (apply str (repeat n " ")))))

;; The layout functions take the output so far (a vector of strings), the
;; column, and `trailing`: the width of the text that follows the value up
;; to the next newline of an enclosing block (what Clojure's printer
;; measures a newline's section to). They give [output column broke?],
;; broke? telling whether a newline was taken inside (which makes every
;; later newline of the enclosing blocks be taken).
;;
;; A value is printed flat when col + width + trailing - 1 < margin: then
;; no newline inside it is taken (its last one would end its section at
;; that column, less the space before it; every other ends earlier).

(declare ^:private layout)

(defn- layout-elements
  "Lays out the elements xs of a block prefix ... suffix of flat width
  width: each newline between two elements is taken if one was taken
  before in the block, or if the rest of the block (and trailing) does not
  fit after it; a taken one indents to the column after prefix."
  [xs prefix suffix width col trailing out margin]
  (let [indent (+ col (count prefix))
        end (count suffix)]
    (loop [out (conj out prefix) col indent xs (seq xs)
           left (- width (count prefix)) broke false]
      (if (nil? xs)
        [(conj out suffix) (+ col end) broke]
        (let [x (first xs)
              s (flat x)
              more (next xs)]
          (if more
            (let [[out col b] (layout x s col 1 out margin)
                  broke (or broke b)
                  left (- left (count s) 1)]
              (if (or broke (>= (+ col left trailing) margin))
                (recur (conj out (indentation indent)) indent more left true)
                (recur (conj out " ") (inc col) more left broke)))
            (let [[out col b] (layout x s col (+ end trailing) out margin)]
              [(conj out suffix) (+ col end) (or broke b)])))))))

(defn- layout-entry
  "Lays out a map entry (a block of its own): key k (flat text ks), a
  newline, value v (flat text vs); the newline indents to the entry's
  column."
  [k ks v vs col trailing out margin]
  (let [wv (count vs)]
    (if (< (+ col (count ks) wv trailing) margin)
      [(conj out ks " " vs) (+ col (count ks) 1 wv) false]
      (let [[out c b] (layout k ks col 1 out margin)
            take (or b (>= (+ c wv trailing) margin))
            out (conj out (if take (indentation col) " "))
            [out c b2] (layout v vs (if take col (inc c)) trailing out margin)]
        [out c (or take b2)]))))

(defn- layout-map
  "Lays out map m of flat width width: entries separated by \", \" and a
  newline, taken as in layout-elements, indenting after the {."
  [m width col trailing out margin]
  (let [indent (inc col)]
    (loop [out (conj out "{") col indent entries (seq m)
           left (dec width) broke false]
      (if (nil? entries)
        [(conj out "}") (inc col) broke]
        (let [[k v] (first entries)
              ks (flat k)
              vs (flat v)
              more (next entries)]
          (if more
            (let [[out col b] (layout-entry k ks v vs col 2 out margin)
                  broke (or broke b)
                  out (conj out ",")
                  col (inc col)
                  left (- left (count ks) (count vs) 3)]
              (if (or broke (>= (+ col left trailing) margin))
                (recur (conj out (indentation indent)) indent more left true)
                (recur (conj out " ") (inc col) more left broke)))
            (let [[out col b] (layout-entry k ks v vs col (inc trailing) out margin)]
              [(conj out "}") (inc col) (or broke b)])))))))

(defn- layout
  "Lays out x, whose flat text is s, at column col."
  [x s col trailing out margin]
  (let [width (count s)]
    (if (or (nil? margin) (not (coll-value? x)) (< (+ col width trailing -1) margin))
      [(conj out s) (+ col width) false]
      (cond
        (map? x) (layout-map x width col trailing out margin)
        (vector? x) (layout-elements x "[" "]" width col trailing out margin)
        (set? x) (layout-elements x "#{" "}" width col trailing out margin)
        :else (if-let [mark (reader-macro x)]
                (layout (second x) (subs s (count mark)) (+ col (count mark)) trailing
                        (conj out mark) margin)
                (layout-elements x "(" ")" width col trailing out margin))))))

(defn pprint
  "Pretty print object to *out*, followed by a newline: a collection that
  fits in *print-right-margin* columns stays on one line, a longer one
  gets one element (map: entry) per line, aligned after its opening
  bracket, as Clojure's pretty printer lays data out."
  [object]
  (let [[out] (layout object (flat object) 0 0 [] *print-right-margin*)]
    (print (str (string/join out) "\n"))))

(defmacro pp
  "A convenience macro that pretty prints the last thing output. This is
  exactly equivalent to (pprint *1)."
  []
  `(pprint *1))

(defn print-table
  "Prints a collection of maps in a textual table. Prints table headings
  ks, and then a line of output for each row, corresponding to the keys
  in ks. If ks are not specified, use the keys of the first item in rows."
  ([ks rows]
   (when (seq rows)
     (let [widths (map (fn [k]
                         (apply max (count (str k))
                                (map #(count (str (get % k))) rows)))
                       ks)
           row-text (fn [leader divider trailer row]
                      (str leader
                           (string/join divider
                                        (map (fn [k w] (format (str "%" w "s") (str (get row k))))
                                             ks widths))
                           trailer))]
       (println)
       (println (row-text "| " " | " " |" (zipmap ks ks)))
       (println (row-text "|-" "-+-" "-|"
                          (zipmap ks (map #(apply str (repeat % "-")) widths))))
       (doseq [row rows]
         (println (row-text "| " " | " " |" row))))))
  ([rows] (print-table (keys (first rows)) rows)))
