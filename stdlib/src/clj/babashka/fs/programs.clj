;; babashka.fs: programs on path (a part of babashka/fs.clj, which
;; loads it).
(in-ns 'babashka.fs)

(defn split-paths
  "Splits a string joined by the path separator into a vector of paths."
  [joined-paths]
  (mapv path (remove str/blank? (str/split (str joined-paths) #":"))))

(defn exec-paths "Returns executable paths (from the PATH environment variable)." []
  (split-paths (or (System/getenv "PATH") "")))

(defn which-all
  "Returns every path to program found in (exec-paths)."
  ([program] (which-all program nil))
  ([program _opts]
   (let [p (path program)]
     (if (str/includes? (str program) "/")
       (if (and (regular-file? p) (executable? p)) [p] [])
       (vec (for [dir (exec-paths)
                  :let [c (path dir (str program))]
                  :when (and (regular-file? c) (executable? c))]
              c))))))

(defn which
  "Returns the path of the first program found in (exec-paths), like the
  which Unix command, or nil."
  ([program] (first (which-all program)))
  ([program opts] (first (which-all program opts))))

(defn- xdg [var & more]
  (let [v (System/getenv var)]
    (if (str/blank? v) (apply path (home) more) (path v))))

(defn xdg-config-home "$XDG_CONFIG_HOME, else ~/.config, as a path." [] (xdg "XDG_CONFIG_HOME" ".config"))
(defn xdg-cache-home "$XDG_CACHE_HOME, else ~/.cache, as a path." [] (xdg "XDG_CACHE_HOME" ".cache"))
(defn xdg-data-home "$XDG_DATA_HOME, else ~/.local/share, as a path." [] (xdg "XDG_DATA_HOME" ".local" "share"))
(defn xdg-state-home "$XDG_STATE_HOME, else ~/.local/state, as a path." [] (xdg "XDG_STATE_HOME" ".local" "state"))
