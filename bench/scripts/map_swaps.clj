;; N swaps of a random existing key on `user/m`, an atom of a map of K keys
;; (made by map_load.clj), for bench/map-swap-instructions. Args: N K.
(let [n (parse-long (nth *command-line-args* 0))
      k (parse-long (nth *command-line-args* 1))]
  (loop [i 0]
    (when (< i n)
      (swap! m assoc (rand-int k) i)
      (recur (inc i)))))
