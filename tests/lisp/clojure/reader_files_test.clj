(ns clojure.reader-files-test
  "Files of the load path the reader uses: a .cljc library written for
  Clojure loaded by require (its :clj branches), and data_readers.cljc
  (tests/lisp/data_readers.cljc) giving a tag its reader."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.support.portable-lib :as lib]))

(deftest a-cljc-library-loads-its-clj-branches
  (is (= :jvm lib/platform))
  (is (= :evelisp lib/evelisp-first) "the first enabled feature in the form wins")
  (is (= :fallback lib/fallback))
  (is (= [0 1 2 3] lib/spliced))
  (is (= "HI" (lib/shout "hi")))
  (is (integer? (lib/now-ms)))
  (is (uuid? (lib/new-id)))
  (is (= #inst "1970-01-01T00:00:00.000-00:00" (lib/epoch)))
  (is (= #{2 3} (lib/common [1 2 3] [2 3 4])))
  (is (nil? (resolve 'clojure.support.portable-lib/only-in-cljs)) "a :cljs-only form vanishes"))

(deftest clojure-has-no-features-var
  ;; Clojure 1.11 has no *features* var; neither has evelisp.
  (is (nil? (resolve '*features*))))

(deftest data-readers-files
  (is (= {:x 1 :y 2} #evelisp.test/point [1 2]))
  (is (= {:x 3 :y 4} (read-string "#evelisp.test/point [3 4]")))
  (is (= [{:x 5 :y 6}] (read-string "[#evelisp.test/point [5 6]]")))
  (testing "*data-readers* comes first"
    (is (= :mine (binding [*data-readers* {'evelisp.test/point (fn [_] :mine)}]
                   (read-string "#evelisp.test/point [1 2]"))))))
