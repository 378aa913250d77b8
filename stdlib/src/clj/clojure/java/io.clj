;; clojure.java.io, the part scripts use for local files and streams. A
;; file is its path string; readers, writers and streams are process-local
;; objects (eval's host_objects.rs), which slurp, spit, line-seq, .readLine,
;; .write and .close take. The natives live in evelisp.io
;; (eval/src/natives/io/files.rs, streams.rs).

(ns clojure.java.io
  "Local files (as path strings) and streams.")

(defn file
  "The path of f, with each further argument a child under it (as
  java.io.File joins them)."
  [f & more]
  (apply evelisp.io/file f more))

(defn as-file "The path x names." [x] (evelisp.io/file x))

(defn reader
  "A java.io.BufferedReader of x: a file or path, a reader, or an input
  stream such as *in*. Options are ignored (text is UTF-8). Close it (or
  use with-open) when done."
  [x & opts]
  (apply evelisp.io/reader x opts))

(defn writer
  "A java.io.BufferedWriter of x: a file or path (with :append true it
  writes at the end), a writer, or an output stream. Close it (or use
  with-open) to flush what it buffered."
  [x & opts]
  (apply evelisp.io/writer x opts))

(defn input-stream
  "A java.io.BufferedInputStream of x: a file or path, or an input stream."
  [x & opts]
  (apply evelisp.io/input-stream x opts))

(defn output-stream
  "A java.io.BufferedOutputStream of x: a file or path (:append true adds
  to the end), or an output stream."
  [x & opts]
  (apply evelisp.io/output-stream x opts))

(defn copy
  "Copies input (a reader, input stream, file or string) to output (a
  writer, output stream or file). Returns nil."
  [input output & opts]
  (apply evelisp.io/copy input output opts))

(defn resource
  "The resource named n on the load path (EVELISP_PATH and the directories
  require searches), as a path, or nil."
  ([n] (evelisp.io/resource n))
  ([n loader] (evelisp.io/resource n)))

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
