(ns clojure.uuid-inst-test
  "UUIDs and instants: #uuid and #inst literals, the functions over them,
  their host classes; every expected value was printed by JVM Clojure 1.11
  (this file runs there unchanged)."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.edn :as edn]))

(def u #uuid "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
(def d #inst "2020-01-01T00:00:00.000-00:00")

(deftest uuid-literals
  (is (= "#uuid \"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"" (pr-str u) (print-str u)))
  (is (= "f81d4fae-7dec-11d0-a765-00a0c91e6bf6" (str u)))
  (is (= java.util.UUID (class u)))
  (is (uuid? u))
  (is (not (uuid? "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")))
  (is (= -343263960 (hash u)))
  (is (= 0 (hash #uuid "00000000-0000-0000-0000-000000000000")))
  (is (= u (read-string (pr-str u))) "prints readably")
  (is (= u #uuid "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6") "upper-case hex reads the same")
  (is (= "#uuid \"00000001-0002-0003-0004-000000000005\"" (pr-str #uuid "1-2-3-4-5"))
      "Java's lenient syntax"))

(deftest uuid-functions
  (is (= u (parse-uuid "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")))
  (is (= #uuid "00000001-0002-0003-0004-000000000005" (parse-uuid "1-2-3-4-5")))
  (is (nil? (parse-uuid "nope")))
  (is (nil? (parse-uuid "1-2-3-4-5-6")))
  (is (nil? (parse-uuid "g-2-3-4-5")) "a NumberFormatException is an IllegalArgumentException")
  (is (thrown? ClassCastException (parse-uuid 1)))
  (is (thrown? NullPointerException (parse-uuid nil)))
  (is (= u (java.util.UUID/fromString "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")))
  (is (= #uuid "23456789-0002-0003-0004-000000000005" (java.util.UUID/fromString "123456789-2-3-4-5")))
  (is (thrown-with-msg? IllegalArgumentException #"UUID string too large"
                        (java.util.UUID/fromString "12345678-1234-1234-1234-1234567890123")))
  (is (thrown-with-msg? IllegalArgumentException #"Invalid UUID string: xyz"
                        (java.util.UUID/fromString "xyz")))
  (is (thrown-with-msg? NumberFormatException #"Error at index 0 in: \"g\""
                        (java.util.UUID/fromString "g-2-3-4-5")))
  (let [r (random-uuid)]
    (is (uuid? r))
    (is (= 4 (.version r)))
    (is (re-matches #"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}" (str r)))
    (is (not= r (random-uuid))))
  (is (uuid? (java.util.UUID/randomUUID))))

(deftest uuid-order-and-keys
  (is (= 1 (compare #uuid "00000000-0000-0000-0000-000000000001" #uuid "80000000-0000-0000-0000-000000000000"))
      "Java compares the halves as signed longs")
  (is (= 1 (compare #uuid "00000000-0000-0000-0000-000000000001" #uuid "00000000-0000-0000-8000-000000000000")))
  (is (= -1 (compare #uuid "00000000-0000-0000-0000-000000000001" #uuid "00000000-0000-0000-0000-000000000002")))
  (is (= 0 (compare u (parse-uuid (str u)))))
  (is (= [#uuid "00000000-0000-0000-0000-000000000001" #uuid "00000000-0000-0000-0000-000000000002"]
         (sort [#uuid "00000000-0000-0000-0000-000000000002" #uuid "00000000-0000-0000-0000-000000000001"])))
  (is (= :found (get {(parse-uuid (str u)) :found} u)))
  (is (contains? #{u} (java.util.UUID/fromString (str u))))
  (is (= :yes (case u #uuid "f81d4fae-7dec-11d0-a765-00a0c91e6bf6" :yes :no))))

(deftest inst-literals
  (is (= "#inst \"2020-01-01T00:00:00.000-00:00\"" (pr-str d) (print-str d)))
  (is (= "Wed Jan 01 00:00:00 UTC 2020" (str d)) "Date.toString (in UTC)")
  (is (= java.util.Date (class d)))
  (is (inst? d))
  (is (not (inst? 1)))
  (is (= 1583802735 (hash d)))
  (is (= 1867700338 (hash #inst "2020-06-01T10:00:00Z")))
  (is (= 1471228920 (hash #inst "1969-01-01")))
  (is (= 1577836800000 (inst-ms d)))
  (is (= d (read-string (pr-str d))))
  (are [text printed] (= printed (pr-str (read-string (str "#inst \"" text "\""))))
    "2020-01-01" "#inst \"2020-01-01T00:00:00.000-00:00\""
    "2020" "#inst \"2020-01-01T00:00:00.000-00:00\""
    "2020-01-01T12:30:45.123456789+02:00" "#inst \"2020-01-01T10:30:45.123-00:00\""
    "2020-06-01T10:00:00Z" "#inst \"2020-06-01T10:00:00.000-00:00\""
    "2020-01-01T00:00:00.999999999Z" "#inst \"2020-01-01T00:00:00.999-00:00\"")
  (is (= d #inst "2020") "the same instant written two ways")
  (is (= -1 (compare #inst "2020" #inst "2021")))
  (is (= [#inst "2020" #inst "2021"] (sort [#inst "2021" #inst "2020"]))))

(deftest malformed-inst-and-uuid
  (are [text message] (= message (try (read-string (str "#inst \"" text "\""))
                                      (catch Exception e (ex-message e))))
    "2020-13-01" "failed: (<= 1 months 12)"
    "2020-02-30" "failed: (<= 1 days (days-in-month months (leap-year? years)))"
    "2020-01-01T24:00:00" "failed: (<= 0 hours 23)"
    "2020-01-01T00:00:00+25:00" "failed: (<= 0 offset-hours 23)"
    "foo" "Unrecognized date/time syntax: foo"
    "2020-1-01" "Unrecognized date/time syntax: 2020-1-01")
  (is (thrown-with-msg? IllegalArgumentException #"Invalid UUID string: xyz"
                        (read-string "#uuid \"xyz\"")))
  (is (thrown? ClassCastException (read-string "#inst 12"))))

(deftest dates-and-instants
  (is (= "#inst \"1970-01-01T00:00:00.000-00:00\"" (pr-str (java.util.Date. 0))))
  (is (= "#inst \"1969-12-31T23:59:59.999-00:00\"" (pr-str (java.util.Date. -1))))
  (is (= "#inst \"10000-01-01T00:00:00.000-00:00\"" (pr-str (java.util.Date. 253402300800000))))
  (is (= 1234 (inst-ms (java.util.Date. 1234))))
  (is (= 5 (.getTime (java.util.Date. 5))))
  (is (= "Thu Jan 01 00:00:00 UTC 1970" (str (java.util.Date. 0))))
  (let [now (java.util.Date.)
        ms (System/currentTimeMillis)]
    (is (inst? now))
    (is (<= (- ms 60000) (inst-ms now) ms)))
  (let [n (java.time.Instant/ofEpochSecond 1577836800 123456000)]
    (is (inst? n))
    (is (= java.time.Instant (class n)))
    (is (= 1577836800123 (inst-ms n)))
    (is (= "2020-01-01T00:00:00.123456Z" (str n)))
    (is (= -715841792 (hash n)))
    (is (re-matches #"#object\[java.time.Instant 0x[0-9a-f]+ \"2020-01-01T00:00:00.123456Z\"\]" (pr-str n))))
  (is (= "1970-01-01T00:00:00Z" (str (java.time.Instant/ofEpochSecond 0))))
  (is (= "1970-01-01T00:00:00.000001Z" (str (java.time.Instant/ofEpochSecond 0 1000))))
  (is (= -1 (inst-ms (java.time.Instant/ofEpochMilli -1))))
  (is (inst? (java.time.Instant/now)))
  (is (not= (java.time.Instant/ofEpochMilli 0) (java.util.Date. 0)) "a Date never equals an Instant")
  (is (thrown? ClassCastException (compare (java.time.Instant/ofEpochMilli 0) (java.util.Date. 0))))
  (is (thrown-with-msg? IllegalArgumentException
                        #"No implementation of method: :inst-ms\* of protocol: #'clojure.core/Inst found for class: java.lang.Long"
                        (inst-ms 1))))

(deftest dates-use-javas-calendar
  ;; java.util.Date is Julian before 1582-10-15 (GregorianCalendar); an
  ;; Instant is proleptic Gregorian.
  (is (= "#inst \"0001-01-03T00:00:00.000-00:00\"" (pr-str (java.util.Date. -62135596800000))))
  (is (= "#inst \"1582-10-04T23:59:59.999-00:00\"" (pr-str (java.util.Date. -12219292800001))))
  (is (= "#inst \"1582-10-20T00:00:00.000-00:00\"" (pr-str #inst "1582-10-10")) "a day of the gap")
  (is (= -30604564800000 (inst-ms #inst "1000-03-01T12:00:00Z")))
  (is (= -62135769600000 (inst-ms #inst "0001-01-01")))
  (is (= "Fri Mar 01 12:00:00 UTC 1000" (str #inst "1000-03-01T12:00:00Z")))
  (is (= "1000-03-07T00:00:00Z" (str (java.time.Instant/ofEpochMilli (inst-ms #inst "1000-03-01"))))))

(deftest as-map-keys-and-in-edn
  (let [m {u 1 d 2}]
    (is (= "{#uuid \"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\" 1, #inst \"2020-01-01T00:00:00.000-00:00\" 2}" (pr-str m)))
    (is (= 2 (get m #inst "2020")))
    (is (= m (edn/read-string (pr-str m))))
    (is (= m (read-string (pr-str m)))))
  (is (= #inst "2020" (edn/read-string "#inst \"2020-01-01T00:00:00Z\"")))
  (is (= "2020" (edn/read-string {:readers {'inst identity}} "#inst \"2020\"")) ":readers comes first"))
