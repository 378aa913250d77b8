;; clojure.java.io for local files and streams. A file is a java.io.File
;; value (eval's host_paths.rs: a record holding its path, = by path, whose
;; str is the path, printed #object[java.io.File 0x.. "a/b"]); strings and
;; babashka.fs paths are taken wherever a file is. Readers, writers and
;; streams are process-local objects (eval's host_objects.rs), which slurp,
;; spit, line-seq, .readLine, .write and .close take. The natives live in
;; evelisp.io (eval/src/natives/io/files.rs, streams.rs) and
;; eval/src/natives/fs/.

(ns clojure.java.io
  "Local files (java.io.File values) and streams.")

(defn as-file
  "The java.io.File x names (a string, file or path); nil for nil."
  [x]
  (evelisp.io/file x))

(defn as-relative-path
  "The path of x (a string or file) if it is relative; an
  IllegalArgumentException if it is absolute."
  [x]
  (let [f (as-file x)]
    (if (.isAbsolute f)
      (throw (IllegalArgumentException. (str f " is not a relative path")))
      (.getPath f))))

(defn file
  "Returns a java.io.File, passing each arg to as-file. Multiple-arg
  versions treat the first argument as parent and subsequent args as
  children relative to the parent."
  ([arg] (as-file arg))
  ([parent child] (evelisp.io/file parent (as-relative-path child)))
  ([parent child & more]
   (reduce file (file parent child) more)))

(defn as-url
  "The URL of x as a string: a file's \"file:\" URL (absolute), a
  string that is already a URL as is; nil for nil. (evelisp has no
  java.net.URL: the URL is its text.)"
  [x]
  (cond
    (nil? x) nil
    (and (string? x) (re-find #"^[a-zA-Z][a-zA-Z0-9+.-]*:" x)) x
    (string? x) (throw (java.net.MalformedURLException. (str "no protocol: " x)))
    :else (let [f (as-file x)
                p (.getAbsolutePath f)]
            (str "file:" p (when (.isDirectory f) "/")))))

(defn reader
  "A java.io.BufferedReader of x: a file or path, a reader, or an input
  stream such as *in*. A file's text is UTF-8 unless :encoding names
  ISO-8859-1 or US-ASCII. Close it (or use with-open) when done."
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
  "Copies input (a reader, input stream, file, byte array, or a string as
  its text) to output (a writer, output stream, or file), byte for byte.
  Options :buffer-size (taken, not needed) and :encoding (the charset
  between text and bytes: UTF-8, ISO-8859-1 or US-ASCII).
  Returns nil."
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
  "Given the same arg(s) as for file, creates all parent directories of
  the file they represent; true if any was created."
  [f & more]
  (evelisp.io/make-parents (apply file f more)))

(defn make-reader
  "IOFactory's make-reader: a reader of x with the options map opts."
  [x opts]
  (apply reader x (mapcat identity opts)))

(defn make-writer
  "IOFactory's make-writer: a writer of x with the options map opts."
  [x opts]
  (apply writer x (mapcat identity opts)))

(defn make-input-stream
  "IOFactory's make-input-stream: an input stream of x with the options map opts."
  [x opts]
  (apply input-stream x (mapcat identity opts)))

(defn make-output-stream
  "IOFactory's make-output-stream: an output stream of x with the options map opts."
  [x opts]
  (apply output-stream x (mapcat identity opts)))
