;; text.clj — a text processor over a small markdown document.
;;
;; Reads a markdown file (the path is the first command-line argument,
;; default text-input.md), splits off its front matter, renders the body
;; as wrapped plain text, and reports word statistics: frequencies,
;; bigrams, vocabulary comparisons with clojure.set, links, e-mail
;; addresses, numbers and palindromes. Finally it fills a template from
;; the front matter. Runs unchanged with `clojure text.clj text-input.md`.

(ns text
  (:require [clojure.string :as str]
            [clojure.set :as set]))

(def input-path (or (first *command-line-args*) "text-input.md"))

(def source (slurp input-path))

;; ---------------------------------------------------------------------------
;; Front matter: "key: value" lines between two --- lines

(defn split-front-matter [text]
  (if-let [[_ header body] (re-find #"(?s)^---\n(.*?)\n---\n(.*)$" text)]
    [header body]
    [nil text]))

(defn parse-header [header]
  (into {}
        (for [line (str/split-lines (or header ""))
              :let [[_ k v] (re-matches #"(\w+):\s*(.*)" line)]
              :when k]
          [(keyword k) (str/trim v)])))

(def parts (split-front-matter source))
(def meta-data (let [m (parse-header (first parts))]
                 (update m :tags #(set (map str/trim (str/split % #","))))))
(def body (second parts))

;; ---------------------------------------------------------------------------
;; Blocks: headings, list items, quotes, code fences and paragraphs

(defn classify [line]
  (cond
    (str/starts-with? line "```") :fence
    (re-find #"^#{1,6} " line) :heading
    (re-find #"^[-*] " line) :item
    (str/starts-with? line ">") :quote
    (str/blank? line) :blank
    :else :text))

(defn blocks
  "Groups lines into blocks [kind lines]. A fenced block keeps its lines."
  [lines]
  (loop [lines lines, out [], in-code nil]
    (if-let [[line & more] (seq lines)]
      (let [kind (classify line)]
        (cond
          in-code (if (= kind :fence)
                    (recur more (conj out [:code in-code]) nil)
                    (recur more out (conj in-code line)))
          (= kind :fence) (recur more out [])
          (= kind :blank) (recur more out nil)
          (and (#{:text :quote :item} kind)
               (= kind (first (peek out)))
               (not= kind :item))
          (recur more (conj (pop out) [kind (conj (second (peek out)) line)]) nil)
          :else (recur more (conj out [kind [line]]) nil)))
      out)))

(defn inline->text
  "Removes inline markup: emphasis, strong, links (keeping the text)."
  [s]
  (-> s
      (str/replace #"\*\*([^*]+)\*\*" (fn [[_ t]] (str/upper-case t)))
      (str/replace #"\*([^*]+)\*" "_$1_")
      (str/replace #"\[([^\]]+)\]\(([^)]+)\)" "$1 <$2>")))

(defn wrap
  "Greedy word wrap of text to lines of at most width characters."
  [width text]
  (let [words (str/split (str/trim text) #"\s+")]
    (->> words
         (reduce (fn [lines w]
                   (let [cur (peek lines)]
                     (if (and cur (<= (+ (count cur) 1 (count w)) width))
                       (conj (pop lines) (str cur " " w))
                       (conj lines w))))
                 [])
         (str/join "\n"))))

(defn indent [prefix text]
  (str/join "\n" (map #(str prefix %) (str/split-lines text))))

(defn render-block [[kind lines]]
  (case kind
    :heading (let [[_ hashes title] (re-find #"^(#+) (.*)$" (first lines))
                   underline (if (= 1 (count hashes)) "=" "-")]
               (str title "\n" (str/join (repeat (count title) underline))))
    :item (str "  * " (inline->text (subs (first lines) 2)))
    :quote (indent "  | " (wrap 56 (inline->text (str/join " " (map #(str/replace % #"^>\s?" "") lines)))))
    :code (indent "    " (str/join "\n" lines))
    :text (wrap 60 (inline->text (str/join " " lines)))))

(def body-blocks (blocks (str/split-lines body)))

(defn render [bs]
  (->> bs
       (partition-by #(= :item (first %)))
       (map (fn [group]
              (str/join (if (= :item (ffirst group)) "\n" "\n\n")
                        (map render-block group))))
       (str/join "\n\n")))

;; ---------------------------------------------------------------------------
;; Words

(def stop-words
  #{"the" "a" "an" "and" "of" "to" "in" "on" "it" "he" "his" "was" "at"
    "for" "that" "is" "if" "who" "them" "him" "with" "as" "not" "were"
    "did" "so" "or" "from" "its" "way" "had" "no" "one" "i" "you"})

(defn prose [bs]
  (->> bs
       (remove (comp #{:code :heading} first))
       (mapcat second)
       (str/join " ")))

(defn tokenize [text]
  (map str/lower-case (re-seq #"[A-Za-z]+(?:'[a-z]+)?" text)))

(def words (tokenize (inline->text (prose body-blocks))))

(defn top [n freqs]
  (take n (sort-by (fn [[w c]] [(- c) w]) freqs)))

(defn bigrams [ws]
  (->> ws
       (partition 2 1)
       (remove (fn [pair] (some stop-words pair)))
       (map #(str/join " " %))
       frequencies))

(defn palindrome? [w]
  (and (> (count w) 2) (= w (str/reverse w))))

(defn section-words
  "Maps each level-2 heading to the set of content words under it."
  [bs]
  (loop [bs bs, current nil, acc {}]
    (if-let [[[kind lines] & more] (seq bs)]
      (cond
        (and (= kind :heading) (str/starts-with? (first lines) "## "))
        (recur more (subs (first lines) 3) acc)
        (and current (#{:text :quote :item} kind))
        (recur more current
               (update acc current (fnil into #{})
                       (remove stop-words (tokenize (str/join " " lines)))))
        :else (recur more current acc))
      acc)))

;; ---------------------------------------------------------------------------
;; Templates: {{key}} replaced from a map, {{key|upper}} with a filter

(def filters {"upper" str/upper-case
              "lower" str/lower-case
              "title" (fn [s] (str/join " " (map str/capitalize (str/split s #" "))))
              "count" (comp str count)})

(defn fill [template values]
  (str/replace template #"\{\{(\w+)(?:\|(\w+))?\}\}"
               (fn [[whole k f]]
                 (let [v (get values (keyword k))]
                   (cond
                     (nil? v) whole
                     f ((get filters f identity) (str v))
                     :else (str v))))))

(def template
  "{{title|upper}} by {{author}} ({{date}}), tagged {{tags}}; {{missing}} stays; {{author|count}} letters")

;; ---------------------------------------------------------------------------
;; Output

(println (render body-blocks))
(println)
(println (str/join (repeat 60 "~")))
(println "blocks:" (frequencies (map first body-blocks)))
(println "words:" (count words) "distinct:" (count (distinct words)))
(let [content (remove stop-words words)]
  (println "top words:")
  (doseq [[w c] (top 8 (frequencies content))]
    (println (format "  %-12s %2d %s" w c (str/join (repeat c "*"))))))
(println "top bigrams:" (str/join ", " (map (fn [[b c]] (str b " x" c)) (top 5 (bigrams words)))))
(println "longest:" (->> words distinct (sort-by (juxt (comp - count) identity)) (take 3) vec))
(println "palindromes:" (vec (sort (set (filter palindrome? words)))))
(println "capitalized:" (->> (re-seq #"\b[A-Z][a-z]+\b" (prose body-blocks))
                             (remove #(Character/isLowerCase (.charAt % 0)))
                             distinct sort (str/join " ")))
(println "numbers:" (mapv #(Long/parseLong %) (re-seq #"\b\d+\b" body)))
(println "emails:" (vec (re-seq #"[\w.]+@[\w.]+\w" body)))
(println "links:" (vec (for [[_ text href] (re-seq #"\[([^\]]+)\]\(([^)]+)\)" body)]
                         {:text text :href href})))
(let [by-section (section-words body-blocks)
      sections (sort (keys by-section))
      common (apply set/intersection (vals by-section))]
  (println "sections:" (str/join " | " sections))
  (println "in every section:" (vec (sort common)))
  (doseq [s sections]
    (let [others (apply set/union (vals (dissoc by-section s)))
          only (set/difference (get by-section s) others)]
      (println (format "only in %-15s %3d words, e.g. %s"
                       (str s ":") (count only) (str/join "," (take 4 (sort only))))))))
(println "sentences:" (count (re-seq #"[.!?]+(\s|$)" (prose body-blocks))))
(println "first sentence:" (re-find #"[^.]+\." (prose body-blocks)))
(println "vowels:" (into (sorted-map) (frequencies (filter (set "aeiou") (apply str words)))))
(println "tags:" (str/join "," (sort (:tags meta-data))))
(println (fill template (update meta-data :tags #(str/join "/" (sort %)))))
(println "title case:" ((filters "title") "the last night of the lamp"))
(println "escaped:" (str/escape "a<b & \"c\"" {\< "&lt;" \& "&amp;" \" "&quot;"}))
