;; babashka.fs: attributes, times, permissions and contents (a part of babashka/fs.clj, which
;; loads it).
(in-ns 'babashka.fs)

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
