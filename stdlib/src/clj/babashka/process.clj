;; babashka.process: child processes as values. Written in evelisp over
;; the natives of evelisp.process (eval/src/natives/process/): a process
;; is a record of a process-local java.lang.Process host object and its
;; streams; deref waits for it (through clojure.core/-deref-fns, as the
;; original's record implements IDeref). Its :out read lazily never holds
;; a large output whole; a pipeline's processes are joined by OS pipes
;; and run concurrently.

(ns babashka.process
  "Shell out in Clojure with simplicity and ease.
  If you are not yet familiar with the API, start reading the
  docstrings for `process` and `shell`."
  (:require [clojure.java.io :as io]
            [clojure.string :as str]))

(defn tokenize
  "Tokenize string to list of individual space separated arguments.
  If argument contains space you can wrap it with `'` or `\"`."
  [s]
  (let [s (str s)
        n (count s)
        token (fn [parsed buf] (if (str/blank? buf) parsed (conj parsed buf)))]
    (loop [i 0 dq false sq false buf "" parsed []]
      (if (>= i n)
        (if (pos? (count buf)) (conj parsed buf) parsed)
        (let [c (.charAt s i)]
          (cond
            (= c \')
            (cond dq (recur (inc i) dq false (str buf c) parsed)
                  sq (recur (inc i) dq false "" (conj parsed buf))
                  :else (recur (inc i) dq true buf parsed))

            (= c \\)
            (let [e (when (< (inc i) n) (.charAt s (inc i)))]
              (recur (+ i 2) dq sq
                     (if (and dq (= e \")) (str buf e) (str buf c e))
                     parsed))

            (and (not sq) (= c \"))
            (recur (inc i) (not dq) sq buf parsed)

            (and (not dq) (not sq) (Character/isWhitespace c))
            (recur (inc i) dq sq "" (token parsed buf))

            :else (recur (inc i) dq sq (str buf c) parsed)))))))

(defrecord Process [proc exit in out err prev cmd])

(defrecord ProcessBuilder [pb opts prev])

(defn- wait-for
  "The process p once it has ended: :exit its exit code, :out and :err
  the text captured (:string), else the streams as they were."
  [p]
  (let [proc (:proc p)
        code (evelisp.process/wait proc)
        ;; output captured as text (:string) replaces its stream (nil)
        captured (fn [k] (or (evelisp.process/captured proc k) (get p k)))]
    ;; Its input cannot be written any more: its pipe is released (a
    ;; second deref finds it closed already).
    (when-let [in (:in p)]
      (try (.close in) (catch java.io.IOException _ nil)))
    (assoc p :exit code :out (captured :out) :err (captured :err))))

(defn- deref-process
  ([p] (wait-for p))
  ([p ms timeout-val]
   (if (evelisp.process/wait (:proc p) ms) (wait-for p) timeout-val)))

(defn check
  "Takes a process, waits until is finished and throws if exit code is non-zero."
  [proc]
  (let [p @proc
        err (:err p)]
    (if (zero? (:exit p))
      p
      (let [msg (cond (string? err) err
                      (some? err) (slurp err))]
        (throw (ex-info (if (string? msg) msg "failed") (assoc p :type ::error)))))))

(defn destroy
  "Destroys the process and returns the input arg. Takes process or map
  with :proc (`java.lang.ProcessBuilder`). "
  [proc]
  (evelisp.process/destroy (:proc proc))
  proc)

(defn destroy-tree
  "Same as `destroy` but also destroys all descendants. JDK9+
  only. Falls back to `destroy` on older JVM versions."
  [proc]
  (evelisp.process/destroy-tree (:proc proc))
  proc)

(defn alive?
  "Returns `true` if the process is still running and false otherwise."
  [p]
  (evelisp.process/alive? (:proc p)))

(def ^:dynamic *defaults*
  "Dynamic var containing overridable default options. Use
  `alter-var-root` to change permanently or `binding` to change temporarily."
  {:shutdown nil
   :escape identity})

(defn- exists? [path] (.exists (java.io.File. (str path))))

(defn parse-args
  "Parses arguments to `process` to map with:

  * `:prev`: a (previous) process whose input is piped into the current process
  * `:cmd`: a vector of command line argument strings
  * `:opts`: options map
  "
  [args]
  (let [n (count args)
        [prev args] (let [p (first args)]
                      (if (or (instance? Process p) (instance? ProcessBuilder p)
                              (and (nil? p) (sequential? (second args))))
                        [p (rest args)]
                        [nil args]))
        m (first args)
        [opts args] (cond (or (nil? m) (map? m)) [m (rest args)]
                          (sequential? m) [nil (into (vec m) (rest args))]
                          :else [nil args])
        [args opts] (if (and (nil? opts)
                             (= n (+ 2 (if prev 1 0)))
                             (map? (last args)))
                      [(butlast args) (last args)]
                      [args opts])
        args (map str args)
        fst (first args)]
    {:prev prev
     :cmd (vec (concat (cond (nil? fst) nil
                             (exists? fst) [fst]
                             :else (tokenize fst))
                       (rest args)))
     :opts opts}))

(defn- env-pairs [m]
  (when m
    (mapv (fn [[k v]] [(if (keyword? k) (name k) (str k)) (str v)]) m)))

(defn- normalize
  "The options with :inherit spread over :in :out :err, a file (a
  java.io.File, a path, or a path string) as :out or :err written to, and
  a java.io.File or path as :in read from."
  [{:keys [out err in inherit] :as opts}]
  (let [file-value? #(or (instance? java.io.File %) (instance? java.nio.file.Path %))
        file? #(or (string? %) (file-value? %))]
    (cond-> opts
      (file-value? in) (assoc :in (io/input-stream (str in)))
      (and inherit (not out)) (assoc :out :inherit)
      (and inherit (not err)) (assoc :err :inherit)
      (and inherit (not in)) (assoc :in :inherit)
      (file? out) (assoc :out-file (str out) :out :write)
      (file? err) (assoc :err-file (str err) :err :write))))

(defn- start-spec
  "What evelisp.process/start takes for the options opts."
  [opts]
  (let [target (fn [x] (cond (nil? x) :pipe
                             (keyword? x) x
                             ;; a writer: captured, then written at deref
                             :else :string))]
    {:dir (when-let [d (:dir opts)] (str d))
     :env (env-pairs (:env opts))
     :extra-env (env-pairs (:extra-env opts))
     :in (:in opts) :in-enc (:in-enc opts)
     :out (target (:out opts)) :out-file (:out-file opts) :out-enc (:out-enc opts)
     :err (target (:err opts)) :err-file (:err-file opts) :err-enc (:err-enc opts)}))

(defn process*
  "Same as with `process` but called with parsed arguments (the result from `parse-args`)"
  [{:keys [prev cmd opts]}]
  (let [opts (merge *defaults* (normalize opts))
        prev-out (:out prev)
        in (:in opts)
        opts (assoc opts :in (cond (nil? in) prev-out
                                   (= :inherit in) (or prev-out in)
                                   :else in))
        cmd (if (string? cmd) (tokenize cmd) cmd)
        cmd (mapv (comp (or (:escape opts) identity) str) cmd)
        _ (when-let [f (:pre-start-fn opts)] (f {:cmd cmd}))
        writers (select-keys opts [:out :err])
        started (evelisp.process/start cmd (start-spec opts))
        p (map->Process (assoc started :prev prev :cmd cmd :exit nil))
        ;; :out / :err given as a writer: captured, copied to it at deref
        p (if (some (fn [[_ v]] (and v (not (keyword? v)))) writers)
            (assoc p ::writers writers)
            p)]
    (when-let [f (:shutdown opts)]
      (evelisp.process/add-shutdown-hook (fn [] (f p))))
    (when-let [f (:exit-fn opts)]
      (future (f @p) nil))
    p))

(defn- finish
  "Copies output captured for a writer given as :out / :err to it."
  [p]
  (doseq [[k w] (::writers p)
          :when (and w (not (keyword? w)) (string? (get p k)))]
    (.write w (get p k))
    (.flush w))
  p)

(swap! clojure.core/-deref-fns assoc 'babashka.process.Process
       (fn ([p] (finish (deref-process p)))
         ([p ms v] (let [r (deref-process p ms ::timeout)]
                     (if (= ::timeout r) v (finish r))))))

(defn process
  "Creates a child process. Takes a command (vector of strings or
  objects that will be turned into strings) and optionally a map of
  options.

  Returns: a record with :proc (the java.lang.Process), :in, :out, :err
  (its streams; :out and :err read lazily), :cmd and :prev (the
  previous process of a pipeline). deref waits for it and fills :exit.

  Options: :in, :out, :err (:inherit, a string as input, a file path as
  output, :string to capture output as text, :write / :append with
  :out-file / :err-file, another process's :out as input); :inherit;
  :dir; :env and :extra-env; :out-enc / :err-enc; :escape; :pre-start-fn;
  :exit-fn (called with the ended process, on another thread); :shutdown
  (a fn of the process, called when the evelisp process finishes its
  script, typically destroy or destroy-tree)."
  {:arglists '([opts? & args])}
  [& args]
  (process* (parse-args args)))

(defn pb
  "Returns a process builder (as record)."
  [& args]
  (let [{:keys [cmd opts prev]} (parse-args args)]
    (->ProcessBuilder cmd (merge *defaults* opts) prev)))

(defn- start-all
  "Starts the process builders bs, each piped into the next; their
  processes."
  [bs]
  (:procs (reduce (fn [{:keys [prev procs]} b]
                    (let [p (process* {:prev prev :cmd (:pb b) :opts (:opts b)})]
                      {:prev p :procs (conj procs p)}))
                  {:prev nil :procs []}
                  bs)))

(defn pipeline
  "Returns the processes for one pipe created with -> or creates
  pipeline from multiple process builders.

  - When passing a process, returns a vector of processes of a pipeline created with `->` or `pipeline`.
  - When passing two or more process builders created with `pb`: creates a
    pipeline as a vector of processes."
  ([proc]
   (if-let [prev (:prev proc)]
     (conj (pipeline prev) proc)
     [proc]))
  ([pb & pbs]
   (start-all (cons pb pbs))))

(defn start
  "Takes a process builder, calls start and returns a process (as record)."
  [pb]
  (let [builders (loop [b pb acc ()]
                   (if b (recur (:prev b) (cons b acc)) acc))]
    (last (start-all builders))))

(defn sh
  "Convenience function similar to `clojure.java.shell/sh` that sets
  `:out` and `:err` to `:string` by default and blocks. Similar to
  `cjs/sh` it does not check the exit code (this can be done with
  `check`)."
  {:arglists '([opts? & args])}
  [& args]
  (let [{:keys [opts cmd prev]} (parse-args args)]
    @(process* {:cmd cmd :prev prev :opts (merge {:out :string :err :string} opts)})))

(defn exec
  "Replaces the current process image with the process image specified
  by the given path invoked with the given args: the program takes over
  this process's standard input, output and error, and its exit status
  is the script's. Takes the same arguments as `process` (an optional
  options map first: :dir, :env, :extra-env, :escape). Returns only when
  the program cannot be started, by throwing an IOException."
  {:arglists '([opts? & args])}
  [& args]
  (let [{:keys [cmd opts]} (parse-args args)
        opts (merge *defaults* opts)
        cmd (if (string? cmd) (tokenize cmd) cmd)
        cmd (mapv (comp (or (:escape opts) identity) str) cmd)]
    (evelisp.process/exec cmd {:dir (when-let [d (:dir opts)] (str d))
                               :env (env-pairs (:env opts))
                               :extra-env (env-pairs (:extra-env opts))})))

(defn shell
  "Convenience function around `process` that was originally in `babashka.tasks`.
  Defaults to inheriting I/O: input is read and output is printed
  while the process runs. Throws on non-zero exit codes (unless
  :continue is true). Optional options map can be passed as the
  first argument, followed by multiple command line arguments. The
  first command line argument is automatically tokenized.

  Examples:

  - `(shell \"ls -la\")`
  - `(shell {:out \"/tmp/log.txt\"} \"git commit -m\" \"WIP\")`"
  {:arglists '([opts? & args])}
  [& args]
  (let [{:keys [opts] :as parsed} (parse-args args)
        p @(process* (assoc parsed :opts (merge {:in :inherit :out :inherit :err :inherit
                                                  :shutdown destroy-tree}
                                                 opts)))]
    (if (:continue opts) p (check p))))

(defn- unquoted [arg]
  (if (and (seq? arg) (symbol? (first arg)) (= "unquote" (name (first arg))))
    (second arg)
    arg))

(defmacro $
  "Convenience macro around `process`. Takes command as varargs. Options can
  be passed via metadata on the form or as a first map arg. Supports
  interpolation via `~`"
  [& args]
  (let [opts (meta &form)
        a (first args)
        args (if (and (= 1 (count args)) (string? a) (not (exists? a)))
               (tokenize a)
               args)
        arg (fn [x] (if (seq? x) (unquoted x) (list 'quote x)))
        cmd (if (map? (first args))
              (vec (cons (first args) (map arg (rest args))))
              (mapv arg args))]
    `(let [cmd# ~cmd
           [prev# cmd#] (if (:proc (first cmd#)) [(first cmd#) (rest cmd#)] [nil cmd#])
           [opts# cmd#] (if (map? (first cmd#))
                          [(merge ~opts (first cmd#)) (rest cmd#)]
                          [~opts cmd#])]
       (process* {:prev prev# :cmd cmd# :opts opts#}))))
