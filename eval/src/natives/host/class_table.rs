//! The fixed table of the Java classes and interfaces evelisp knows
//! ([`CLASSES`]), each with its direct supertypes: what `instance?`,
//! `isa?`, `supers` and protocol dispatch read (`classes.rs`).

/// Every class and interface known, with its direct supertypes (the
/// superclass first). `java.lang.Object` is above every class.
pub(super) const CLASSES: &[(&str, &[&str])] = &[
    ("java.lang.Object", &[]),
    // The process-local host objects (`host_objects.rs`).
    ("java.lang.AutoCloseable", &[]),
    ("java.io.Closeable", &["java.lang.AutoCloseable"]),
    ("java.io.Flushable", &[]),
    ("java.lang.Appendable", &[]),
    ("java.io.Reader", &["java.lang.Object", "java.io.Closeable"]),
    ("java.io.BufferedReader", &["java.io.Reader"]),
    ("java.io.LineNumberReader", &["java.io.BufferedReader"]),
    ("java.io.InputStreamReader", &["java.io.Reader"]),
    ("java.io.FileReader", &["java.io.InputStreamReader"]),
    ("java.io.StringReader", &["java.io.Reader"]),
    ("java.io.PushbackReader", &["java.io.Reader"]),
    (
        "clojure.lang.LineNumberingPushbackReader",
        &["java.io.PushbackReader"],
    ),
    (
        "java.io.Writer",
        &[
            "java.lang.Object",
            "java.lang.Appendable",
            "java.io.Closeable",
            "java.io.Flushable",
        ],
    ),
    ("java.io.BufferedWriter", &["java.io.Writer"]),
    ("java.io.OutputStreamWriter", &["java.io.Writer"]),
    ("java.io.FileWriter", &["java.io.OutputStreamWriter"]),
    ("java.io.PrintWriter", &["java.io.Writer"]),
    ("java.io.StringWriter", &["java.io.Writer"]),
    (
        "java.io.InputStream",
        &["java.lang.Object", "java.io.Closeable"],
    ),
    ("java.io.BufferedInputStream", &["java.io.InputStream"]),
    ("java.io.FileInputStream", &["java.io.InputStream"]),
    (
        "java.io.OutputStream",
        &["java.lang.Object", "java.io.Closeable", "java.io.Flushable"],
    ),
    ("java.io.BufferedOutputStream", &["java.io.OutputStream"]),
    ("java.io.FileOutputStream", &["java.io.OutputStream"]),
    (
        "java.io.PrintStream",
        &["java.io.OutputStream", "java.lang.Appendable"],
    ),
    (
        "java.lang.StringBuilder",
        &[
            "java.lang.Object",
            "java.io.Serializable",
            "java.lang.CharSequence",
            "java.lang.Appendable",
        ],
    ),
    ("java.io.Serializable", &[]),
    ("java.lang.Comparable", &[]),
    ("java.lang.CharSequence", &[]),
    ("java.lang.Iterable", &[]),
    ("java.lang.Runnable", &[]),
    ("java.util.concurrent.Callable", &[]),
    ("java.util.Comparator", &[]),
    ("java.util.RandomAccess", &[]),
    ("java.util.Collection", &["java.lang.Iterable"]),
    ("java.util.List", &["java.util.Collection"]),
    ("java.util.Set", &["java.util.Collection"]),
    ("java.util.Map", &[]),
    (
        "java.util.UUID",
        &[
            "java.lang.Object",
            "java.io.Serializable",
            "java.lang.Comparable",
        ],
    ),
    (
        "java.util.Date",
        &[
            "java.lang.Object",
            "java.io.Serializable",
            "java.lang.Cloneable",
            "java.lang.Comparable",
        ],
    ),
    (
        "java.time.Instant",
        &[
            "java.lang.Object",
            "java.time.temporal.Temporal",
            "java.time.temporal.TemporalAdjuster",
            "java.lang.Comparable",
            "java.io.Serializable",
        ],
    ),
    ("java.lang.Cloneable", &[]),
    ("java.time.temporal.TemporalAccessor", &[]),
    (
        "java.time.temporal.Temporal",
        &["java.time.temporal.TemporalAccessor"],
    ),
    ("java.time.temporal.TemporalAdjuster", &[]),
    (
        "clojure.lang.TaggedLiteral",
        &["java.lang.Object", "clojure.lang.ILookup"],
    ),
    (
        "clojure.lang.ReaderConditional",
        &["java.lang.Object", "clojure.lang.ILookup"],
    ),
    (
        "java.util.regex.Pattern",
        &["java.lang.Object", "java.io.Serializable"],
    ),
    (
        "java.lang.Number",
        &["java.lang.Object", "java.io.Serializable"],
    ),
    (
        "java.lang.String",
        &[
            "java.lang.Object",
            "java.io.Serializable",
            "java.lang.Comparable",
            "java.lang.CharSequence",
        ],
    ),
    (
        "java.lang.Long",
        &["java.lang.Number", "java.lang.Comparable"],
    ),
    (
        "java.lang.Integer",
        &["java.lang.Number", "java.lang.Comparable"],
    ),
    (
        "java.lang.Double",
        &["java.lang.Number", "java.lang.Comparable"],
    ),
    (
        "java.lang.Float",
        &["java.lang.Number", "java.lang.Comparable"],
    ),
    (
        "java.math.BigDecimal",
        &["java.lang.Number", "java.lang.Comparable"],
    ),
    (
        "clojure.lang.Ratio",
        &["java.lang.Number", "java.lang.Comparable"],
    ),
    (
        "clojure.lang.BigInt",
        &["java.lang.Number", "clojure.lang.IHashEq"],
    ),
    (
        "java.math.BigInteger",
        &["java.lang.Number", "java.lang.Comparable"],
    ),
    (
        "java.lang.Boolean",
        &[
            "java.lang.Object",
            "java.io.Serializable",
            "java.lang.Comparable",
        ],
    ),
    (
        "java.lang.Character",
        &[
            "java.lang.Object",
            "java.io.Serializable",
            "java.lang.Comparable",
        ],
    ),
    ("clojure.lang.IHashEq", &[]),
    // What defrecord and deftype classes implement (`-def-class`).
    ("clojure.lang.IRecord", &[]),
    ("clojure.lang.IType", &[]),
    ("clojure.lang.IKeywordLookup", &[]),
    ("clojure.lang.Named", &[]),
    ("clojure.lang.IMeta", &[]),
    ("clojure.lang.IObj", &["clojure.lang.IMeta"]),
    ("clojure.lang.Fn", &[]),
    (
        "clojure.lang.IFn",
        &["java.util.concurrent.Callable", "java.lang.Runnable"],
    ),
    (
        "clojure.lang.AFn",
        &["java.lang.Object", "clojure.lang.IFn"],
    ),
    (
        "clojure.lang.AFunction",
        &[
            "clojure.lang.AFn",
            "clojure.lang.IObj",
            "java.util.Comparator",
            "clojure.lang.Fn",
            "java.io.Serializable",
        ],
    ),
    (
        "clojure.lang.Keyword",
        &[
            "java.lang.Object",
            "clojure.lang.IFn",
            "java.lang.Comparable",
            "clojure.lang.Named",
            "java.io.Serializable",
            "clojure.lang.IHashEq",
        ],
    ),
    (
        "clojure.lang.Symbol",
        &[
            "clojure.lang.AFn",
            "clojure.lang.IObj",
            "java.lang.Comparable",
            "clojure.lang.Named",
            "java.io.Serializable",
            "clojure.lang.IHashEq",
        ],
    ),
    ("clojure.lang.Seqable", &[]),
    ("clojure.lang.Counted", &[]),
    ("clojure.lang.ILookup", &[]),
    ("clojure.lang.Sequential", &[]),
    ("clojure.lang.Reversible", &[]),
    ("clojure.lang.IEditableCollection", &[]),
    ("clojure.lang.IReduceInit", &[]),
    ("clojure.lang.IReduce", &["clojure.lang.IReduceInit"]),
    ("clojure.lang.IKVReduce", &[]),
    ("clojure.lang.MapEquivalence", &[]),
    ("clojure.lang.IMapIterable", &[]),
    (
        "clojure.lang.IPersistentCollection",
        &["clojure.lang.Seqable"],
    ),
    (
        "clojure.lang.Associative",
        &["clojure.lang.IPersistentCollection", "clojure.lang.ILookup"],
    ),
    ("clojure.lang.Indexed", &["clojure.lang.Counted"]),
    (
        "clojure.lang.IPersistentStack",
        &["clojure.lang.IPersistentCollection"],
    ),
    (
        "clojure.lang.IPersistentVector",
        &[
            "clojure.lang.Associative",
            "clojure.lang.Sequential",
            "clojure.lang.IPersistentStack",
            "clojure.lang.Reversible",
            "clojure.lang.Indexed",
        ],
    ),
    (
        "clojure.lang.APersistentVector",
        &[
            "clojure.lang.AFn",
            "clojure.lang.IPersistentVector",
            "java.lang.Iterable",
            "java.util.List",
            "java.util.RandomAccess",
            "java.lang.Comparable",
            "java.io.Serializable",
            "clojure.lang.IHashEq",
        ],
    ),
    (
        "clojure.lang.PersistentVector",
        &[
            "clojure.lang.APersistentVector",
            "clojure.lang.IObj",
            "clojure.lang.IEditableCollection",
            "clojure.lang.IReduce",
            "clojure.lang.IKVReduce",
        ],
    ),
    (
        "clojure.lang.IPersistentMap",
        &[
            "java.lang.Iterable",
            "clojure.lang.Associative",
            "clojure.lang.Counted",
        ],
    ),
    (
        "clojure.lang.APersistentMap",
        &[
            "clojure.lang.AFn",
            "clojure.lang.IPersistentMap",
            "java.util.Map",
            "java.lang.Iterable",
            "java.io.Serializable",
            "clojure.lang.MapEquivalence",
            "clojure.lang.IHashEq",
        ],
    ),
    (
        "clojure.lang.PersistentHashMap",
        &[
            "clojure.lang.APersistentMap",
            "clojure.lang.IEditableCollection",
            "clojure.lang.IObj",
            "clojure.lang.IMapIterable",
            "clojure.lang.IKVReduce",
        ],
    ),
    (
        "clojure.lang.PersistentArrayMap",
        &[
            "clojure.lang.APersistentMap",
            "clojure.lang.IObj",
            "clojure.lang.IEditableCollection",
            "clojure.lang.IMapIterable",
            "clojure.lang.IKVReduce",
        ],
    ),
    (
        "clojure.lang.IPersistentSet",
        &["clojure.lang.IPersistentCollection", "clojure.lang.Counted"],
    ),
    (
        "clojure.lang.APersistentSet",
        &[
            "clojure.lang.AFn",
            "clojure.lang.IPersistentSet",
            "java.util.Collection",
            "java.util.Set",
            "java.io.Serializable",
            "clojure.lang.IHashEq",
        ],
    ),
    (
        "clojure.lang.PersistentHashSet",
        &[
            "clojure.lang.APersistentSet",
            "clojure.lang.IObj",
            "clojure.lang.IEditableCollection",
        ],
    ),
    ("clojure.lang.ISeq", &["clojure.lang.IPersistentCollection"]),
    (
        "clojure.lang.IPersistentList",
        &["clojure.lang.Sequential", "clojure.lang.IPersistentStack"],
    ),
    (
        "clojure.lang.Obj",
        &[
            "java.lang.Object",
            "clojure.lang.IObj",
            "java.io.Serializable",
        ],
    ),
    (
        "clojure.lang.ASeq",
        &[
            "clojure.lang.Obj",
            "clojure.lang.ISeq",
            "clojure.lang.Sequential",
            "java.util.List",
            "java.io.Serializable",
            "clojure.lang.IHashEq",
        ],
    ),
    (
        "clojure.lang.PersistentList",
        &[
            "clojure.lang.ASeq",
            "clojure.lang.IPersistentList",
            "clojure.lang.IReduce",
            "java.util.List",
            "clojure.lang.Counted",
        ],
    ),
    (
        "clojure.lang.Cons",
        &["clojure.lang.ASeq", "java.io.Serializable"],
    ),
    (
        "clojure.lang.LazySeq",
        &[
            "clojure.lang.Obj",
            "clojure.lang.ISeq",
            "clojure.lang.Sequential",
            "java.util.List",
            "clojure.lang.IPending",
            "clojure.lang.IHashEq",
        ],
    ),
    ("clojure.lang.IPending", &[]),
    (
        "clojure.lang.PersistentTreeMap",
        &[
            "clojure.lang.APersistentMap",
            "clojure.lang.IObj",
            "clojure.lang.Reversible",
            "clojure.lang.Sorted",
            "clojure.lang.IKVReduce",
        ],
    ),
    (
        "clojure.lang.PersistentTreeSet",
        &[
            "clojure.lang.APersistentSet",
            "clojure.lang.IObj",
            "clojure.lang.Reversible",
            "clojure.lang.Sorted",
        ],
    ),
    ("clojure.lang.Sorted", &[]),
    ("clojure.lang.Reversible", &[]),
    ("clojure.lang.IDeref", &[]),
    ("clojure.lang.IRef", &["clojure.lang.IDeref"]),
    ("clojure.lang.IReference", &["clojure.lang.IMeta"]),
    (
        "clojure.lang.AReference",
        &["java.lang.Object", "clojure.lang.IReference"],
    ),
    (
        "clojure.lang.ARef",
        &["clojure.lang.AReference", "clojure.lang.IRef"],
    ),
    ("clojure.lang.IAtom", &[]),
    ("clojure.lang.IAtom2", &["clojure.lang.IAtom"]),
    (
        "clojure.lang.Atom",
        &["clojure.lang.ARef", "clojure.lang.IAtom2"],
    ),
    ("clojure.lang.Settable", &[]),
    ("clojure.lang.Agent", &["clojure.lang.ARef"]),
    (
        "clojure.lang.Ref",
        &[
            "clojure.lang.ARef",
            "clojure.lang.IFn",
            "java.lang.Comparable",
            "clojure.lang.IRef",
        ],
    ),
    ("java.util.regex.Matcher", &["java.lang.Object"]),
    (
        "java.io.File",
        &["java.io.Serializable", "java.lang.Comparable"],
    ),
    (
        "java.nio.file.Path",
        &["java.lang.Comparable", "java.lang.Iterable"],
    ),
    ("sun.nio.fs.UnixPath", &["java.nio.file.Path"]),
    (
        "sun.nio.fs.UnixFileAttributes",
        &["java.nio.file.attribute.PosixFileAttributes"],
    ),
    (
        "java.nio.file.attribute.PosixFileAttributes",
        &["java.nio.file.attribute.BasicFileAttributes"],
    ),
    ("java.nio.file.attribute.BasicFileAttributes", &[]),
    (
        "java.nio.file.attribute.FileTime",
        &["java.lang.Comparable"],
    ),
    (
        "clojure.lang.Volatile",
        &["java.lang.Object", "clojure.lang.IDeref"],
    ),
    (
        "clojure.lang.Reduced",
        &["java.lang.Object", "clojure.lang.IDeref"],
    ),
    (
        "clojure.lang.Var",
        &[
            "clojure.lang.ARef",
            "clojure.lang.IFn",
            "clojure.lang.IRef",
            "clojure.lang.Settable",
            "java.io.Serializable",
        ],
    ),
    (
        "clojure.lang.Namespace",
        &["clojure.lang.AReference", "java.io.Serializable"],
    ),
    (
        "java.lang.Throwable",
        &["java.lang.Object", "java.io.Serializable"],
    ),
    ("java.lang.Exception", &["java.lang.Throwable"]),
    ("java.lang.Error", &["java.lang.Throwable"]),
    ("java.lang.RuntimeException", &["java.lang.Exception"]),
    ("clojure.lang.IExceptionInfo", &[]),
    (
        "clojure.lang.ExceptionInfo",
        &["java.lang.RuntimeException", "clojure.lang.IExceptionInfo"],
    ),
    (
        "java.lang.IllegalArgumentException",
        &["java.lang.RuntimeException"],
    ),
    (
        "java.lang.IllegalStateException",
        &["java.lang.RuntimeException"],
    ),
    (
        "java.util.concurrent.CancellationException",
        &["java.lang.IllegalStateException"],
    ),
    (
        "java.lang.ArithmeticException",
        &["java.lang.RuntimeException"],
    ),
    (
        "java.lang.ClassCastException",
        &["java.lang.RuntimeException"],
    ),
    (
        "java.lang.IndexOutOfBoundsException",
        &["java.lang.RuntimeException"],
    ),
    (
        "java.lang.ArrayIndexOutOfBoundsException",
        &["java.lang.IndexOutOfBoundsException"],
    ),
    (
        "java.lang.NegativeArraySizeException",
        &["java.lang.RuntimeException"],
    ),
    (
        "java.lang.ArrayStoreException",
        &["java.lang.RuntimeException"],
    ),
    (
        "java.lang.NullPointerException",
        &["java.lang.RuntimeException"],
    ),
    ("java.lang.Cloneable", &[]),
    (
        "clojure.lang.ArityException",
        &["java.lang.IllegalArgumentException"],
    ),
    ("java.io.IOException", &["java.lang.Exception"]),
    ("java.io.EOFException", &["java.io.IOException"]),
    (
        "com.fasterxml.jackson.core.JsonProcessingException",
        &["java.io.IOException"],
    ),
    (
        "com.fasterxml.jackson.core.JsonParseException",
        &["com.fasterxml.jackson.core.JsonProcessingException"],
    ),
    (
        "com.fasterxml.jackson.core.io.JsonEOFException",
        &["com.fasterxml.jackson.core.JsonParseException"],
    ),
    (
        "com.fasterxml.jackson.core.JsonGenerationException",
        &["com.fasterxml.jackson.core.JsonProcessingException"],
    ),
    ("java.lang.StackOverflowError", &["java.lang.Error"]),
];
