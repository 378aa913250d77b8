(ns clojure.zip
  "Functional zippers (Huet): walk a tree and edit it without mutation, as
  Clojure's clojure.zip does. A location is a vector [node path] whose
  metadata holds the zipper's three functions (:zip/branch?,
  :zip/children, :zip/make-node); path is nil at the top, :end after a
  depth-first walk is done, else a map of :l (the left siblings, a
  vector), :r (the right siblings, a seq), :pnodes (the parents),
  :ppath (the parent's path) and :changed? (whether the parent must be
  rebuilt on the way up)."
  (:refer-clojure :exclude [replace remove next]))

(defn zipper
  "A zipper over root: branch? tells whether a node can have children,
  children gives a branch's children as a seq, make-node makes a branch
  from an existing node and a seq of children. Returns the location of
  root."
  [branch? children make-node root]
  (with-meta [root nil]
    {:zip/branch? branch? :zip/children children :zip/make-node make-node}))

(defn seq-zip
  "A zipper over nested seqs (lists are branches)."
  [root]
  (zipper seq?
          identity
          (fn [node children] (with-meta children (meta node)))
          root))

(defn vector-zip
  "A zipper over nested vectors (vectors are branches)."
  [root]
  (zipper vector?
          seq
          (fn [node children] (with-meta (vec children) (meta node)))
          root))

(defn xml-zip
  "A zipper over xml elements as clojure.xml/parse makes them: maps with
  :tag, :attrs and :content (strings are leaves)."
  [root]
  (zipper (complement string?)
          (comp seq :content)
          (fn [node children]
            (assoc node :content (and children (apply vector children))))
          root))

(defn node
  "The node at loc."
  [loc]
  (loc 0))

(defn branch?
  "Whether the node at loc is a branch."
  [loc]
  ((:zip/branch? (meta loc)) (node loc)))

(defn children
  "The children of the branch at loc as a seq; throws on a leaf."
  [loc]
  (if (branch? loc)
    ((:zip/children (meta loc)) (node loc))
    (throw (Exception. "called children on a leaf node"))))

(defn make-node
  "A new branch node from node and children, by the zipper's make-node
  (loc only supplies the zipper)."
  [loc node children]
  ((:zip/make-node (meta loc)) node children))

(defn path
  "The nodes above loc, from the root down."
  [loc]
  (:pnodes (loc 1)))

(defn lefts
  "The left siblings of the node at loc, nearest last."
  [loc]
  (seq (:l (loc 1))))

(defn rights
  "The right siblings of the node at loc, nearest first."
  [loc]
  (:r (loc 1)))

(defn- at
  "A location like loc (same zipper) at node with path p."
  [loc node p]
  (with-meta [node p] (meta loc)))

(defn down
  "The location of the leftmost child of the node at loc, or nil if it
  has none."
  [loc]
  (when (branch? loc)
    (let [[n p] loc
          kids (children loc)]
      ;; An empty but non-nil seq of children (a seq-zip's ()) gives a
      ;; child nil, as Clojure's does.
      (when kids
        (at loc (first kids) {:l []
                              :pnodes (if p (conj (:pnodes p) n) [n])
                              :ppath p
                              :r (clojure.core/next kids)})))))

(defn up
  "The location of the parent of the node at loc, or nil at the top. The
  parent is rebuilt if anything below it changed."
  [loc]
  (let [[n {:keys [l r pnodes ppath changed?]}] loc]
    (when pnodes
      (let [parent (peek pnodes)]
        (if changed?
          (at loc (make-node loc parent (concat l (cons n r)))
              (and ppath (assoc ppath :changed? true)))
          (at loc parent ppath))))))

(defn root
  "Zips all the way up and returns the root node, with every change made."
  [loc]
  (if (= :end (loc 1))
    (node loc)
    (if-let [p (up loc)]
      (recur p)
      (node loc))))

(defn right
  "The location of the right sibling of the node at loc, or nil."
  [loc]
  (let [[n {:keys [l r] :as p}] loc]
    (when (and p r)
      (at loc (first r) (assoc p :l (conj l n) :r (clojure.core/next r))))))

(defn rightmost
  "The location of the rightmost sibling of the node at loc (loc itself
  if it is the rightmost)."
  [loc]
  (let [[n {:keys [l r] :as p}] loc]
    (if (and p r)
      (at loc (last r) (assoc p :l (apply conj l n (butlast r)) :r nil))
      loc)))

(defn left
  "The location of the left sibling of the node at loc, or nil."
  [loc]
  (let [[n {:keys [l r] :as p}] loc]
    (when (and p (seq l))
      (at loc (peek l) (assoc p :l (pop l) :r (cons n r))))))

(defn leftmost
  "The location of the leftmost sibling of the node at loc (loc itself
  if it is the leftmost)."
  [loc]
  (let [[n {:keys [l r] :as p}] loc]
    (if (and p (seq l))
      (at loc (first l) (assoc p :l [] :r (concat (rest l) [n] r)))
      loc)))

(defn- insert-beside
  "loc with its path's siblings on side (:l or :r) changed by
  (add siblings item); throws at the top."
  [loc side add item]
  (let [[n p] loc]
    (if (nil? p)
      (throw (Exception. "Insert at top"))
      (at loc n (assoc p side (add (side p) item) :changed? true)))))

(defn insert-left
  "Inserts item as the left sibling of the node at loc, without moving;
  throws at the top."
  [loc item]
  (insert-beside loc :l conj item))

(defn insert-right
  "Inserts item as the right sibling of the node at loc, without moving;
  throws at the top."
  [loc item]
  (insert-beside loc :r #(cons %2 %1) item))

(defn replace
  "Replaces the node at loc with node, without moving."
  [loc node]
  (at loc node (assoc (loc 1) :changed? true)))

(defn edit
  "Replaces the node at loc with (apply f node args)."
  [loc f & args]
  (replace loc (apply f (node loc) args)))

(defn insert-child
  "Inserts item as the leftmost child of the branch at loc, without
  moving."
  [loc item]
  (replace loc (make-node loc (node loc) (cons item (children loc)))))

(defn append-child
  "Inserts item as the rightmost child of the branch at loc, without
  moving."
  [loc item]
  (replace loc (make-node loc (node loc) (concat (children loc) [item]))))

(defn end?
  "Whether loc is the end of a depth-first walk."
  [loc]
  (= :end (loc 1)))

(defn next
  "The next location in a depth-first walk. After the last one it gives
  the end location, [root :end], for which end? is true and which next
  keeps returning."
  [loc]
  (if (end? loc)
    loc
    (or (and (branch? loc) (down loc))
        (right loc)
        (loop [p loc]
          (if-let [u (up p)]
            (or (right u) (recur u))
            [(node p) :end])))))

(defn prev
  "The previous location in a depth-first walk, or nil at the root."
  [loc]
  (if-let [l (left loc)]
    (loop [loc l]
      (if-let [child (and (branch? loc) (down loc))]
        (recur (rightmost child))
        loc))
    (up loc)))

(defn remove
  "Removes the node at loc; returns the location that preceded it in a
  depth-first walk. Throws at the top."
  [loc]
  (let [[_ {:keys [l r pnodes ppath] :as p}] loc]
    (if (nil? p)
      (throw (Exception. "Remove at top"))
      (if (pos? (count l))
        (loop [loc (at loc (peek l) (assoc p :l (pop l) :changed? true))]
          (if-let [child (and (branch? loc) (down loc))]
            (recur (rightmost child))
            loc))
        (at loc (make-node loc (peek pnodes) r)
            (and ppath (assoc ppath :changed? true)))))))
