//! Java arrays live in the env file and are shared mutable arrays: an
//! array one process made and stored in a var is read, compared and
//! updated (`aset`) by another, and the first process, still running, sees
//! the update; processes storing and reading 64-bit elements at the same
//! time never see a torn one, and object elements replaced while another
//! process reads them stay readable; `env check` passes after all of it.

mod common;
use common::{check_clean, eval_ok, ok, spawn};
use std::time::{Duration, Instant};

#[test]
fn an_array_made_by_one_process_is_updated_by_another_and_the_first_sees_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("arrays.eve");
    // Process A makes the arrays, keeps them in vars and an atom, and
    // waits (up to a minute) for another process to change them.
    let maker = spawn(
        &env,
        "(def nums (long-array [1 2 3 4]))
         (def objs (object-array [\"a\" nil]))
         (def held (atom {:nums nums}))
         (loop [n 0]
           (cond
             (= 42 (aget nums 3))
             (prn [(vec nums) (aget objs 1) (identical? nums (:nums @held))
                   (= nums (:nums @held))])
             (> n 6000) (prn :timeout)
             :else (do (Thread/sleep 10) (recur (inc n)))))",
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while eval_ok(&env, "(some? (resolve 'user/objs))") != "true\n" {
        assert!(Instant::now() < deadline, "the maker defines its arrays");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Process B reads, compares and updates them.
    assert_eq!(
        eval_ok(
            &env,
            "(ns other)
             (let [a user/nums]
               [(vec a) (alength a) (class a) (= a (:nums @user/held))
                (identical? a (:nums @user/held)) (= a (long-array [1 2 3 4]))
                (aget user/objs 0)
                (aset a 0 Long/MIN_VALUE)
                (aset user/objs 1 [:from-b (count a)])
                (aset a 3 42)])"
        ),
        "[[1 2 3 4] 4 [J true true false \"a\" -9223372036854775808 [:from-b 4] 42]\n"
    );
    let out = ok("maker", maker.wait_with_output().expect("maker runs"));
    assert_eq!(
        out,
        "[[-9223372036854775808 2 3 42] [:from-b 4] true true]\n"
    );
    // A third process sees the same array, changed.
    assert_eq!(
        eval_ok(&env, "[(vec nums) (vec objs)]"),
        "[[-9223372036854775808 2 3 42] [\"a\" [:from-b 4]]]\n"
    );
    check_clean(&env);
}

#[test]
fn concurrent_stores_never_tear_and_replaced_elements_stay_readable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("race.eve");
    eval_ok(
        &env,
        "(def longs (long-array 8 81985529216486895))
         (def doubles (double-array 8 1.0E300))
         (def objs (object-array [[0]]))
         (def done (atom 0))",
    );
    // Two writers flip every element between two patterns whose halves
    // differ (0x0123456789abcdef and its complement; 1e300 and -2.5e-300)
    // and replace the object element with new vectors; a reader checks
    // every element it reads is one of the two, whole, and reads each
    // vector it finds (its count must be its first element + 1).
    let writer = "(dotimes [n 2000]
                    (let [j (mod n 8)]
                      (aset longs j (if (even? n) -81985529216486896 81985529216486895))
                      (aset doubles j (if (even? n) -2.5E-300 1.0E300))
                      (aset objs 0 (vec (range (inc (mod n 40)))))))
                  (swap! done inc)";
    let reader = "(loop [bad 0 reads 0]
                    (if (and (= 2 @done) (> reads 0))
                      (prn [bad (pos? reads)])
                      (let [x (aget longs (mod reads 8))
                            d (aget doubles (mod reads 8))
                            v (aget objs 0)
                            ok? (and (contains? #{81985529216486895 -81985529216486896} x)
                                     (contains? #{1.0E300 -2.5E-300} d)
                                     (= (count v) (inc (nth v (dec (count v))))))]
                        (recur (if ok? bad (inc bad)) (inc reads)))))";
    let r = spawn(&env, reader);
    let w1 = spawn(&env, writer);
    let w2 = spawn(&env, writer);
    ok("writer 1", w1.wait_with_output().expect("writer runs"));
    ok("writer 2", w2.wait_with_output().expect("writer runs"));
    let out = ok("reader", r.wait_with_output().expect("reader runs"));
    assert_eq!(out, "[0 true]\n", "no torn or unreadable element");
    check_clean(&env);
}
