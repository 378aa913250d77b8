;; The interpreter workloads (bench/src/workloads/interp.rs) in Guile Scheme.
;; Args: REPS WARMUPS FIB LOOP MAP VEC STR. Same algorithms as interp.clj:
;; the map is a hash table filled by hash-set! (Guile has no persistent map),
;; timed with get-internal-real-time. Prints: result NAME MILLISECONDS VALUE
(use-modules (srfi srfi-1))

(define (fib n)
  (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(define (loop-sum n)
  (let loop ((i 0) (s 0))
    (if (< i n) (loop (+ i 1) (+ s i)) s)))

(define (map-build n)
  (let ((h (make-hash-table)))
    (do ((i 0 (+ i 1))) ((= i n)) (hash-set! h i i))
    (hash-fold (lambda (k v s) (+ s v)) 0 h)))

(define (map-inc v)
  (fold + 0 (map (lambda (x) (+ x 1)) v)))

(define (str-build n)
  (string-length (string-join (map number->string (iota n)) ",")))

(define (now-ms)
  (/ (exact->inexact (get-internal-real-time))
     (/ internal-time-units-per-second 1000.0)))

(let* ((args (map string->number (cdr (command-line))))
       (reps (list-ref args 0)) (warmups (list-ref args 1))
       (fib-n (list-ref args 2)) (loop-n (list-ref args 3))
       (map-n (list-ref args 4)) (vec-n (list-ref args 5)) (str-n (list-ref args 6))
       (v (iota vec-n))
       (workloads (list (cons "fib" (lambda () (fib fib-n)))
                        (cons "loop-sum" (lambda () (loop-sum loop-n)))
                        (cons "map-build" (lambda () (map-build map-n)))
                        (cons "map-inc" (lambda () (map-inc v)))
                        (cons "str-build" (lambda () (str-build str-n))))))
  (for-each
   (lambda (w)
     (do ((i 0 (+ i 1))) ((= i warmups)) ((cdr w)))
     (do ((i 0 (+ i 1))) ((= i reps))
       (let* ((t0 (now-ms)) (r ((cdr w))) (t1 (now-ms)))
         (display "result ") (display (car w)) (display " ")
         (display (- t1 t0)) (display " ") (display r) (newline)
         (force-output))))
   workloads))
