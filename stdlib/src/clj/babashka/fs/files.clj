;; babashka.fs: creating, deleting, copying and moving files (a part of babashka/fs.clj, which
;; loads it).
(in-ns 'babashka.fs)

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
