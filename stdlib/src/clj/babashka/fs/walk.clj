;; babashka.fs: listing, walking and globbing (a part of babashka/fs.clj, which
;; loads it).
(in-ns 'babashka.fs)

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
