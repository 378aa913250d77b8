//! Docstrings and argument lists of the core natives, given to their vars'
//! metadata when the natives are bound (so `clojure.repl/doc` shows them
//! as it shows the core written in evelisp). Each entry: name, arglists
//! (read as data), doc.

/// `(name, arglists, doc)` of the natives that have one.
pub const DOCS: &[(&str, &str, &str)] = &[
    (
        "first",
        "([coll])",
        "The first element of coll (nil when empty or nil).",
    ),
    (
        "rest",
        "([coll])",
        "The elements of coll after the first, as a seq (() when none); a lazy rest is not realized.",
    ),
    (
        "next",
        "([coll])",
        "The elements of coll after the first, as a seq, nil when none.",
    ),
    (
        "cons",
        "([x seq])",
        "A new seq: x followed by the elements of seq.",
    ),
    (
        "conj",
        "([] [coll] [coll x] [coll x & xs])",
        "coll with the xs added where that kind of collection adds: the end of a vector, the front of a list or seq, into a map (entries or maps) or set.",
    ),
    (
        "assoc",
        "([map key val] [map key val & kvs])",
        "map (or vector, by index) with key mapped to val; a record stays a record.",
    ),
    (
        "dissoc",
        "([map] [map key] [map key & ks])",
        "map without the keys.",
    ),
    (
        "get",
        "([map key] [map key not-found])",
        "The value of key in a map, set, vector (by index) or sorted collection, else not-found (nil).",
    ),
    (
        "count",
        "([coll])",
        "The number of elements of coll (of characters of a string); a seq is walked.",
    ),
    (
        "nth",
        "([coll index] [coll index not-found])",
        "The element at index of a vector, list, seq or string; not-found, or an IndexOutOfBoundsException, past the end.",
    ),
    (
        "seq",
        "([coll])",
        "A seq of coll's elements, nil when it is empty; a lazy seq is realized.",
    ),
    ("hash-map", "([& keyvals])", "A map of the key/value pairs."),
    ("hash-set", "([& keys])", "A set of the keys."),
    ("vector", "([& args])", "A vector of the args."),
    ("list", "([& items])", "A list of the items."),
    (
        "keys",
        "([map])",
        "A seq of the keys of map, nil when it is empty.",
    ),
    (
        "vals",
        "([map])",
        "A seq of the values of map, nil when it is empty.",
    ),
    (
        "contains?",
        "([coll key])",
        "Whether key is a key of a map or sorted map, a member of a set, or an index of a vector.",
    ),
    (
        "find",
        "([map key])",
        "The entry [key val] of key in map, or nil.",
    ),
    (
        "empty",
        "([coll])",
        "An empty collection of coll's kind (and comparator), nil for what is not a collection.",
    ),
    (
        "subvec",
        "([v start] [v start end])",
        "The elements of vector v from start below end, as a vector.",
    ),
    (
        "peek",
        "([coll])",
        "The first element of a list, the last of a vector; nil when empty.",
    ),
    (
        "pop",
        "([coll])",
        "A list without its first element, a vector without its last.",
    ),
    (
        "disj",
        "([set] [set key] [set key & ks])",
        "set without the keys.",
    ),
    (
        "reduce",
        "([f coll] [f val coll])",
        "Combines the elements of coll with f, from val (or the first two elements); stops at a reduced value.",
    ),
    ("reduced", "([x])", "Wraps x so that reduce stops with it."),
    ("reduced?", "([x])", "Whether x is a reduced value."),
    (
        "apply",
        "([f args] [f x args] [f x y & more])",
        "Calls f with the given arguments followed by the elements of the last.",
    ),
    (
        "+",
        "([] [x] [x y] [x y & more])",
        "The sum of the numbers (0); long overflow is an ArithmeticException (+' promotes).",
    ),
    (
        "-",
        "([x] [x y] [x y & more])",
        "x negated, or the later numbers subtracted from x.",
    ),
    (
        "*",
        "([] [x] [x y] [x y & more])",
        "The product of the numbers (1).",
    ),
    (
        "/",
        "([x] [x y] [x y & more])",
        "x divided by the later numbers (a ratio when integers do not divide); (/ x) is 1/x.",
    ),
    ("inc", "([x])", "x + 1."),
    ("dec", "([x])", "x - 1."),
    (
        "<",
        "([x] [x y] [x y & more])",
        "Whether the numbers increase.",
    ),
    (
        ">",
        "([x] [x y] [x y & more])",
        "Whether the numbers decrease.",
    ),
    (
        "<=",
        "([x] [x y] [x y & more])",
        "Whether the numbers never decrease.",
    ),
    (
        ">=",
        "([x] [x y] [x y & more])",
        "Whether the numbers never increase.",
    ),
    (
        "=",
        "([x] [x y] [x y & more])",
        "Clojure's equality: values, collections by their elements (a list equals a vector), 1 unequal to 1.0.",
    ),
    (
        "==",
        "([x] [x y] [x y & more])",
        "Whether the numbers are equal in value (1 == 1.0).",
    ),
    (
        "compare",
        "([x y])",
        "Negative, zero or positive as x comes before, with or after y.",
    ),
    (
        "max",
        "([x] [x y] [x y & more])",
        "The greatest of the numbers.",
    ),
    (
        "min",
        "([x] [x y] [x y & more])",
        "The least of the numbers.",
    ),
    (
        "quot",
        "([num div])",
        "The quotient of num by div, rounded toward zero.",
    ),
    (
        "rem",
        "([num div])",
        "The remainder of num by div (the sign of num).",
    ),
    ("mod", "([num div])", "num modulo div (the sign of div)."),
    (
        "str",
        "([] [x] [x & ys])",
        "The text of the values joined: nil as nothing, strings and characters as they are, others as pr prints them.",
    ),
    (
        "pr-str",
        "([& xs])",
        "What pr would print of the xs, as a string.",
    ),
    (
        "println",
        "([& more])",
        "Prints the values (as print), separated by spaces, then a newline.",
    ),
    (
        "print",
        "([& more])",
        "Prints the values for people: strings and characters without quotes.",
    ),
    (
        "prn",
        "([& more])",
        "Prints the values readably (as pr), then a newline.",
    ),
    (
        "pr",
        "([& more])",
        "Prints the values readably: strings quoted, characters as \\c.",
    ),
    (
        "atom",
        "([x])",
        "A new atom holding x, in the env file (shared with every process on it).",
    ),
    (
        "deref",
        "([ref] [ref timeout-ms timeout-val])",
        "The value of an atom, var, future, promise, delay or reduced value (@ref).",
    ),
    (
        "swap!",
        "([atom f] [atom f x] [atom f x y] [atom f x y & args])",
        "Sets atom to (apply f current args) by compare-and-set, retrying on a conflict from any thread or process; the new value.",
    ),
    ("reset!", "([atom newval])", "Sets atom to newval; newval."),
    (
        "compare-and-set!",
        "([atom oldval newval])",
        "Sets atom to newval if it holds oldval (identical); whether it did.",
    ),
    ("identity", "([x])", "x."),
    (
        "symbol",
        "([name] [ns name])",
        "A symbol of the name (\"ns/name\" names a namespace too).",
    ),
    (
        "keyword",
        "([name] [ns name])",
        "A keyword of the name (\"ns/name\" names a namespace too).",
    ),
    (
        "name",
        "([x])",
        "The name of a symbol or keyword (without its namespace), or a string itself.",
    ),
    (
        "namespace",
        "([x])",
        "The namespace of a symbol or keyword, or nil.",
    ),
    (
        "gensym",
        "([] [prefix])",
        "A new symbol whose name is unique.",
    ),
    (
        "ex-info",
        "([msg map] [msg map cause])",
        "An error carrying msg and the data map (thrown with throw, caught as ExceptionInfo).",
    ),
    (
        "ex-data",
        "([ex])",
        "The data map of an ex-info error, or nil.",
    ),
    ("ex-message", "([ex])", "The message of an error, or nil."),
    ("meta", "([obj])", "The metadata map of obj, or nil."),
    ("with-meta", "([obj m])", "obj with metadata m (nil: none)."),
    (
        "eval",
        "([form])",
        "Evaluates form (data) and gives its value.",
    ),
    (
        "hash",
        "([x])",
        "Clojure's hash of x, consistent with =, the same in every process.",
    ),
    ("not", "([x])", "true if x is false or nil, else false."),
    ("nil?", "([x])", "Whether x is nil."),
    ("zero?", "([num])", "Whether num is zero."),
    ("pos?", "([num])", "Whether num is greater than zero."),
    ("neg?", "([num])", "Whether num is less than zero."),
    ("even?", "([n])", "Whether integer n is even."),
    ("odd?", "([n])", "Whether integer n is odd."),
    (
        "seq?",
        "([x])",
        "Whether x is a seq: a list, a lazy seq or a cons.",
    ),
    ("vector?", "([x])", "Whether x is a vector."),
    (
        "map?",
        "([x])",
        "Whether x is a map (hash, array, sorted map or record).",
    ),
    ("set?", "([x])", "Whether x is a set (hash or sorted)."),
    ("list?", "([x])", "Whether x is a list."),
    ("string?", "([x])", "Whether x is a string."),
    ("keyword?", "([x])", "Whether x is a keyword."),
    ("symbol?", "([x])", "Whether x is a symbol."),
    ("fn?", "([x])", "Whether x is a function."),
    ("number?", "([x])", "Whether x is a number."),
    (
        "integer?",
        "([n])",
        "Whether n is an integer (long or bigint).",
    ),
    (
        "realized?",
        "([x])",
        "Whether a lazy seq, future, promise or delay has its value.",
    ),
    (
        "sorted-map",
        "([& keyvals])",
        "A sorted map of the key/value pairs, ordered by compare.",
    ),
    (
        "sorted-map-by",
        "([comparator & keyvals])",
        "A sorted map ordered by comparator.",
    ),
    (
        "sorted-set",
        "([& keys])",
        "A sorted set of the keys, ordered by compare.",
    ),
    (
        "sorted-set-by",
        "([comparator & keys])",
        "A sorted set ordered by comparator.",
    ),
    (
        "alter-var-root",
        "([v f & args])",
        "Sets the root of var v to (apply f root args), by compare-and-set.",
    ),
    (
        "require",
        "([& args])",
        "Loads the libraries named (unless their namespaces exist), with :as, :refer, :reload.",
    ),
    (
        "in-ns",
        "([name])",
        "Makes the namespace named by symbol name current (creating it).",
    ),
    (
        "resolve",
        "([sym])",
        "The var or class sym names in the current namespace, or nil.",
    ),
    (
        "future-call",
        "([f])",
        "Calls f on another thread; a future of its result.",
    ),
    (
        "promise",
        "([])",
        "A promise: deliver gives it its value once; deref waits for it.",
    ),
    (
        "deliver",
        "([promise val])",
        "Gives promise its value (the first deliver wins).",
    ),
];
