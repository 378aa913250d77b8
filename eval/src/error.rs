//! Evaluation errors: what went wrong (`EvalErrorKind`, named like the JVM
//! exception Clojure would throw, so `catch` can match on it), where (the
//! source position of the form, when known) and the chain of frames.

use evelisp_heap::HeapError;

/// What went wrong while evaluating.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalErrorKind {
    /// A symbol that names no local, var or special form.
    #[error("Unable to resolve symbol: {0} in this context")]
    UnresolvedSymbol(String),
    /// `ns/name` whose namespace part is neither an alias nor a namespace.
    #[error("No such namespace: {0}")]
    NoSuchNamespace(String),
    /// A var with no root value.
    #[error("Attempting to call unbound fn: #'{0}")]
    UnboundVar(String),
    /// A call with a number of arguments no arity accepts.
    #[error("Wrong number of args ({count}) passed to: {name}")]
    Arity {
        /// Arguments passed.
        count: usize,
        /// The function's name.
        name: String,
    },
    /// Calling something that is not a function.
    #[error("{0} cannot be cast to clojure.lang.IFn")]
    NotAFunction(String),
    /// A special form written wrongly.
    #[error("{form}: {problem}")]
    Syntax {
        /// The special form.
        form: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// `recur` not in tail position, or with the wrong number of values.
    #[error("{0}")]
    Recur(String),
    /// A value of the wrong type for an operation.
    #[error("{0}")]
    ClassCast(String),
    /// Integer overflow, division by zero.
    #[error("{0}")]
    Arithmetic(String),
    /// An index outside a collection.
    #[error("{0}")]
    IndexOutOfBounds(String),
    /// An index outside a string (`subs`): Java's subclass of the above.
    #[error("{0}")]
    StringIndexOutOfBounds(String),
    /// nil where a value is needed: called as a fn, or taken for a number
    /// or a string (Java's `NullPointerException`).
    #[error("{0}")]
    NullPointer(String),
    /// A plain `java.lang.Exception` (Clojure throws one for a missing
    /// namespace in `intern`, say): no `RuntimeException`.
    #[error("{0}")]
    Exception(String),
    /// An operation the value does not support (`(count 1)`, `(nth #{} 0)`).
    #[error("{0}")]
    UnsupportedOperation(String),
    /// An index outside an array (Java's `ArrayIndexOutOfBoundsException`,
    /// an `IndexOutOfBoundsException`).
    #[error("{0}")]
    ArrayIndexOutOfBounds(String),
    /// An array of negative length asked for (Java's
    /// `NegativeArraySizeException`).
    #[error("{0}")]
    NegativeArraySize(String),
    /// A value stored into an array of a class it is not an instance of
    /// (Java's `ArrayStoreException`).
    #[error("{0}")]
    ArrayStore(String),
    /// Recursion deeper than the evaluator allows.
    #[error("stack overflow: calls nested deeper than {0}")]
    StackOverflow(usize),
    /// A bad argument value (out of range, malformed).
    #[error("{0}")]
    IllegalArgument(String),
    /// A `java.lang.RuntimeException` itself (`to-array` of a number:
    /// "Unable to convert: ...", the reader's "EOF while reading").
    #[error("{0}")]
    Runtime(String),
    /// A call of a native function this binary does not have.
    #[error("the env names native function {0}, which this process has not defined")]
    MissingNative(String),
    /// The text could not be read (where is in the error's position).
    #[error("{0}")]
    Read(String),
    /// A form the reader gave that cannot become a value.
    #[error("{0}")]
    Convert(String),
    /// A reader sugar expansion failed.
    #[error("{0}")]
    Desugar(String),
    /// An operation not allowed in the current state (binding a var that
    /// is not dynamic, `set!` without a thread binding).
    #[error("{0}")]
    IllegalState(String),
    /// Writing to `*out*` (or reading `*in*`) failed.
    #[error("{0}")]
    Io(String),
    /// An error from the heap (the env file).
    #[error("{0}")]
    Heap(#[from] HeapError),
    /// A value thrown by `throw`, carried by its printed form until error
    /// values live in the heap.
    #[error("{0}")]
    Thrown(String),
    /// A number that does not parse (Java's `NumberFormatException`, a kind
    /// of `IllegalArgumentException`: a catch of either takes it).
    #[error("{0}")]
    NumberFormat(String),
    /// `(System/exit code)`: unwinds to the host, which ends the process
    /// with `code` after closing the env cleanly. No `catch` takes it
    /// (`finally` clauses run).
    #[error("exit with status {0}")]
    Exit(i32),
    /// The evaluation was interrupted (Ctrl-C in the REPL); no `catch`
    /// takes it.
    #[error("Evaluation interrupted")]
    Interrupted,
    /// `deref` of a future that `future-cancel` cancelled (Java's
    /// `CancellationException`, an `IllegalStateException`).
    #[error("the future was cancelled")]
    Cancelled,
    /// An error value of another class than `ExceptionInfo` (an error the
    /// evaluator raised, bound by a `catch`) thrown again: it keeps its
    /// class, so outer catches and messages see the original one.
    #[error("{message}")]
    Rethrown {
        /// The class it had when it was caught.
        class: &'static str,
        /// Its message.
        message: String,
    },
}

/// Every class name [`EvalErrorKind::class_name`] gives.
const CLASSES: &[&str] = &[
    "CompilerException",
    "IllegalStateException",
    "ArityException",
    "ClassCastException",
    "ArithmeticException",
    "IndexOutOfBoundsException",
    "StringIndexOutOfBoundsException",
    "NullPointerException",
    "UnsupportedOperationException",
    "ArrayIndexOutOfBoundsException",
    "NegativeArraySizeException",
    "ArrayStoreException",
    "StackOverflowError",
    "OutOfMemoryError",
    "IllegalAccessError",
    "AssertionError",
    "Exception",
    "IllegalArgumentException",
    "RuntimeException",
    "NumberFormatException",
    "Exit",
    "InterruptedException",
    "CancellationException",
    "EnvError",
    "IOException",
    "EOFException",
    "ExceptionInfo",
    "JsonProcessingException",
    "JsonParseException",
    "JsonEOFException",
    "JsonGenerationException",
];

/// The direct superclass of each class of [`CLASSES`] below
/// `RuntimeException` that has one of them as its superclass (Java's
/// hierarchy): what a `catch` of the superclass also catches.
const SUPERCLASSES: &[(&str, &str)] = &[
    ("NumberFormatException", "IllegalArgumentException"),
    ("ArityException", "IllegalArgumentException"),
    ("CancellationException", "IllegalStateException"),
    (
        "StringIndexOutOfBoundsException",
        "IndexOutOfBoundsException",
    ),
    (
        "ArrayIndexOutOfBoundsException",
        "IndexOutOfBoundsException",
    ),
    // java.io and Jackson's (cheshire's) checked exceptions.
    ("EOFException", "IOException"),
    ("JsonProcessingException", "IOException"),
    ("JsonParseException", "JsonProcessingException"),
    ("JsonEOFException", "JsonParseException"),
    ("JsonGenerationException", "JsonProcessingException"),
];

/// Whether an error of class `class` is caught by a `catch` of the class
/// `ancestor` (both short names): the same class, a superclass by
/// [`SUPERCLASSES`], `RuntimeException` for every exception but the
/// checked ones, and `Throwable`, `Exception` (not errors), `Error`
/// (errors only) or `Object`.
pub(crate) fn is_caught_by(class: &str, ancestor: &str) -> bool {
    let is_error = class.ends_with("Error");
    let checked = matches!(class, "Exception" | "InterruptedException")
        || is_caught_by_superclass(class, "IOException");
    match ancestor {
        "Throwable" | "Object" => true,
        "Exception" => !is_error,
        "Error" => is_error,
        "RuntimeException" => !is_error && !checked,
        _ => is_caught_by_superclass(class, ancestor),
    }
}

/// Whether `ancestor` is `class` or one of its superclasses by
/// [`SUPERCLASSES`].
fn is_caught_by_superclass(class: &str, ancestor: &str) -> bool {
    let mut c = class;
    loop {
        if c == ancestor {
            return true;
        }
        match SUPERCLASSES.iter().find(|(sub, _)| *sub == c) {
            Some((_, sup)) => c = sup,
            None => return false,
        }
    }
}

/// The class name `name` as the evaluator spells it, if it is one of the
/// classes of its errors.
pub(crate) fn known_class(name: &str) -> Option<&'static str> {
    CLASSES.iter().copied().find(|c| *c == name)
}

