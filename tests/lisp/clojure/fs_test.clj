(ns clojure.fs-test
  "babashka.fs as its documentation describes it: paths, a tree made in a
  temp dir then listed, globbed, walked, copied, moved and deleted;
  extensions, permissions, times, contents, which."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.string :as str]
            [clojure.java.io :as io]
            [babashka.fs :as fs]))

(defn- path? [x] (instance? java.nio.file.Path x))

(defn- rel
  "The paths ps as strings relative to dir, sorted."
  [dir ps]
  (sort (map #(str (fs/relativize dir %)) ps)))

(defn- make-tree
  "dir/{a.clj, b.txt, .hidden.clj, src/{c.clj, d.cljc, deep/e.clj}, .git/f.clj}"
  [dir]
  (fs/create-dirs (fs/path dir "src" "deep"))
  (fs/create-dirs (fs/path dir ".git"))
  (doseq [f ["a.clj" "b.txt" ".hidden.clj" "src/c.clj" "src/d.cljc"
             "src/deep/e.clj" ".git/f.clj"]]
    (spit (fs/file dir f) f)))

(deftest path-values
  (let [p (fs/path "a" "b" "c.txt")]
    (is (= "a/b/c.txt" (str p)))
    (is (= p (fs/path "a/b/c.txt")) "paths are = by path")
    (is (not= p "a/b/c.txt") "a path is not its string")
    (is (path? p))
    (is (instance? java.nio.file.Path p))
    (is (str/starts-with? (pr-str p) "#object[sun.nio.fs.UnixPath 0x"))
    (is (str/ends-with? (pr-str p) " \"a/b/c.txt\"]"))
    (is (= "/b" (str (fs/path "a" "/b"))) "an absolute child replaces")
    (is (= "a/b" (str (fs/path (fs/file "a") (fs/path "b")))))
    (is (instance? java.io.File (fs/file "a" "b")))
    (is (= "a/b" (str (fs/file (fs/path "a") "b"))))))

(deftest path-arithmetic
  (are [x y] (= x y)
    "c.txt" (fs/file-name "a/b/c.txt")
    "b" (fs/file-name "a/b/")
    "a/b" (str (fs/parent "a/b/c.txt"))
    nil (fs/parent "c.txt")
    "../c/d" (str (fs/relativize "a/b" "a/c/d"))
    "a/c" (str (fs/normalize "a/./b/../c"))
    ["a" "b" "c"] (mapv str (fs/components "/a/b/c"))
    true (fs/absolute? "/x")
    true (fs/relative? "x")
    true (fs/starts-with? "a/b/c" "a/b")
    false (fs/starts-with? "a/bc" "a/b")
    true (fs/ends-with? "a/b/c" "b/c")
    true (fs/hidden? ".git")
    false (fs/hidden? "src")
    ["foo" "clj"] (fs/split-ext "foo.clj")
    ["dir/foo.bar" "clj"] (fs/split-ext "dir/foo.bar.clj")
    [".bashrc" nil] (fs/split-ext ".bashrc")
    ["foo" nil] (fs/split-ext "foo")
    ["foo.tar" "gz"] (fs/split-ext "foo.tar.gz" {:ext "gz"})
    ["foo.tar.gz" nil] (fs/split-ext "foo.tar.gz" {:ext "zip"})
    "clj" (fs/extension "a/b.clj")
    nil (fs/extension "a/b")
    "a/b" (fs/strip-ext "a/b.clj")
    [(fs/path "/usr/bin") (fs/path "/bin")] (fs/split-paths "/usr/bin::/bin"))
  (is (= (str (fs/cwd)) (System/getProperty "user.dir")))
  (is (fs/absolute? (fs/absolutize "x")))
  (is (= (str (fs/path (fs/cwd) "x")) (str (fs/absolutize "x"))))
  (is (= (str (fs/home)) (System/getenv "HOME")))
  (is (= (str (fs/path (fs/home) "x")) (str (fs/expand-home "~/x"))))
  (is (= (fs/home) (fs/expand-home "~")))
  (is (= (str (fs/path (fs/parent (fs/home)) "bob" "x")) (str (fs/expand-home "~bob/x"))))
  (is (= "a/~b" (str (fs/expand-home "a/~b")))))

(deftest tree-listing-glob-and-match
  (fs/with-temp-dir [dir {:prefix "evelisp-fs-test"}]
    (is (fs/directory? dir))
    (is (str/starts-with? (fs/file-name dir) "evelisp-fs-test"))
    (make-tree dir)
    (testing "list-dir: the entries, hidden ones too, sorted"
      (is (= [".git" ".hidden.clj" "a.clj" "b.txt" "src"] (rel dir (fs/list-dir dir))))
      (is (= [".hidden.clj" "a.clj"] (rel dir (fs/list-dir dir "*.clj"))) "a glob on the names")
      (is (= [".git" "src"] (rel dir (fs/list-dir dir fs/directory?)))))
    (testing "glob"
      (is (= ["a.clj"] (rel dir (fs/glob dir "*.clj"))) "hidden files are skipped")
      (is (= [".hidden.clj" "a.clj"] (rel dir (fs/glob dir "*.clj" {:hidden true}))))
      (is (= [".hidden.clj"] (rel dir (fs/glob dir ".*.clj"))) "a pattern starting with . matches hidden files")
      (is (= ["a.clj" "src/c.clj" "src/deep/e.clj"] (rel dir (fs/glob dir "**.clj"))))
      (is (= ["src/c.clj" "src/deep/e.clj"] (rel dir (fs/glob dir "**/*.clj"))) "**/ needs a directory")
      (is (= ["src/c.clj" "src/d.cljc"] (rel dir (fs/glob dir "src/*.{clj,cljc}"))))
      (is (= ["src/d.cljc"] (rel dir (fs/glob dir "src/[cd].clj?"))) "? is exactly one character")
      (is (= ["src/c.clj"] (rel dir (fs/glob dir "src/[!d]*"))))
      (is (= ["src/deep"] (rel dir (fs/glob dir "src/d??p"))))
      (is (= ["a.clj" "src/c.clj"] (rel dir (fs/glob dir "**.clj" {:max-depth 2}))))
      (is (= [".git/f.clj" ".hidden.clj" "a.clj" "src/c.clj" "src/deep/e.clj"]
             (rel dir (fs/glob dir "**.clj" {:hidden true}))))
      (is (every? path? (fs/glob dir "**")))
      (is (= [] (fs/glob (fs/path dir "missing") "*"))))
    (testing "match with regex: and glob:"
      (is (= ["a.clj" "src/c.clj" "src/deep/e.clj"]
             (rel dir (fs/match dir "regex:.*\\.clj" {:recursive true}))))
      (is (= ["b.txt"] (rel dir (fs/match dir "glob:*.txt")))))
    (testing "a malformed glob is an error naming it"
      (is (thrown-with-msg? IllegalArgumentException #"Missing '\}'" (fs/glob dir "{a,b"))))))

(deftest walking
  (fs/with-temp-dir [dir {}]
    (make-tree dir)
    (let [seen (atom [])
          log (fn [tag] (fn [p _] (swap! seen conj [tag (str (fs/relativize dir p))]) :continue))]
      (is (= (fs/path dir "src") (fs/walk-file-tree (fs/path dir "src")
                                    {:pre-visit-dir (log :pre)
                                     :post-visit-dir (log :post)
                                     :visit-file (log :file)})))
      (is (= [[:pre "src"] [:file "src/c.clj"] [:file "src/d.cljc"]
              [:pre "src/deep"] [:file "src/deep/e.clj"] [:post "src/deep"] [:post "src"]]
             (mapv (fn [[t p]] [t p]) @seen)))
      (reset! seen [])
      (fs/walk-file-tree (fs/path dir "src")
                         {:pre-visit-dir (fn [d _] (swap! seen conj (fs/file-name d))
                                           (if (= "deep" (fs/file-name d)) :skip-subtree :continue))
                          :visit-file (fn [f _] (swap! seen conj (fs/file-name f)) :continue)})
      (is (= ["src" "c.clj" "d.cljc" "deep"] @seen) ":skip-subtree skips the directory's entries")
      (reset! seen [])
      (fs/walk-file-tree dir {:visit-file (fn [f _] (swap! seen conj (fs/file-name f))
                                            (if (= "a.clj" (fs/file-name f)) :terminate :continue))})
      (is (= [".hidden.clj" "a.clj"] (drop 1 @seen)) ":terminate stops the walk")
      (reset! seen [])
      (fs/walk-file-tree dir {:max-depth 1
                              :visit-file (fn [f a] (swap! seen conj [(fs/file-name f) (:kind a)]) :continue)})
      (is (= [[".git" :directory] [".hidden.clj" :file] ["a.clj" :file] ["b.txt" :file] ["src" :directory]]
             @seen) "at :max-depth a directory is visited as a file")
      (reset! seen [])
      (fs/walk-file-tree dir {:max-depth 1
                              :visit-file (fn [f a] (swap! seen conj [(fs/file-name f) (.isDirectory a)
                                                                      (.isRegularFile a) (.size a)])
                                            :continue)})
      (is (= ["a.clj" false true 5] (nth @seen 2)) "the visitors get Java's BasicFileAttributes methods")
      (is (= [".git" true false] (subvec (first @seen) 0 3)))
      (is (thrown? IllegalArgumentException
                   (fs/walk-file-tree dir {:visit-file (constantly :bad)})))
      (testing "a link back up is a failed visit when links are followed, not a hang"
        (fs/create-sym-link (fs/path dir "src" "deep" "up") (fs/path dir "src"))
        (let [failed (atom [])]
          (fs/walk-file-tree (fs/path dir "src")
                             {:follow-links true
                              :visit-file-failed (fn [p e] (swap! failed conj (fs/file-name p)) :continue)})
          (is (= ["up"] @failed)))
        (is (= ["src/deep/up"] (rel dir (fs/glob dir "src/deep/u*"))) "not followed: the link itself")
        (is (= ["src/c.clj" "src/deep/e.clj"] (rel dir (fs/glob dir "src/**.clj" {:follow-links true}))))))))

(deftest create-copy-move-delete
  (fs/with-temp-dir [dir {}]
    (make-tree dir)
    (testing "create"
      (is (= (fs/path dir "new") (fs/create-dir (fs/path dir "new"))))
      (is (thrown? java.io.IOException (fs/create-dir (fs/path dir "new"))))
      (is (= (fs/path dir "new") (fs/create-dirs (fs/path dir "new"))) "no error when it exists")
      (is (fs/regular-file? (fs/create-file (fs/path dir "new" "empty"))))
      (is (= 0 (fs/size (fs/path dir "new" "empty"))))
      (is (thrown? java.io.IOException (fs/create-file (fs/path dir "new" "empty")))))
    (testing "copy"
      (is (= (fs/path dir "new" "a.clj") (fs/copy (fs/path dir "a.clj") (fs/path dir "new"))) "into a directory")
      (is (= "a.clj" (slurp (fs/path dir "new" "a.clj"))))
      (is (thrown? java.io.IOException (fs/copy (fs/path dir "b.txt") (fs/path dir "new" "a.clj"))))
      (fs/copy (fs/path dir "b.txt") (fs/path dir "new" "a.clj") {:replace-existing true})
      (is (= "b.txt" (slurp (fs/path dir "new" "a.clj")))))
    (testing "copy-tree"
      (fs/copy-tree (fs/path dir "src") (fs/path dir "copy"))
      (is (= ["c.clj" "d.cljc" "deep" "deep/e.clj"]
             (rel (fs/path dir "copy") (fs/glob (fs/path dir "copy") "**"))))
      (is (= "src/deep/e.clj" (slurp (fs/file dir "copy" "deep" "e.clj"))))
      (is (thrown? IllegalArgumentException (fs/copy-tree (fs/path dir "src") (fs/path dir "src" "deep" "x")))))
    (testing "move"
      (is (= (fs/path dir "moved.txt") (fs/move (fs/path dir "b.txt") (fs/path dir "moved.txt"))))
      (is (not (fs/exists? (fs/path dir "b.txt"))))
      (is (= "b.txt" (slurp (fs/path dir "moved.txt"))))
      (fs/move (fs/path dir "moved.txt") (fs/path dir "new"))
      (is (fs/exists? (fs/path dir "new" "moved.txt")) "into a directory"))
    (testing "delete"
      (is (nil? (fs/delete (fs/path dir "new" "empty"))))
      (is (thrown? java.io.IOException (fs/delete (fs/path dir "new" "empty"))))
      (is (false? (fs/delete-if-exists (fs/path dir "new" "empty"))))
      (is (true? (fs/delete-if-exists (fs/path dir "new" "moved.txt"))))
      (is (thrown? java.io.IOException (fs/delete (fs/path dir "src"))) "not empty")
      (is (nil? (fs/delete-tree (fs/path dir "src"))))
      (is (not (fs/exists? (fs/path dir "src"))))
      (is (nil? (fs/delete-tree (fs/path dir "src"))) "a missing tree is no error"))
    (testing "links"
      (fs/create-sym-link (fs/path dir "link") (fs/path dir "a.clj"))
      (is (fs/sym-link? (fs/path dir "link")))
      (is (fs/regular-file? (fs/path dir "link")))
      (is (not (fs/regular-file? (fs/path dir "link") {:nofollow-links true})))
      (is (= (str (fs/path dir "a.clj")) (str (fs/read-link (fs/path dir "link")))))
      (is (fs/same-file? (fs/path dir "link") (fs/path dir "a.clj")))
      (fs/delete (fs/path dir "a.clj"))
      (is (not (fs/exists? (fs/path dir "link"))) "a dangling link does not exist")
      (is (fs/exists? (fs/path dir "link") {:nofollow-links true}))
      (fs/delete-tree dir)
      (is (not (fs/exists? dir)) "delete-tree deletes links, not their targets"))))

(deftest temp-files
  (let [f (fs/create-temp-file {:prefix "pre-" :suffix ".txt"})]
    (is (fs/regular-file? f))
    (is (str/starts-with? (fs/file-name f) "pre-"))
    (is (= "txt" (fs/extension f)))
    (is (= (fs/temp-dir) (fs/parent f)))
    (is (= "rw-------" (fs/posix->str (fs/posix-file-permissions f))))
    (fs/delete f))
  (let [d (fs/create-temp-dir)]
    (is (fs/directory? d))
    (is (= "rwx------" (fs/posix->str (fs/posix-file-permissions d))))
    (let [inner (fs/create-temp-dir {:path d :prefix "in"})]
      (is (= d (fs/parent inner))))
    (fs/delete-tree d)
    (is (not (fs/exists? d))))
  (let [kept (atom nil)]
    (is (thrown? clojure.lang.ExceptionInfo
                 (fs/with-temp-dir [d {}] (reset! kept d) (spit (fs/file d "x") "x")
                   (throw (ex-info "boom" {})))))
    (is (not (fs/exists? @kept)) "with-temp-dir deletes its directory on a throw too")))

(deftest permissions-and-times
  (fs/with-temp-dir [dir {}]
    (let [f (fs/path dir "f.sh")]
      (spit f "#!/bin/sh\n")
      (is (= #{'OWNER_READ 'OWNER_WRITE 'OWNER_EXECUTE 'GROUP_READ 'GROUP_EXECUTE
               'OTHERS_READ 'OTHERS_EXECUTE}
             (fs/str->posix "rwxr-xr-x")))
      (is (= "rwxr-x--x" (fs/posix->str (fs/str->posix "rwxr-x--x"))))
      (is (thrown? IllegalArgumentException (fs/str->posix "rwz------")))
      (fs/set-posix-file-permissions f "rwxr-x---")
      (is (= "rwxr-x---" (fs/posix->str (fs/posix-file-permissions f))))
      (is (fs/executable? f))
      (fs/set-posix-file-permissions f (fs/str->posix "rw-r--r--"))
      (is (= "rw-r--r--" (fs/posix->str (fs/posix-file-permissions f))))
      (is (fs/readable? f))
      (is (fs/writable? f))
      (is (not (fs/readable? (fs/path dir "missing"))))
      (fs/set-last-modified-time f 1000000000000)
      (is (= 1000000000000 (fs/file-time->millis (fs/last-modified-time f))))
      (is (= (fs/millis->file-time 1000000000000) (fs/last-modified-time f)))
      (is (= "2001-09-09T01:46:40Z" (str (fs/last-modified-time f))))
      (is (neg? (compare (fs/millis->file-time 5) (fs/last-modified-time f))) "file times compare")
      (is (= ["a" "b"] (map str (sort [(fs/path "b") (fs/path "a")]))) "paths compare")
      (fs/set-last-modified-time f (fs/millis->file-time 2000))
      (is (= 2000 (fs/file-time->millis (fs/last-modified-time f))))
      (is (= 2000 (fs/file-time->millis (fs/get-attribute f "basic:lastModifiedTime"))))
      (is (= 10 (:size (fs/read-attributes f "*"))))
      (is (true? (:isRegularFile (fs/read-attributes f "basic:isRegularFile,size"))))
      (is (= #{:isRegularFile :size} (set (keys (fs/read-attributes f "basic:isRegularFile,size")))))
      (spit (fs/path dir "anchor") "")
      (fs/set-last-modified-time (fs/path dir "anchor") 1000)
      (is (= [f] (fs/modified-since (fs/path dir "anchor") [f (fs/path dir "anchor")])))
      (fs/set-last-modified-time (fs/path dir "anchor") 3000)
      (is (nil? (fs/modified-since (fs/path dir "anchor") [f])))
      (is (thrown? java.io.IOException (fs/last-modified-time (fs/path dir "missing")))))))

(deftest contents
  (fs/with-temp-dir [dir {}]
    (let [f (fs/path dir "lines.txt")]
      (is (= f (fs/write-lines f ["one" "two"])))
      (is (= "one\ntwo\n" (slurp f)))
      (fs/write-lines f ["three"] {:append true})
      (is (= ["one" "two" "three"] (fs/read-all-lines f)))
      (is (= [111 110 101] (take 3 (vec (fs/read-all-bytes f)))))
      (fs/write-bytes f (.getBytes "héllo"))
      (is (= "héllo" (slurp f)))
      (fs/write-bytes f (byte-array [33]) {:append true})
      (is (= "héllo!" (slurp f)))
      (is (= 7 (fs/size f)))
      (is (= "HÉLLO!" (fs/update-file f str/upper-case)))
      (is (= "HÉLLO!?" (fs/update-file f str "?")))
      (is (thrown? java.io.IOException (fs/read-all-lines dir)) "a directory is no file")
      (is (thrown? UnsupportedOperationException (fs/read-all-lines f {:charset "EBCDIC"})))
      (fs/write-lines f ["é"] {:charset "ISO-8859-1"})
      (is (= 2 (fs/size f)) "é and a newline, a byte each")
      (is (= ["é"] (fs/read-all-lines f {:charset "ISO-8859-1"})))
      (is (= "É\n" (fs/update-file f {:charset "ISO-8859-1"} str/upper-case))))))

(deftest which-programs
  (let [sh (fs/which "sh")]
    (is (path? sh))
    (is (fs/executable? sh))
    (is (= "sh" (fs/file-name sh)))
    (is (some #{sh} (fs/which-all "sh"))))
  (is (nil? (fs/which "no-such-program-evelisp")))
  (is (every? path? (fs/exec-paths))))

(deftest paths-everywhere-a-file-is
  (fs/with-temp-dir [dir {}]
    (let [p (fs/path dir "x.txt")]
      (spit p "via a path")
      (is (= "via a path" (slurp p)))
      (is (= "via a path" (slurp (io/file p))))
      (is (= ["via a path"] (with-open [r (io/reader p)] (vec (line-seq r)))))
      (is (= (str p) (str (.toFile p))))
      (is (= p (.toPath (io/file p))))
      (is (.exists (io/file p)))
      (is (= 1 (count (filter #(= "x.txt" (.getName %)) (file-seq (io/file dir)))))))))
