;; babashka.fs, the file-system library of babashka scripts, written in
;; evelisp over the natives of evelisp.fs (eval/src/natives/fs/). A path is
;; a java.nio.file.Path value (eval's host_paths.rs): a record the env file
;; can hold, = by its text, whose str is the path, printed as
;; #object[sun.nio.fs.UnixPath 0x.. "a/b"]; every function here, and
;; slurp, spit, clojure.java.io, take paths, files and strings alike.
;; Directory listings are sorted by name (Java's order is the directory's).

(ns babashka.fs
  "File system utilities: paths, files, directories, globs, walks,
  attributes and permissions."
  (:require [clojure.string :as str]
            [clojure.java.io :as io]))

(def file-separator "The separator of names in a path." "/")
(def path-separator "The separator of paths in PATH." ":")

(defn windows? "Whether the OS is Windows: false." [] false)

(defn path
  "Coerces f into a Path. Multiple-arg versions treat the first argument
  as parent and subsequent args as children relative to the parent."
  ([f] (evelisp.fs/path f))
  ([parent child] (evelisp.fs/path parent child))
  ([parent child & more] (apply evelisp.fs/path parent child more)))

(defn file
  "Coerces f into a File. Multiple-arg versions treat the first argument
  as parent and subsequent args as children relative to the parent."
  ([f] (io/file f))
  ([f & fs] (apply io/file f fs)))

(defn- opt [opts k] (get opts k))

(defn- attrs
  "The attributes map of f (nil if missing), following links unless
  :nofollow-links."
  ([f] (evelisp.fs/-attrs f true))
  ([f opts] (evelisp.fs/-attrs f (not (opt opts :nofollow-links)))))

(defn exists?
  "Returns true if f exists."
  ([f] (some? (attrs f)))
  ([f opts] (some? (attrs f opts))))

(defn directory?
  "Returns true if f is a directory."
  ([f] (= :directory (:kind (attrs f))))
  ([f opts] (= :directory (:kind (attrs f opts)))))

(defn regular-file?
  "Returns true if f is a regular file."
  ([f] (= :file (:kind (attrs f))))
  ([f opts] (= :file (:kind (attrs f opts)))))

(defn sym-link?
  "Determines if f is a symbolic link."
  [f]
  (= :sym-link (:kind (evelisp.fs/-attrs f false))))

(defn file-name
  "Returns the name of the file or directory. E.g. (file-name \"foo/bar/baz\")
  returns \"baz\"."
  [x]
  (str (.getFileName (path x))))

(defn hidden? "Returns true if f is hidden (its name starts with a dot)." [f]
  (str/starts-with? (file-name f) "."))

(defn readable? "Returns true if f is readable." [f] (evelisp.fs/-access f :read))
(defn writable? "Returns true if f is writable." [f] (evelisp.fs/-access f :write))
(defn executable? "Returns true if f is executable." [f] (evelisp.fs/-access f :execute))

(defn absolute? "Returns true if f represents an absolute path." [f]
  (str/starts-with? (str (path f)) "/"))

(defn relative? "Returns true if f represents a relative path." [f]
  (not (absolute? f)))

(defn absolutize "Converts f into an absolute path." [f]
  (path (evelisp.fs/-absolute f)))

(defn normalize "Normalizes f (takes away . and .. names)." [f]
  (path (evelisp.fs/-normalize f)))

(defn canonicalize
  "Returns the canonical path (as java.io.File#getCanonicalPath). With
  :nofollow-links, absolutize + normalize."
  ([f] (path (evelisp.fs/-canonical f)))
  ([f opts]
   (if (opt opts :nofollow-links)
     (normalize (absolutize f))
     (canonicalize f))))

(defn real-path
  "Converts f into its real path (links followed); f must exist."
  ([f] (.toRealPath (path f)))
  ([f opts]
   (if (opt opts :nofollow-links)
     (do (when-not (exists? f opts)
           (throw (java.io.IOException. (str f " (No such file or directory)"))))
         (normalize (absolutize f)))
     (real-path f))))

(defn relativize "Returns relative path by comparing this with other." [this other]
  (path (evelisp.fs/-relativize this other)))

(defn components
  "Returns a seq of all components of f as paths, i.e. split on the file
  separator."
  [f]
  (seq (map path (remove str/blank? (str/split (str (path f)) #"/")))))

(defn parent "Returns parent of f, if it has one. Akin to dirname in bash." [f]
  (.getParent (path f)))

(defn starts-with? "Returns true if path this starts with path other." [this other]
  (evelisp.fs/-starts-with? this other))

(defn ends-with? "Returns true if path this ends with path other." [this other]
  (evelisp.fs/-ends-with? this other))

(defn unixify "Returns path as string with Unix-style file separators (/)." [f]
  (str f))

(defn cwd "Returns current working directory as path." []
  (path (evelisp.fs/-cwd)))

(defn home
  "With no arguments, the home directory ($HOME). With a user, that
  user's home directory, as found in the parent of (home)."
  ([] (path (evelisp.fs/-home)))
  ([user] (if (str/blank? user) (home) (path (parent (home)) user))))

(defn expand-home
  "If f begins with a tilde (~), expands it to the home directory; ~user
  to that user's home."
  [f]
  (let [s (str f)]
    (if (str/starts-with? s "~")
      (let [slash (str/index-of s "/")
            user (subs s 1 (or slash (count s)))
            rest (if slash (subs s (inc slash)) "")]
        (if (str/blank? rest) (home user) (path (home user) rest)))
      (path f))))

(defn temp-dir "Returns the directory of temp files as path." []
  (path (evelisp.fs/-temp-dir)))

;;; Extensions

(defn split-ext
  "Splits path on extension: [base ext] as strings, ext nil when there is
  none. With :ext, splits only on that extension (without dot).
  Directories are not processed."
  ([p] (split-ext p nil))
  ([p {:keys [ext]}]
   (let [s (str p)
         name (file-name p)
         dot (str/last-index-of name ".")]
     (cond
       (directory? p) [s nil]
       ext (let [e (str "." ext)]
             (if (and (str/ends-with? name e) (not= name e))
               [(subs s 0 (- (count s) (count e))) ext]
               [s nil]))
       (and dot (pos? dot))
       [(subs s 0 (- (count s) (- (count name) dot))) (subs name (inc dot))]
       :else [s nil]))))

(defn extension "Returns the extension of a file via split-ext." [p]
  (second (split-ext p)))

(defn strip-ext
  "Strips extension via split-ext."
  ([p] (first (split-ext p)))
  ([p opts] (first (split-ext p opts))))

;; The rest of the library, one file per concept.
(load "fs/walk")
(load "fs/files")
(load "fs/attributes")
(load "fs/programs")
