;; clojure.java.io, the part scripts use for local files. evelisp has no
;; java.io.File or reader objects: a file, and a reader of it, is its path
;; string, which slurp, spit, line-seq and file-seq take. The natives live
;; in evelisp.io (stdlib/src/natives/io.rs).

(ns clojure.java.io
  "Local files by path (evelisp: files and readers are path strings).")

(defn file
  "The path of f, with each further argument a child under it (as
  java.io.File joins them)."
  [f & more]
  (apply evelisp.io/file f more))

(defn as-file "The path x names." [x] (evelisp.io/file x))

(defn reader
  "A reader of x: in evelisp, the path itself (line-seq and slurp take a
  path). Options are ignored."
  [x & opts]
  (evelisp.io/file x))

(defn writer
  "A writer of x: in evelisp, the path itself (spit takes a path)."
  [x & opts]
  (evelisp.io/file x))

(defn delete-file
  "Deletes file f (or an empty directory). Raises an exception if it
  fails unless silently is given, which is then returned."
  ([f] (evelisp.io/delete-file f))
  ([f silently] (evelisp.io/delete-file f silently)))

(defn make-parents
  "Creates the parent directories of the file the arguments name; true if
  any was created."
  [f & more]
  (apply evelisp.io/make-parents f more))
