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

;;; Listing, walking, globbing

(defn- kids
  "The paths of the entries of dir, sorted by name."
  [dir]
  (let [d (path dir)]
    (mapv #(.resolve d %) (evelisp.fs/-list-dir d))))

(declare glob-matcher)

(defn list-dir
  "Returns all paths in dir as vector. glob-or-accept is a glob string such
  as \"*.edn\" or a (fn accept [p]) -> truthy."
  ([dir] (kids dir))
  ([dir glob-or-accept]
   (let [accept (if (string? glob-or-accept)
                  (let [m (glob-matcher glob-or-accept)]
                    (fn [p] (m (file-name p))))
                  glob-or-accept)]
     (filterv accept (kids dir)))))

(defn list-dirs
  "Similar to list-dir but accepts multiple roots and returns the
  concatenated results."
  [dirs glob-or-accept]
  (vec (mapcat #(list-dir % glob-or-accept) dirs)))

(def ^:private visit-results #{:continue :skip-subtree :skip-siblings :terminate})

(defn- checked [r]
  (if (contains? visit-results r)
    r
    (throw (IllegalArgumentException.
            (str "Unsupported walk-file-tree visitor result: " (pr-str r))))))

(def ^:private loop-reason
  "How a failed visit of a link back to an enclosing directory ends its message."
  "(file system loop)")

(defn walk-file-tree
  "Walks f depth first. Visitor functions :pre-visit-dir (dir attrs),
  :post-visit-dir (dir exception), :visit-file (file attrs),
  :visit-file-failed (file exception: a missing file, a directory that
  cannot be listed, a loop of links);
  all default to (constantly :continue). They return :continue, :skip-subtree, :skip-siblings or
  :terminate; a different value throws. :follow-links follows symbolic
  links (a link back to an enclosing directory is a failed visit);
  :max-depth limits the depth (a directory at that depth is visited as a
  file). attrs is a map {:kind :size :mtime :atime :ctime :mode ...}.
  Returns f as a path."
  [f {:keys [pre-visit-dir post-visit-dir visit-file visit-file-failed
             follow-links max-depth]}]
  (let [pre (or pre-visit-dir (constantly :continue))
        post (or post-visit-dir (constantly :continue))
        on-file (or visit-file (constantly :continue))
        failed (or visit-file-failed (constantly :continue))
        max-depth (or max-depth Long/MAX_VALUE)
        root (path f)
        attrs-of (fn [p] (or (evelisp.fs/-attrs p (boolean follow-links))
                             (evelisp.fs/-attrs p false)))]
    (letfn [(visit [p depth ancestors]
              (let [a (attrs-of p)]
                (cond
                  (nil? a)
                  (checked (failed p (java.io.IOException. (str p " (No such file or directory)"))))

                  (and (= :directory (:kind a)) (< depth max-depth))
                  (let [real (when follow-links (evelisp.fs/-canonical p))]
                    (if (and real (contains? ancestors real))
                      (checked (failed p (java.io.IOException. (str p " " loop-reason))))
                      (let [r (checked (pre p a))]
                        (case r
                          :terminate :terminate
                          :skip-subtree :continue
                          :skip-siblings :skip-siblings
                          (let [entries (try (kids p) (catch Exception e {:failed e}))]
                            (if (map? entries)
                              (let [r (checked (failed p (:failed entries)))]
                                (if (= r :terminate) :terminate :continue))
                              (let [ancestors (if real (conj ancestors real) ancestors)
                                    r (loop [es entries]
                                        (if-let [e (first es)]
                                          (case (visit e (inc depth) ancestors)
                                            :terminate :terminate
                                            :skip-siblings :continue
                                            (recur (rest es)))
                                          :continue))]
                                (if (= r :terminate)
                                  :terminate
                                  (let [r (checked (post p nil))]
                                    (if (= r :terminate) :terminate :continue))))))))))

                  :else (checked (on-file p a)))))]
      (visit root 0 (if follow-links #{} nil))
      root)))

(defn- glob-regex
  "The regex of a pattern: \"regex:...\" as is, \"glob:...\" or a bare
  glob in Java's glob syntax."
  [pattern]
  (cond
    (str/starts-with? pattern "regex:") (re-pattern (subs pattern 6))
    (str/starts-with? pattern "glob:") (re-pattern (evelisp.fs/glob->regex (subs pattern 5)))
    :else (re-pattern (evelisp.fs/glob->regex pattern))))

(defn- glob-matcher [pattern]
  (let [re (glob-regex pattern)]
    (fn [s] (boolean (re-matches re (str s))))))

(defn- result-path
  "The path of rel (relative to root) as match gives it: under root, or
  rel itself when root is \".\"."
  [root rel]
  (if (= "." (str root)) (path rel) (path root rel)))

(defn match
  "Given a file and match pattern (\"glob:...\" or \"regex:...\"), returns
  matches as vector of paths, matching each path relative to root.
  Options: :hidden (match hidden paths), :follow-links, :recursive,
  :max-depth."
  ([root pattern] (match root pattern nil))
  ([root pattern {:keys [hidden follow-links max-depth recursive]}]
   (let [m (glob-matcher pattern)
         max-depth (or max-depth (if recursive Long/MAX_VALUE 1))
         root (path root)
         results (volatile! [])
         consider (fn [p]
                    (let [rel (evelisp.fs/-relativize root p)]
                      (when (and (not= "" rel)
                                 (or hidden (not (hidden? p)))
                                 (m rel))
                        (vswap! results conj (result-path root rel)))))]
     (when (exists? root)
       (walk-file-tree
        root
        {:max-depth max-depth
         :follow-links follow-links
         :pre-visit-dir (fn [d _]
                          (if (and (not hidden) (not= d root) (hidden? d))
                            :skip-subtree
                            (do (consider d) :continue)))
         :visit-file (fn [p _] (consider p) :continue)
         ;; A directory that cannot be listed is an error, not fewer
         ;; matches; a link back to an enclosing directory is skipped.
         :visit-file-failed (fn [_ e]
                              (if (str/ends-with? (str (ex-message e)) loop-reason)
                                :continue
                                (throw e)))}))
     @results)))

(defn glob
  "Given a file and glob pattern, returns matches as vector of paths.
  Patterns containing ** or / walk recursively, unless :recursive says
  otherwise. Options: :hidden, :follow-links, :recursive, :max-depth.
  Example: (glob \".\" \"**.clj\")."
  ([root pattern] (glob root pattern nil))
  ([root pattern opts]
   (let [recursive (get opts :recursive
                        (or (str/includes? pattern "**")
                            (str/includes? pattern "/")))]
     (match root (str "glob:" pattern)
            (assoc opts
                   :recursive recursive
                   ;; A pattern starting with a dot is after hidden files.
                   :hidden (or (:hidden opts) (str/starts-with? pattern ".")))))))

;;; Creating, deleting, copying, moving

(def ^:private perm-names
  ['OWNER_READ 'OWNER_WRITE 'OWNER_EXECUTE
   'GROUP_READ 'GROUP_WRITE 'GROUP_EXECUTE
   'OTHERS_READ 'OTHERS_WRITE 'OTHERS_EXECUTE])

(defn- str->mode [s]
  (when-not (and (string? s) (= 9 (count s)))
    (throw (IllegalArgumentException. (str "Invalid mode string '" s "'"))))
  (reduce (fn [mode [i c]]
            (let [want (nth "rwx" (mod i 3))]
              (cond (= c want) (bit-or mode (bit-shift-left 1 (- 8 i)))
                    (= c \-) mode
                    :else (throw (IllegalArgumentException.
                                  (str "Invalid mode string '" s "'"))))))
          0 (map-indexed vector s)))

(defn str->posix
  "Converts a string like \"rwxr-xr-x\" to a set of PosixFilePermission
  (symbols such as OWNER_READ)."
  [s]
  (let [mode (str->mode s)]
    (set (keep-indexed (fn [i p] (when (bit-test mode (- 8 i)) p)) perm-names))))

(defn- posix->mode [p]
  (if (string? p)
    (str->mode p)
    (reduce (fn [mode [i name]] (if (contains? p name) (bit-or mode (bit-shift-left 1 (- 8 i))) mode))
            0 (map-indexed vector perm-names))))

(defn posix->str
  "Converts a set of PosixFilePermission to a string like \"rwxr-xr-x\"."
  [p]
  (let [mode (posix->mode p)]
    (apply str (map-indexed (fn [i _] (if (bit-test mode (- 8 i)) (nth "rwx" (mod i 3)) \-))
                            perm-names))))

(defn- mode->posix [mode]
  (set (keep-indexed (fn [i p] (when (bit-test mode (- 8 i)) p)) perm-names)))

(defn posix-file-permissions
  "Gets f's posix file permissions (a set; posix->str shows it as a string)."
  ([f] (posix-file-permissions f nil))
  ([f opts]
   (let [a (attrs f opts)]
     (when-not a
       (throw (java.io.IOException. (str f " (No such file or directory)"))))
     (mode->posix (bit-and (:mode a) 511)))))

(defn set-posix-file-permissions
  "Sets posix file permissions on f. Accepts a string like \"rwx------\" or
  a set of PosixFilePermission."
  [f posix-file-permissions]
  (evelisp.fs/-set-mode (path f) (posix->mode posix-file-permissions)))

(defn- with-perms [p opts]
  (when-let [perms (opt opts :posix-file-permissions)]
    (set-posix-file-permissions p perms))
  p)

(defn create-dir
  "Creates dir (its parent must exist); the path."
  ([p] (create-dir p nil))
  ([p opts] (with-perms (evelisp.fs/-create-dir (path p)) opts)))

(defn create-dirs
  "Creates directories, parents too; no error if they exist. Like mkdir -p."
  ([p] (create-dirs p nil))
  ([p opts]
   (let [p (path p)]
     (if (directory? p)
       p
       (with-perms (evelisp.fs/-create-dirs p) opts)))))

(defn create-file
  "Creates the empty file path, which must not exist."
  ([p] (create-file p nil))
  ([p opts] (with-perms (evelisp.fs/-create-file (path p)) opts)))

(defn create-sym-link "Create a soft link from path to target." [p target]
  (evelisp.fs/-create-sym-link (path p) (path target)))

(defn create-link "Create a hard link from path to target." [p target]
  (evelisp.fs/-create-link (path p) (path target)))

(defn read-link "The target of the symbolic link f, as a path." [f]
  (path (evelisp.fs/-read-link f)))

(defn delete
  "Deletes f (a file, a link itself, or an empty directory). Returns nil;
  throws if it fails."
  [f]
  (evelisp.fs/-delete (path f))
  nil)

(defn delete-if-exists
  "Deletes f if it exists: true if it was deleted, false if it did not exist."
  [f]
  (if (exists? f {:nofollow-links true})
    (do (delete f) true)
    false))

(defn delete-tree
  "Deletes a file tree, like rm -rf. Does not follow symlinks."
  ([root] (delete-tree root nil))
  ([root _opts]
   (when (exists? root {:nofollow-links true})
     (walk-file-tree root {:visit-file (fn [p _] (delete p) :continue)
                           :visit-file-failed (fn [_ e] (throw e))
                           :post-visit-dir (fn [d e]
                                             (when e (throw e))
                                             (delete d) :continue)}))
   nil))

(defn copy
  "Copies src file to dest dir or file (into dest when it is a
  directory). Options :replace-existing, :copy-attributes,
  :nofollow-links. Returns dest."
  ([src dest] (copy src dest nil))
  ([src dest {:keys [replace-existing copy-attributes nofollow-links]}]
   (let [dest (if (directory? dest) (path dest (file-name src)) (path dest))]
     (if (and nofollow-links (sym-link? src))
       (do (when replace-existing (delete-if-exists dest))
           (evelisp.fs/-create-sym-link dest (evelisp.fs/-read-link src)))
       (evelisp.fs/-copy (path src) dest (boolean replace-existing)
                         (boolean copy-attributes))))))

(defn copy-tree
  "Copies the whole file tree from src into dest, creating dest if needed
  (with :posix-file-permissions). Supports the options of copy."
  ([src dest] (copy-tree src dest nil))
  ([src dest opts]
   (when-not (directory? src)
     (throw (IllegalArgumentException. (str "Not a directory: " src))))
   (let [src (path src)
         dest (path dest)]
     (when (and (exists? dest) (not (directory? dest)))
       (throw (IllegalArgumentException. (str "Not a directory: " dest))))
     (when (starts-with? (canonicalize dest) (canonicalize src))
       (when-not (= (str (canonicalize dest)) (str (canonicalize src)))
         (throw (IllegalArgumentException.
                 (str "Cannot copy src directory: " src ", under itself to dest: " dest)))))
     (create-dirs dest opts)
     (walk-file-tree
      src
      {:follow-links (not (opt opts :nofollow-links))
       :pre-visit-dir (fn [d _]
                        (let [rel (evelisp.fs/-relativize src d)]
                          (when-not (= "" rel)
                            (let [to (path dest rel)]
                              (when-not (directory? to) (create-dir to))))
                          :continue))
       :visit-file-failed (fn [_ e] (throw e))
       :visit-file (fn [p _]
                     (copy p (path dest (evelisp.fs/-relativize src p))
                           (dissoc opts :posix-file-permissions))
                     :continue)})
     dest)))

(defn move
  "Moves or renames source to target (into target when it is a
  directory). Options :replace-existing, :atomic-move, :nofollow-links."
  ([source target] (move source target nil))
  ([source target {:keys [replace-existing]}]
   (let [target (if (directory? target) (path target (file-name source)) (path target))]
     (evelisp.fs/-move (path source) target (boolean replace-existing)))))

(defn create-temp-dir
  "Creates a temporary directory: in :path (default the temp dir) named
  :prefix and random digits, with :posix-file-permissions."
  ([] (create-temp-dir nil))
  ([{:keys [prefix dir path posix-file-permissions] :as opts}]
   (let [in (or path dir (temp-dir))
         d (babashka.fs/path (evelisp.fs/-create-temp-dir (babashka.fs/path in) (or prefix "")))]
     (with-perms d opts))))

(defn create-temp-file
  "Creates an empty temporary file: in :path (default the temp dir) named
  :prefix, random digits and :suffix (default \".tmp\")."
  ([] (create-temp-file nil))
  ([{:keys [prefix suffix dir path] :as opts}]
   (let [in (or path dir (temp-dir))
         f (babashka.fs/path (evelisp.fs/-create-temp-file (babashka.fs/path in) (or prefix "")
                                                           (or suffix ".tmp")))]
     (with-perms f opts))))

(defmacro with-temp-dir
  "Evaluates body with binding-name bound to a new temporary directory
  (made by create-temp-dir with options), deleted with delete-tree when
  the body exits."
  [binding & body]
  (let [binding-name (first binding)
        options (second binding)]
    `(let [~binding-name (create-temp-dir ~options)]
       (try ~@body
            (finally (delete-tree ~binding-name))))))

;;; Attributes and contents

(defn size "Returns the size of a file (in bytes)." [f]
  (let [a (attrs f)]
    (when-not a (throw (java.io.IOException. (str f " (No such file or directory)"))))
    (:size a)))

(defn- attrs! [f opts]
  (or (attrs f opts)
      (throw (java.io.IOException. (str f " (No such file or directory)")))))

(def millis->file-time
  "Converts epoch millis (long) to a java.nio.file.attribute.FileTime."
  evelisp.fs/millis->file-time)

(def file-time->millis
  "Converts a java.nio.file.attribute.FileTime to epoch millis (long)."
  evelisp.fs/file-time->millis)

(defn last-modified-time
  "Returns last modified time as a java.nio.file.attribute.FileTime."
  ([f] (last-modified-time f nil))
  ([f opts] (millis->file-time (:mtime (attrs! f opts)))))

(defn creation-time
  "Returns creation time as a FileTime (the modification time where the
  file system keeps none)."
  ([f] (creation-time f nil))
  ([f opts] (millis->file-time (:ctime (attrs! f opts)))))

(defn- as-millis [t]
  (if (evelisp.fs/file-time? t) (file-time->millis t) (long t)))

(defn set-last-modified-time
  "Sets last modified time of f to time (millis or FileTime)."
  ([f time] (set-last-modified-time f time nil))
  ([f time _opts] (evelisp.fs/-set-mtime (path f) (as-millis time))))

(defn set-creation-time
  "Sets creation time of f to time: as Java on Linux, whose file systems
  keep no settable creation time, this changes nothing. Returns f."
  ([f time] (set-creation-time f time nil))
  ([f time _opts] (as-millis time) (attrs! f nil) (path f)))

(defn same-file? "Returns true if this is the same file as other." [this other]
  (= (str (real-path this)) (str (real-path other))))

(defn read-all-bytes "Returns contents of file as byte array." [f]
  (evelisp.fs/-read-bytes f))

(defn read-all-lines
  "Read all lines from a file, as a vector of strings."
  ([f] (read-all-lines f nil))
  ([f {:keys [charset]}]
   (when (directory? f)
     (throw (java.io.IOException. (str f " (Is a directory)"))))
   (with-open [r (io/reader (path f) :encoding (or charset "UTF-8"))]
     (vec (line-seq r)))))

(defn write-bytes
  "Writes bytes to path (replacing it, or at its end with :append).
  Returns the path."
  ([p bytes] (write-bytes p bytes nil))
  ([p bytes {:keys [append]}]
   (evelisp.fs/-write-bytes (path p) bytes (boolean append))))

(defn write-lines
  "Writes lines, a seqable of strings, to path, each ending with a newline
  (replacing it, or at its end with :append). Returns the path."
  ([p lines] (write-lines p lines nil))
  ([p lines {:keys [charset append]}]
   (spit (path p) (apply str (map #(str % "\n") lines))
         :append (boolean append) :encoding (or charset "UTF-8"))
   (path p)))

(defn update-file
  "Updates the contents of text file path using f applied to old contents
  and xs. Returns the new contents."
  [p & args]
  (let [[opts f & xs] (if (and (map? (first args)) (not (fn? (first args))))
                         args
                         (cons nil args))
        enc (or (:charset opts) "UTF-8")
        new (apply f (slurp p :encoding enc) xs)]
    (spit p new :encoding enc)
    new))

(defn- basic-attributes [a]
  {:lastModifiedTime (millis->file-time (:mtime a))
   :lastAccessTime (millis->file-time (:atime a))
   :creationTime (millis->file-time (:ctime a))
   :size (:size a)
   :isRegularFile (= :file (:kind a))
   :isDirectory (= :directory (:kind a))
   :isSymbolicLink (= :sym-link (:kind a))
   :isOther (= :other (:kind a))})

(defn read-attributes
  "The attributes of path named by attributes (\"basic:*\", \"posix:*\",
  \"*\", or \"view:name,name\") as a map with keyword keys (:key-fn
  changes how names become keys)."
  ([p attributes] (read-attributes p attributes nil))
  ([p attributes {:keys [key-fn] :or {key-fn keyword} :as opts}]
   (let [a (attrs! p opts)
         [view names] (if (str/includes? attributes ":")
                        (str/split attributes #":" 2)
                        ["basic" attributes])
         all (cond-> (basic-attributes a)
               (= view "posix") (assoc :permissions (mode->posix (bit-and (:mode a) 511))))
         picked (if (= names "*")
                  all
                  (select-keys all (map keyword (str/split names #","))))]
     (into {} (map (fn [[k v]] [(key-fn (name k)) v])) picked))))

(defn read-attributes*
  "The attributes of path (see read-attributes) as a map of string names."
  ([p attributes] (read-attributes* p attributes nil))
  ([p attributes opts] (read-attributes p attributes (assoc opts :key-fn identity))))

(defn get-attribute
  "The attribute of path named by attribute (\"basic:size\", \"lastModifiedTime\")."
  ([p attribute] (get-attribute p attribute nil))
  ([p attribute opts]
   (let [n (last (str/split attribute #":"))]
     (get (read-attributes p attribute opts) (keyword n)))))

(defn set-attribute
  "Sets the attribute of path named by attribute: lastModifiedTime, or
  posix:permissions. Returns the path."
  ([p attribute value] (set-attribute p attribute value nil))
  ([p attribute value _opts]
   (case (last (str/split attribute #":"))
     "lastModifiedTime" (set-last-modified-time p value)
     "permissions" (set-posix-file-permissions p value)
     "creationTime" (set-creation-time p value)
     (throw (IllegalArgumentException. (str "'" attribute "' not recognized"))))
   (path p)))

(defn modified-since
  "Returns seq of regular files from file-set modified since the anchor
  path (a file, or a directory whose newest file counts). file-set is a
  file, a directory (searched recursively) or a collection of them."
  [anchor file-set]
  (let [files (fn [x] (if (directory? x)
                        (filter regular-file? (glob x "**"))
                        (when (regular-file? x) [(path x)])))
        set-files (if (and (coll? file-set)
                           (not (evelisp.fs/path? file-set))
                           (not (evelisp.fs/file? file-set)))
                    (mapcat files file-set)
                    (files file-set))
        anchor-ms (if (directory? anchor)
                    (reduce max 0 (map #(file-time->millis (last-modified-time %)) (files anchor)))
                    (file-time->millis (last-modified-time anchor)))]
    (seq (filter #(> (file-time->millis (last-modified-time %)) anchor-ms) set-files))))

;;; Programs

(defn split-paths
  "Splits a string joined by the path separator into a vector of paths."
  [joined-paths]
  (mapv path (remove str/blank? (str/split (str joined-paths) #":"))))

(defn exec-paths "Returns executable paths (from the PATH environment variable)." []
  (split-paths (or (System/getenv "PATH") "")))

(defn which-all
  "Returns every path to program found in (exec-paths)."
  ([program] (which-all program nil))
  ([program _opts]
   (let [p (path program)]
     (if (str/includes? (str program) "/")
       (if (and (regular-file? p) (executable? p)) [p] [])
       (vec (for [dir (exec-paths)
                  :let [c (path dir (str program))]
                  :when (and (regular-file? c) (executable? c))]
              c))))))

(defn which
  "Returns the path of the first program found in (exec-paths), like the
  which Unix command, or nil."
  ([program] (first (which-all program)))
  ([program opts] (first (which-all program opts))))

(defn- xdg [var & more]
  (let [v (System/getenv var)]
    (if (str/blank? v) (apply path (home) more) (path v))))

(defn xdg-config-home "$XDG_CONFIG_HOME, else ~/.config, as a path." [] (xdg "XDG_CONFIG_HOME" ".config"))
(defn xdg-cache-home "$XDG_CACHE_HOME, else ~/.cache, as a path." [] (xdg "XDG_CACHE_HOME" ".cache"))
(defn xdg-data-home "$XDG_DATA_HOME, else ~/.local/share, as a path." [] (xdg "XDG_DATA_HOME" ".local" "share"))
(defn xdg-state-home "$XDG_STATE_HOME, else ~/.local/state, as a path." [] (xdg "XDG_STATE_HOME" ".local" "state"))
