;; A file-tree report: walks a directory with babashka.fs and prints how
;; many files and directories it holds, their size by extension, the
;; largest files and the directories with no files under them. Hidden
;; files count unless `--no-hidden` is given. Written as a babashka script
;; would be:
;;
;;   evelisp examples/file_tree_report.clj examples/data/project
;;   evelisp examples/file_tree_report.clj --largest 5 --no-hidden DIR
(ns file-tree-report
  (:require [babashka.fs :as fs]
            [clojure.string :as str]
            [clojure.tools.cli :refer [parse-opts]]))

(def cli-options
  [["-l" "--largest N" "How many of the largest files to list"
    :default 3
    :parse-fn parse-long
    :validate [#(and % (pos? %)) "Must be a positive number"]]
   [nil "--[no-]hidden" "Count hidden files and directories"
    :default true]
   ["-h" "--help"]])

(defn hidden-under?
  "Whether a path relative to the root has a hidden part."
  [rel]
  (some #(str/starts-with? % ".") (str/split (str rel) #"/")))

(defn report [root {:keys [largest hidden]}]
  (let [paths (->> (fs/glob root "**" {:hidden true})
                   (map #(fs/relativize root %))
                   (remove #(= "" (str %)))
                   (remove #(and (not hidden) (hidden-under? %)))
                   (sort-by str))
        files (filter #(fs/regular-file? (fs/path root %)) paths)
        dirs (filter #(fs/directory? (fs/path root %)) paths)
        size-of #(fs/size (fs/path root %))
        ext-of #(or (fs/extension %) "(none)")]
    (println (str "root: " (fs/file-name root)))
    (println (format "%d files, %d directories, %d bytes"
                     (count files) (count dirs) (reduce + (map size-of files))))
    (println "by extension:")
    (doseq [[ext fs-of] (sort-by key (group-by ext-of files))]
      (println (format "  %-8s %3d files %6d bytes"
                       ext (count fs-of) (reduce + (map size-of fs-of)))))
    (println "largest:")
    (doseq [f (take largest (sort-by (juxt (comp - size-of) str) files))]
      (println (format "  %6d  %s" (size-of f) f)))
    (let [empty (remove (fn [d] (some #(str/starts-with? (str %) (str d "/")) files))
                        dirs)]
      (println "directories without files:" (if (seq empty) (str/join ", " empty) "none")))))

(let [{:keys [options arguments errors summary]} (parse-opts *command-line-args* cli-options)
      root (first arguments)]
  (cond
    (:help options) (println (str "Usage: file_tree_report [options] DIR\n\n" summary))
    errors (do (binding [*out* *err*] (run! println errors)) (System/exit 2))
    (not (and root (fs/directory? root)))
    (do (binding [*out* *err*] (println "file_tree_report: not a directory:" (pr-str root)))
        (System/exit 1))
    :else (report root options)))