impl EvalErrorKind {
    /// The name Clojure's exception would have (`catch` matches on it and
    /// uncaught errors show it).
    pub fn class_name(&self) -> &'static str {
        match self {
            EvalErrorKind::UnresolvedSymbol(_)
            | EvalErrorKind::NoSuchNamespace(_)
            | EvalErrorKind::Syntax { .. }
            | EvalErrorKind::Recur(_)
            | EvalErrorKind::Convert(_)
            | EvalErrorKind::Read(_)
            | EvalErrorKind::Desugar(_) => "CompilerException",
            EvalErrorKind::UnboundVar(_) => "IllegalStateException",
            EvalErrorKind::Arity { .. } => "ArityException",
            EvalErrorKind::NotAFunction(_) | EvalErrorKind::ClassCast(_) => "ClassCastException",
            EvalErrorKind::Arithmetic(_) => "ArithmeticException",
            EvalErrorKind::IndexOutOfBounds(_) => "IndexOutOfBoundsException",
            EvalErrorKind::StringIndexOutOfBounds(_) => "StringIndexOutOfBoundsException",
            EvalErrorKind::NullPointer(_) => "NullPointerException",
            EvalErrorKind::UnsupportedOperation(_) => "UnsupportedOperationException",
            EvalErrorKind::Exception(_) => "Exception",
            EvalErrorKind::ArrayIndexOutOfBounds(_) => "ArrayIndexOutOfBoundsException",
            EvalErrorKind::NegativeArraySize(_) => "NegativeArraySizeException",
            EvalErrorKind::ArrayStore(_) => "ArrayStoreException",
            EvalErrorKind::StackOverflow(_) => "StackOverflowError",
            EvalErrorKind::MissingNative(_) => "IllegalStateException",
            EvalErrorKind::IllegalArgument(_) => "IllegalArgumentException",
            EvalErrorKind::Runtime(_) => "RuntimeException",
            EvalErrorKind::NumberFormat(_) => "NumberFormatException",
            EvalErrorKind::Exit(_) => "Exit",
            EvalErrorKind::Interrupted => "InterruptedException",
            EvalErrorKind::Cancelled => "CancellationException",
            // The env file is full (its reserved map size, or the disk):
            // the JVM's heap is full.
            EvalErrorKind::Heap(HeapError::EnvFull { .. } | HeapError::TooLarge { .. }) => {
                "OutOfMemoryError"
            }
            // A value of the wrong kind for an operation, as a program's
            // own type error (`(conj "abc" 1)`), not a damaged file's.
            EvalErrorKind::Heap(e @ HeapError::WrongKind { .. }) if !e.is_damage() => {
                "ClassCastException"
            }
            EvalErrorKind::Heap(_) => "EnvError",
            EvalErrorKind::Io(_) => "IOException",
            EvalErrorKind::IllegalState(_) => "IllegalStateException",
            EvalErrorKind::Thrown(_) => "ExceptionInfo",
            EvalErrorKind::Rethrown { class, .. } => class,
        }
    }
}

