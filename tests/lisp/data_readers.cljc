;; Tag readers for the test suites (a data_readers file on the load path,
;; as Clojure finds them on the classpath).
{evelisp.test/point #?(:clj clojure.support.readers/read-point
                       :cljs clojure.support.readers/read-point-js)}
