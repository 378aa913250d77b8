(ns evelisp.namespaces-test
  "ns, require, aliases, refer, resolution and the namespace functions."
  (:require [clojure.test :refer [deftest is testing]]
            [evelisp.support.lib :as lib :refer [greet double-it]])
  (:refer-clojure :exclude [inc]))

(def this-ns
  "The namespace of this file (*ns* when the tests run is the runner's)."
  *ns*)

(defn inc "A local inc, since clojure.core's is excluded." [x] (+ x 100))

(defn- load-string* [s]
  ;; No load-string in the core yet: resolve and call through the var.
  (let [v (resolve (symbol (subs s 1 (- (count s) 1))))]
    (if v (v) (throw (ex-info "unresolved" {})))))

(defn- eval-str [s] (load-string* s))

(deftest require-as-and-refer
  (is (= 42 lib/answer))
  (is (= "hi x" (greet "x")))
  (is (= "hi y" (lib/greet "y")))
  (is (= 10 (double-it 5)) "a referred macro")
  (is (= 10 (lib/double-it 5)) "an aliased macro")
  (is (thrown? Exception (eval-str "(evelisp.support.lib/hidden)"))
      "a private var is not visible from another namespace"))

(deftest private-vars-through-var
  ;; As in Clojure 1.11: `var` (and so `#'` and `binding`) reaches a
  ;; private var of another namespace; a call by name does not.
  (is (= :hidden (#'evelisp.support.lib/hidden)))
  (is (= :hidden ((var lib/hidden))))
  (is (= :hidden ((var-get #'lib/hidden))))
  (is (thrown-with-msg? IllegalStateException #"var: #'evelisp.support.lib/hidden is not public"
                        (eval '(evelisp.support.lib/hidden)))))

(deftest refer-clojure-exclude
  (is (= 101 (inc 1)) "the excluded core name is free for our own")
  (is (= 2 (clojure.core/inc 1)) "the core fn by its full name"))

(deftest namespace-functions
  (is (= 'evelisp.namespaces-test (ns-name this-ns)))
  (is (= (find-ns 'evelisp.support.lib) (the-ns 'evelisp.support.lib)))
  (is (nil? (find-ns 'no.such.ns)))
  (is (some (fn [n] (= 'clojure.core (ns-name n))) (all-ns)))
  (is (= #'evelisp.support.lib/answer (ns-resolve this-ns 'lib/answer)))
  (is (= #'evelisp.support.lib/answer (ns-resolve 'evelisp.support.lib 'answer)))
  (is (nil? (resolve 'not-anything-here)))
  (is (contains? (ns-publics 'evelisp.support.lib) 'greet))
  (is (not (contains? (ns-publics 'evelisp.support.lib) 'hidden)))
  (is (contains? (ns-interns 'evelisp.support.lib) 'hidden))
  (is (= #'evelisp.support.lib/greet (get (ns-map this-ns) 'greet))))

;; Top-level forms run in order: a scratch namespace made with in-ns.
(in-ns 'evelisp.scratch)
(clojure.core/refer 'clojure.core)
(def scratch-var 7)
(alias 'l 'evelisp.support.lib)
(def through-alias (deref (resolve 'l/answer)))
(in-ns 'evelisp.namespaces-test)

(deftest in-ns-alias-refer-unmap
  (is (= 42 @(resolve 'evelisp.scratch/through-alias)))
  (is (= 7 @(resolve 'evelisp.scratch/scratch-var)))
  (is (= 'evelisp.support.lib
         (ns-name (get (ns-aliases 'evelisp.scratch) 'l))))
  (ns-unmap 'evelisp.scratch 'scratch-var)
  (is (nil? (ns-resolve 'evelisp.scratch 'scratch-var))))

(deftest binding-ns-makes-it-current
  ;; As in Clojure: a runner that binds *ns* and evals forms defines in the
  ;; bound namespace and resolves there; set! of the binding changes it.
  (let [target (create-ns 'evelisp.bound-ns-target)
        before (str *ns*)]
    (binding [*ns* target]
      (is (= "evelisp.bound-ns-target" (str *ns*)))
      (let [v (eval '(def bound-x 1))]
        (is (= (find-var 'evelisp.bound-ns-target/bound-x) v)))
      (is (= 1 (eval 'bound-x)))
      (set! *ns* (the-ns 'evelisp.namespaces-test))
      (let [v (eval '(def bound-y 2))]
        (is (= (find-var 'evelisp.namespaces-test/bound-y) v))))
    (is (= before (str *ns*)) "the binding's end restores the namespace")
    (ns-unmap 'evelisp.namespaces-test 'bound-y)))

(deftest load-reads-the-parts-of-a-library
  (require 'evelisp.support.split-lib)
  (is (= :part ((resolve 'evelisp.support.split-lib/from-part))))
  (is (= :rooted ((resolve 'evelisp.support.split-lib/from-rooted))))
  (is (= "evelisp.support.split-lib" @(resolve 'evelisp.support.split-lib/after-load))
      "*ns* is restored after each load")
  (is (thrown-with-msg? java.io.IOException #"Could not locate evelisp/no_such_part.clj"
        (binding [*ns* (the-ns 'evelisp.namespaces-test)] (load "no_such_part")))))