/// A source position: file (if any), line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The file, or `None` for the REPL / `-e`.
    pub file: Option<String>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}:{}:{}", self.line, self.column),
            None => write!(f, "{}:{}", self.line, self.column),
        }
    }
}

/// An evaluation error with where it happened. Boxed, so a result of
/// evaluation is two words wide and returns in registers (the evaluator's
/// every step returns one); the fields are reached through `Deref`.
pub struct EvalError(Box<EvalErrorData>);

/// What an [`EvalError`] holds.
#[derive(Debug)]
pub struct EvalErrorData {
    /// What went wrong.
    pub kind: EvalErrorKind,
    /// Where, when known.
    pub position: Option<Position>,
    /// The functions it passed through, innermost first (`ns/fn`).
    pub frames: Vec<String>,
}

impl std::ops::Deref for EvalError {
    type Target = EvalErrorData;
    fn deref(&self) -> &EvalErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for EvalError {
    fn deref_mut(&mut self) -> &mut EvalErrorData {
        &mut self.0
    }
}

impl std::fmt::Debug for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvalError")
            .field("kind", &self.kind)
            .field("position", &self.position)
            .field("frames", &self.frames)
            .finish()
    }
}

/// The error of special form `form` written wrongly (or, in stored code,
/// damaged): `problem` says how.
pub(crate) fn syntax(form: &'static str, problem: impl Into<String>) -> EvalError {
    EvalError::new(EvalErrorKind::Syntax {
        form,
        problem: problem.into(),
    })
}

impl EvalError {
    /// An error of `kind` at no known place yet.
    pub fn new(kind: EvalErrorKind) -> EvalError {
        EvalError(Box::new(EvalErrorData {
            kind,
            position: None,
            frames: Vec::new(),
        }))
    }

    /// The error's parts, unboxed.
    pub fn into_data(self) -> EvalErrorData {
        *self.0
    }

    /// Sets the position unless one is known already (the innermost wins).
    pub fn at(mut self, position: Option<Position>) -> EvalError {
        if self.position.is_none() {
            self.position = position;
        }
        self
    }
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let EvalErrorKind::Read(message) = &self.kind {
            // As Clojure: `Syntax error reading source at (file:line:col)`.
            f.write_str("Syntax error reading source")?;
            if let Some(p) = &self.position {
                write!(f, " at ({p})")?;
            }
            return write!(f, ": {message}");
        }
        let phase = match self.kind.class_name() {
            "CompilerException" => "Syntax error compiling",
            _ => "Execution error",
        };
        write!(f, "{phase} ({})", self.kind.class_name())?;
        match (self.frames.first(), &self.position) {
            (Some(frame), Some(p)) => write!(f, " at {frame} ({p})")?,
            (Some(frame), None) => write!(f, " at {frame}")?,
            (None, Some(p)) => write!(f, " at ({p})")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for EvalError {}

impl From<HeapError> for EvalError {
    fn from(e: HeapError) -> Self {
        EvalError::new(EvalErrorKind::Heap(e))
    }
}

impl From<EvalErrorKind> for EvalError {
    fn from(kind: EvalErrorKind) -> Self {
        EvalError::new(kind)
    }
}

/// Result of evaluation.
pub type EvalResult<T> = Result<T, EvalError>;

/// The error for a call of `name` (as shown: `clojure.core/first`,
/// `clojure.string/join`) with `count` arguments, a number none of its
/// arities accepts.
pub fn arity(name: &str, count: usize) -> EvalError {
    EvalError::new(EvalErrorKind::Arity {
        count,
        name: name.to_string(),
    })
}
