;; clojure.string: string functions, with Clojure's semantics. The work is
;; done by natives in the helper namespace evelisp.string (Rust,
;; stdlib/src/natives/string_natives.rs); this namespace only exists once
;; required. Characters are Unicode scalar values: indices count them.

(ns clojure.string
  "Clojure string utilities."
  (:refer-clojure :exclude [replace reverse]))

(defn upper-case "Converts string to all upper-case." [s]
  (evelisp.string/upper-case s))

(defn lower-case "Converts string to all lower-case." [s]
  (evelisp.string/lower-case s))

(defn capitalize
  "Converts first character of the string to upper-case, all other
  characters to lower-case."
  [s]
  (evelisp.string/capitalize s))

(defn reverse "Returns s with its characters reversed." [s]
  (evelisp.string/reverse s))

(defn trim "Removes whitespace from both ends of string." [s]
  (evelisp.string/trim s))

(defn triml "Removes whitespace from the left side of string." [s]
  (evelisp.string/triml s))

(defn trimr "Removes whitespace from the right side of string." [s]
  (evelisp.string/trimr s))

(defn trim-newline
  "Removes all trailing newline \\n or return \\r characters from string."
  [s]
  (evelisp.string/trim-newline s))

(defn blank? "True if s is nil, empty, or contains only whitespace." [s]
  (evelisp.string/blank? s))

(defn starts-with? "True if s starts with substr." [s substr]
  (evelisp.string/starts-with? s substr))

(defn ends-with? "True if s ends with substr." [s substr]
  (evelisp.string/ends-with? s substr))

(defn includes? "True if s includes substr." [s substr]
  (evelisp.string/includes? s substr))

(defn index-of
  "Return index of value (string or char) in s, optionally searching
  forward from from-index. Return nil if value not found."
  ([s value] (evelisp.string/index-of s value))
  ([s value from-index] (evelisp.string/index-of s value from-index)))

(defn last-index-of
  "Return last index of value (string or char) in s, optionally searching
  backward from from-index. Return nil if value not found."
  ([s value] (evelisp.string/last-index-of s value))
  ([s value from-index] (evelisp.string/last-index-of s value from-index)))

(defn join
  "Returns a string of all elements in coll, as returned by (seq coll),
  separated by an optional separator."
  ([coll] (evelisp.string/join "" coll))
  ([separator coll] (evelisp.string/join (str separator) coll)))

(defn escape
  "Return a new string, using cmap to escape each character ch from s as
  follows: if (cmap ch) is nil, append ch to the new string; if (cmap ch)
  is non-nil, append (str (cmap ch)) instead."
  [s cmap]
  (evelisp.string/escape s cmap))

(defn replace
  "Replaces all instance of match with replacement in s: string/string,
  char/char, or pattern/(string or function of match). A string
  replacement for a pattern may refer to groups as $1, ${name}."
  [s match replacement]
  (evelisp.string/replace s match replacement))

(defn replace-first
  "Replaces the first instance of match with replacement in s (as
  replace)."
  [s match replacement]
  (evelisp.string/replace-first s match replacement))

(defn re-quote-replacement
  "Given a replacement string that you wish to be a literal replacement
  for a pattern match in replace or replace-first, do the necessary
  escaping of special characters in the replacement."
  [replacement]
  (evelisp.string/re-quote-replacement replacement))

(defn split
  "Splits string on a regular expression. Optional argument limit is the
  maximum number of parts. Returns a vector of the parts; trailing empty
  parts are dropped when no limit is given."
  ([s re] (evelisp.string/split s re))
  ([s re limit] (evelisp.string/split s re limit)))

(defn split-lines "Splits s on \\n or \\r\\n. Trailing empty lines are not returned." [s]
  (evelisp.string/split-lines s))
