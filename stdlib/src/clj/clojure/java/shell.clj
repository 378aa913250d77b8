;; clojure.java.shell: running a program to its end and taking its exit
;; code, output and error output. Written over evelisp.process
;; (eval/src/natives/process/), which starts the program with Rust's
;; std::process and captures its output on threads.

(ns clojure.java.shell
  "Conveniently launch a sub-process providing its stdin and
  collecting its stdout")

(def ^:dynamic *sh-dir*
  "The directory sh runs programs in when no :dir is given (nil: the
  current one)."
  nil)

(def ^:dynamic *sh-env*
  "The environment sh gives programs when no :env is given (nil: this
  process's)."
  nil)

(defmacro with-sh-dir
  "Sets the directory for use with sh, see sh for details."
  [dir & forms]
  `(binding [*sh-dir* ~dir]
     ~@forms))

(defmacro with-sh-env
  "Sets the environment for use with sh, see sh for details."
  [env & forms]
  `(binding [*sh-env* ~env]
     ~@forms))

(defn- env-pairs
  "The [name value] pairs of an :env option: a map (keys by name), or an
  array of \"NAME=value\" strings (another collection is a
  ClassCastException, as Java's String[] cast)."
  [env]
  (cond
    (map? env)
    (mapv (fn [[k v]] [(if (keyword? k) (name k) (str k)) (str v)]) env)
    (coll? env)
    (throw (ClassCastException.
            (str "class " (.getName (class env)) " cannot be cast to class [Ljava.lang.String;")))
    :else
    (mapv (fn [s]
            (let [s (str s)
                  at (.indexOf s "=")]
              (if (neg? at) [s ""] [(subs s 0 at) (subs s (inc at))])))
          env)))

(defn- as-input
  "What the program reads: text, the bytes of a byte array, or all of a
  reader or input stream."
  [in]
  (cond (nil? in) ""
        (string? in) in
        (bytes? in) in
        :else (slurp in)))

(defn sh
  "Passes the given strings to Runtime.exec() to launch a sub-process.

  Options are

  :in      may be given followed by any legal input source for
           clojure.java.io/copy, e.g. InputStream, Reader, File, byte[],
           or String, to be fed to the sub-process's stdin.
  :in-enc  option may be given followed by a String, used as a character
           encoding name (for example \"UTF-8\" or \"ISO-8859-1\") to
           convert the input string specified by the :in option to the
           sub-process's stdin.  Defaults to UTF-8.
           If the :in option provides a byte array, then the bytes are passed
           unencoded, and this option is ignored.
  :out-enc option may be given followed by :bytes or a String. If a
           String is given, it will be used as a character encoding
           name (for example \"UTF-8\" or \"ISO-8859-1\") to convert
           the sub-process's stdout to a String which is returned.
           If :bytes is given, the sub-process's stdout will be stored
           in a byte array and returned.  Defaults to UTF-8.
  :env     override the process env with a map (or the underlying Java
           String[] if you are a masochist).
  :dir     override the process dir with a String or java.io.File.

  You can bind :env or :dir for multiple operations using with-sh-env
  and with-sh-dir.

  sh returns a map of
    :exit => sub-process's exit code
    :out  => sub-process's stdout (as byte[] or String)
    :err  => sub-process's stderr (String via platform default encoding)"
  [& args]
  (let [[cmd opts] (split-with string? args)
        _ (when (odd? (count opts))
            (throw (IllegalArgumentException.
                    (str "No value supplied for key: " (pr-str (last opts))))))
        opts (merge {:out-enc "UTF-8" :in-enc "UTF-8" :dir *sh-dir* :env *sh-env*}
                    (apply hash-map opts))
        {:keys [in in-enc out-enc dir env]} opts
        proc (:proc (evelisp.process/start
                     (vec cmd)
                     {:in (as-input in)
                      :in-enc in-enc
                      :out :string
                      :out-enc out-enc
                      :err :string
                      :dir (when dir (str dir))
                      :env (when env (env-pairs env))}))
        exit (evelisp.process/wait proc)]
    {:exit exit
     :out (evelisp.process/captured proc :out)
     :err (evelisp.process/captured proc :err)}))
