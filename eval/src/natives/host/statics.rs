//! The host calls ordinary Clojure scripts make, as a fixed table (not
//! general Java interop): namespaces named like the Java classes whose
//! vars are natives or constants, so `Math/sqrt` or `Long/MAX_VALUE`
//! resolve as ordinary qualified symbols.
//!
//! | namespace | vars |
//! |---|---|
//! | `Math` | `sqrt pow abs floor ceil round rint exp log log10 log1p expm1 sin cos tan asin acos atan atan2 sinh cosh tanh cbrt hypot signum toRadians toDegrees max min floorDiv floorMod random`; constants `PI E` |
//! | `System` | `currentTimeMillis nanoTime getenv exit getProperty lineSeparator` |
//! | `Thread` | `sleep` |
//! | `Integer` | `parseInt valueOf toString toBinaryString toHexString toOctalString`; `MAX_VALUE MIN_VALUE` |
//! | `Long` | `parseLong valueOf toString toBinaryString toHexString`; `MAX_VALUE MIN_VALUE` |
//! | `Double` | `parseDouble valueOf isNaN isInfinite`; `MAX_VALUE MIN_VALUE POSITIVE_INFINITY NEGATIVE_INFINITY NaN` |
//! | `Character` | `isDigit isLetter isLetterOrDigit isAlphabetic isWhitespace isUpperCase isLowerCase toUpperCase toLowerCase` |
//! | `String` | `valueOf` |
//! | `Long Integer Double Float Short Byte Character Boolean` | `TYPE`: the primitive type (the symbol `long`, `int`, ...) |
//! | `clojure.core` | `exit current-time-ms nano-time sleep getenv` |
//!
//! Java's overloads are followed where scripts see them: `Math/abs`,
//! `Math/max`, `Math/min` of longs give a long, of anything else a double;
//! `Math/round` gives a long; the other `Math` functions take any number
//! and give a double. A malformed number string given to a `parse*`
//! function is an `IllegalArgumentException` (Java's
//! `NumberFormatException` is one) with Java's message, `For input string:
//! "x"`. `System/getProperty` knows `user.dir user.home user.name os.name
//! os.arch line.separator file.separator path.separator java.io.tmpdir`;
//! any other key (such as `java.version`) gives nil (or the default).
//! `System/exit` and `exit` end the process (`finally` clauses run, no
//! `catch` takes it): the host closes the env file cleanly, then exits
//! with the status. The `Character` predicates use Unicode's properties as
//! Rust defines them (`isDigit` is any numeric character).

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::native_registry::args;
use crate::print::class_cast;
use evelisp_heap::{Value, View};
use std::sync::LazyLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

natives! {
    /// The square root of a, as a double.
    #[arglists = "([a])"]
    "Math/sqrt" => |i, a| math1(i, "Math/sqrt", a, f64::sqrt);
    /// The cube root of a, as a double.
    #[arglists = "([a])"]
    "Math/cbrt" => |i, a| math1(i, "Math/cbrt", a, f64::cbrt);
    /// The largest whole number not above a, as a double.
    #[arglists = "([a])"]
    "Math/floor" => |i, a| math1(i, "Math/floor", a, f64::floor);
    /// The smallest whole number not below a, as a double.
    #[arglists = "([a])"]
    "Math/ceil" => |i, a| math1(i, "Math/ceil", a, f64::ceil);
    /// The whole number closest to a (ties to the even one), as a double.
    #[arglists = "([a])"]
    "Math/rint" => |i, a| { math1(i, "Math/rint", a, f64::round_ties_even) };
    /// e raised to the power a, as a double.
    #[arglists = "([a])"]
    "Math/exp" => |i, a| math1(i, "Math/exp", a, f64::exp);
    /// e raised to the power a, minus 1 (exact for small a), as a double.
    #[arglists = "([a])"]
    "Math/expm1" => |i, a| math1(i, "Math/expm1", a, f64::exp_m1);
    /// The natural logarithm of a, as a double.
    #[arglists = "([a])"]
    "Math/log" => |i, a| math1(i, "Math/log", a, f64::ln);
    /// The base-10 logarithm of a, as a double.
    #[arglists = "([a])"]
    "Math/log10" => |i, a| math1(i, "Math/log10", a, f64::log10);
    /// The natural logarithm of 1 + a (exact for small a), as a double.
    #[arglists = "([a])"]
    "Math/log1p" => |i, a| math1(i, "Math/log1p", a, f64::ln_1p);
    /// The sine of the angle a (radians), as a double.
    #[arglists = "([a])"]
    "Math/sin" => |i, a| math1(i, "Math/sin", a, f64::sin);
    /// The cosine of the angle a (radians), as a double.
    #[arglists = "([a])"]
    "Math/cos" => |i, a| math1(i, "Math/cos", a, f64::cos);
    /// The tangent of the angle a (radians), as a double.
    #[arglists = "([a])"]
    "Math/tan" => |i, a| math1(i, "Math/tan", a, f64::tan);
    /// The arc sine of a, in radians, as a double.
    #[arglists = "([a])"]
    "Math/asin" => |i, a| math1(i, "Math/asin", a, f64::asin);
    /// The arc cosine of a, in radians, as a double.
    #[arglists = "([a])"]
    "Math/acos" => |i, a| math1(i, "Math/acos", a, f64::acos);
    /// The arc tangent of a, in radians, as a double.
    #[arglists = "([a])"]
    "Math/atan" => |i, a| math1(i, "Math/atan", a, f64::atan);
    /// The hyperbolic sine of a, as a double.
    #[arglists = "([a])"]
    "Math/sinh" => |i, a| math1(i, "Math/sinh", a, f64::sinh);
    /// The hyperbolic cosine of a, as a double.
    #[arglists = "([a])"]
    "Math/cosh" => |i, a| math1(i, "Math/cosh", a, f64::cosh);
    /// The hyperbolic tangent of a, as a double.
    #[arglists = "([a])"]
    "Math/tanh" => |i, a| math1(i, "Math/tanh", a, f64::tanh);
    /// The angle a (degrees) in radians, as a double.
    #[arglists = "([a])"]
    "Math/toRadians" => |i, a| { math1(i, "Math/toRadians", a, f64::to_radians) };
    /// The angle a (radians) in degrees, as a double.
    #[arglists = "([a])"]
    "Math/toDegrees" => |i, a| { math1(i, "Math/toDegrees", a, f64::to_degrees) };
    /// -1.0, 0.0 or 1.0 as a is negative, zero or positive (NaN stays NaN).
    #[arglists = "([a])"]
    "Math/signum" => |i, a| math1(i, "Math/signum", a, signum);
    /// a raised to the power b, as a double.
    #[arglists = "([a b])"]
    "Math/pow" => |i, a| math2(i, "Math/pow", a, f64::powf);
    /// The angle in radians of the point (x, y) from the positive x axis, as a
    /// double.
    #[arglists = "([y x])"]
    "Math/atan2" => |i, a| math2(i, "Math/atan2", a, f64::atan2);
    /// The square root of x squared plus y squared, as a double.
    #[arglists = "([x y])"]
    "Math/hypot" => |i, a| math2(i, "Math/hypot", a, f64::hypot);
    /// The absolute value of a: a long for a long (Long/MIN_VALUE stays itself,
    /// as in Java), else a double.
    #[arglists = "([a])"]
    "Math/abs" => math_abs;
    /// The long closest to a, ties toward positive infinity.
    #[arglists = "([a])"]
    "Math/round" => math_round;
    /// The greater of a and b: a long when both are longs, else a double.
    #[arglists = "([a b])"]
    "Math/max" => |i, a| { math_pick(i, "Math/max", a, i64::max, f64::max) };
    /// The smaller of a and b: a long when both are longs, else a double.
    #[arglists = "([a b])"]
    "Math/min" => |i, a| { math_pick(i, "Math/min", a, i64::min, f64::min) };
    /// The long quotient of x by y, rounded toward negative infinity.
    #[arglists = "([x y])"]
    "Math/floorDiv" => |i, a| { math_floor_op(i, "Math/floorDiv", a, floor_div) };
    /// The remainder of x by y with the sign of y (x - (floorDiv x y) * y).
    #[arglists = "([x y])"]
    "Math/floorMod" => |i, a| { math_floor_op(i, "Math/floorMod", a, floor_mod) };
    /// A random double, at least 0.0 and below 1.0.
    #[arglists = "([])"]
    "Math/random" => math_random;
    /// The current time, in milliseconds since the Unix epoch.
    #[arglists = "([])"]
    "System/currentTimeMillis" => current_time_ms;
    /// A monotonic clock reading in nanoseconds from an arbitrary origin: for
    /// measuring elapsed time.
    #[arglists = "([])"]
    "System/nanoTime" => nano_time;
    /// The value of the environment variable name, or nil; with no argument, a
    /// map of every variable.
    #[arglists = "([] [name])"]
    "System/getenv" => getenv;
    /// Ends the process with the exit status (finally clauses run, no catch
    /// takes it; the env file is closed cleanly first).
    #[arglists = "([status])"]
    "System/exit" => exit;
    /// The value of the system property key (user.dir, user.home, user.name,
    /// os.name, os.arch, line.separator, file.separator, path.separator,
    /// java.io.tmpdir), else default or nil.
    #[arglists = "([key] [key default])"]
    "System/getProperty" => get_property;
    /// The line separator of this system: a newline.
    #[arglists = "([])"]
    "System/lineSeparator" => |i, a| { no_args(i, "System/lineSeparator", a)?; Ok(i.env().make_string("\n")?) };
    /// Pauses this thread for ms milliseconds.
    #[arglists = "([ms])"]
    "Thread/sleep" => sleep;
    /// Ends the process with the exit status code (default 0), closing the env
    /// file first (System/exit).
    #[arglists = "([] [code])"]
    "clojure.core/exit" => exit;
    /// The current time, in milliseconds since the Unix epoch
    /// (System/currentTimeMillis).
    #[arglists = "([])"]
    "clojure.core/current-time-ms" => current_time_ms;
    /// A monotonic clock reading in nanoseconds, from an arbitrary origin
    /// (System/nanoTime).
    #[arglists = "([])"]
    "clojure.core/nano-time" => nano_time;
    /// Pauses this thread for ms milliseconds (Thread/sleep).
    #[arglists = "([ms])"]
    "clojure.core/sleep" => sleep;
    /// The value of the environment variable name, or nil; with no argument, a
    /// map of all of them (System/getenv).
    #[arglists = "([] [name])"]
    "clojure.core/getenv" => getenv;
    /// The integer the string s writes in radix (default 10); an error when it
    /// is not one or does not fit in 32 bits.
    #[arglists = "([s] [s radix])"]
    "Integer/parseInt" => |i, a| { parse_int(i, "Integer/parseInt", a, 32) };
    /// The integer the string s writes in radix (default 10); an error when it
    /// is not one or does not fit in 32 bits.
    #[arglists = "([s] [s radix])"]
    "Integer/valueOf" => |i, a| { parse_int(i, "Integer/valueOf", a, 32) };
    /// The integer the string s writes in radix (default 10); an error when it
    /// is not one or does not fit in 64 bits.
    #[arglists = "([s] [s radix])"]
    "Long/parseLong" => |i, a| { parse_int(i, "Long/parseLong", a, 64) };
    /// The integer the string s writes in radix (default 10); an error when it
    /// is not one or does not fit in 64 bits.
    #[arglists = "([s] [s radix])"]
    "Long/valueOf" => |i, a| parse_int(i, "Long/valueOf", a, 64);
    /// The digits of the integer n in radix (10 when not given or outside 2 to
    /// 36), with a minus sign when negative.
    #[arglists = "([n] [n radix])"]
    "Integer/toString" => |i, a| { to_radix(i, "Integer/toString", a) };
    /// The digits of the integer n in radix (10 when not given or outside 2 to
    /// 36), with a minus sign when negative.
    #[arglists = "([n] [n radix])"]
    "Long/toString" => |i, a| to_radix(i, "Long/toString", a);
    /// The digits of n in base 2, read as an unsigned 32-bit number.
    #[arglists = "([n])"]
    "Integer/toBinaryString" => |i, a| { to_unsigned(i, "Integer/toBinaryString", a, 2, 32) };
    /// The digits of n in base 16, read as an unsigned 32-bit number.
    #[arglists = "([n])"]
    "Integer/toHexString" => |i, a| { to_unsigned(i, "Integer/toHexString", a, 16, 32) };
    /// The digits of n in base 8, read as an unsigned 32-bit number.
    #[arglists = "([n])"]
    "Integer/toOctalString" => |i, a| { to_unsigned(i, "Integer/toOctalString", a, 8, 32) };
    /// The digits of n in base 2, read as an unsigned 64-bit number.
    #[arglists = "([n])"]
    "Long/toBinaryString" => |i, a| { to_unsigned(i, "Long/toBinaryString", a, 2, 64) };
    /// The digits of n in base 16, read as an unsigned 64-bit number.
    #[arglists = "([n])"]
    "Long/toHexString" => |i, a| { to_unsigned(i, "Long/toHexString", a, 16, 64) };
    /// The double the string s writes (surrounding whitespace allowed; NaN and
    /// Infinity too); an error when it is not one.
    #[arglists = "([s])"]
    "Double/parseDouble" => |i, a| { parse_double(i, "Double/parseDouble", a) };
    /// The double the string s writes (surrounding whitespace allowed; NaN and
    /// Infinity too); an error when it is not one.
    #[arglists = "([s])"]
    "Double/valueOf" => |i, a| { parse_double(i, "Double/valueOf", a) };
    /// Whether the number d is NaN.
    #[arglists = "([d])"]
    "Double/isNaN" => |i, a| { let x = to_f64(i, one("Double/isNaN", &a)?)?; Ok(i.env().make_bool(x.is_nan())) };
    /// Whether the number d is positive or negative infinity.
    #[arglists = "([d])"]
    "Double/isInfinite" => |i, a| { let x = to_f64(i, one("Double/isInfinite", &a)?)?; Ok(i.env().make_bool(x.is_infinite())) };
    /// Whether the character ch is numeric.
    #[arglists = "([ch])"]
    "Character/isDigit" => |i, a| { char_test(i, "Character/isDigit", a, char::is_numeric) };
    /// Whether the character ch is a letter.
    #[arglists = "([ch])"]
    "Character/isLetter" => |i, a| { char_test(i, "Character/isLetter", a, char::is_alphabetic) };
    /// Whether the character ch is alphabetic.
    #[arglists = "([ch])"]
    "Character/isAlphabetic" => |i, a| { char_test(i, "Character/isAlphabetic", a, char::is_alphabetic) };
    /// Whether the character ch is a letter or numeric.
    #[arglists = "([ch])"]
    "Character/isLetterOrDigit" => |i, a| { char_test(i, "Character/isLetterOrDigit", a, char::is_alphanumeric) };
    /// Whether the character ch is whitespace (as Java's
    /// Character.isWhitespace: not the no-break spaces).
    #[arglists = "([ch])"]
    "Character/isWhitespace" => |i, a| { char_test(i, "Character/isWhitespace", a, java_whitespace) };
    /// Whether the character ch is upper case.
    #[arglists = "([ch])"]
    "Character/isUpperCase" => |i, a| { char_test(i, "Character/isUpperCase", a, char::is_uppercase) };
    /// Whether the character ch is lower case.
    #[arglists = "([ch])"]
    "Character/isLowerCase" => |i, a| { char_test(i, "Character/isLowerCase", a, char::is_lowercase) };
    /// The upper-case form of the character ch (ch itself when it has none).
    #[arglists = "([ch])"]
    "Character/toUpperCase" => |i, a| { char_map(i, "Character/toUpperCase", a, |c| c.to_uppercase().next()) };
    /// The lower-case form of the character ch (ch itself when it has none).
    #[arglists = "([ch])"]
    "Character/toLowerCase" => |i, a| { char_map(i, "Character/toLowerCase", a, |c| c.to_lowercase().next()) };
    /// The text of x, as str gives it, except "null" for nil (as Java).
    #[arglists = "([x])"]
    "String/valueOf" => string_value_of;
}

/// The constants: qualified var name and value.
const CONSTANTS: &[(&str, Constant)] = &[
    ("Math/PI", Constant::Float(std::f64::consts::PI)),
    ("Math/E", Constant::Float(std::f64::consts::E)),
    ("Integer/MAX_VALUE", Constant::Int(i32::MAX as i64)),
    ("Integer/MIN_VALUE", Constant::Int(i32::MIN as i64)),
    ("Long/MAX_VALUE", Constant::Int(i64::MAX)),
    ("Long/MIN_VALUE", Constant::Int(i64::MIN)),
    ("Double/MAX_VALUE", Constant::Float(f64::MAX)),
    ("Double/MIN_VALUE", Constant::Float(4.9e-324)),
    ("Double/POSITIVE_INFINITY", Constant::Float(f64::INFINITY)),
    (
        "Double/NEGATIVE_INFINITY",
        Constant::Float(f64::NEG_INFINITY),
    ),
    ("Double/NaN", Constant::Float(f64::NAN)),
    // The primitive types, as `make-array` and `into-array` take them.
    ("Long/TYPE", Constant::Class("long")),
    ("Integer/TYPE", Constant::Class("int")),
    ("Double/TYPE", Constant::Class("double")),
    ("Float/TYPE", Constant::Class("float")),
    ("Short/TYPE", Constant::Class("short")),
    ("Byte/TYPE", Constant::Class("byte")),
    ("Character/TYPE", Constant::Class("char")),
    ("Boolean/TYPE", Constant::Class("boolean")),
    // The agents' executors, as `send-via` takes them (evelisp runs every
    // action on a thread of its own: they name no pool).
    (
        "clojure.lang.Agent/soloExecutor",
        Constant::Class("clojure.lang.Agent/soloExecutor"),
    ),
    (
        "clojure.lang.Agent/pooledExecutor",
        Constant::Class("clojure.lang.Agent/pooledExecutor"),
    ),
];

/// The value of a constant var.
enum Constant {
    Int(i64),
    Float(f64),
    /// A class (a symbol, as evelisp's classes are).
    Class(&'static str),
}

/// Binds the constant vars (`Math/PI`, `Long/MAX_VALUE`, ...), leaving a
/// var alone when it already holds its value.
pub(crate) fn define_constants(interp: &Interp<'_>) -> EvalResult<()> {
    let env = interp.env();
    let p = interp.participant();
    for (qualified, value) in CONSTANTS {
        let Some((ns, name)) = qualified.split_once('/') else {
            continue;
        };
        let ns_sym = env.intern_symbol(None, ns)?;
        let ns = env.namespace(p, ns_sym.borrowed())?;
        let sym = env.intern_symbol(None, name)?;
        let var = env.intern_var(p, ns.borrowed(), sym.borrowed())?;
        let root = env.var_root(var.borrowed())?;
        let current = root.get(p)?;
        let same = match (value, current.borrowed().view()?) {
            (Constant::Int(x), View::Int(y)) => *x == y,
            (Constant::Float(x), View::Float(y)) => x.to_bits() == y.to_bits(),
            (Constant::Class(x), View::Symbol { ns: None, name }) => *x == name,
            _ => false,
        };
        if !same {
            let v = match value {
                Constant::Int(x) => env.make_int(*x)?,
                Constant::Float(x) => env.make_float(*x)?,
                Constant::Class(x) => env.intern_symbol(None, x)?,
            };
            root.reset(p, v)?;
        }
    }
    Ok(())
}

/// The double nearest the number `v` (longs and doubles directly; bigints
/// and ratios through `double`).
pub(crate) fn to_f64<'e>(i: &Interp<'e>, v: &Value<'e>) -> EvalResult<f64> {
    match v.borrowed().view()? {
        View::Int(n) => Ok(n as f64),
        View::Float(f) => Ok(f),
        _ => {
            let d = crate::natives::numbers::coercion::double(i, args![v.clone()])?;
            match d.borrowed().view()? {
                View::Float(f) => Ok(f),
                _ => Err(class_cast("a number", v.borrowed())),
            }
        }
    }
}

fn illegal(message: String) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(message))
}

fn one<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<&'a Value<'e>> {
    match args {
        [x] => Ok(x),
        _ => Err(arity(name, args.len())),
    }
}

fn no_args(_: &Interp<'_>, name: &str, args: Args<'_>) -> EvalResult<()> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(arity(name, args.len()))
    }
}

fn long_of(v: &Value<'_>) -> EvalResult<i64> {
    match v.borrowed().view()? {
        View::Int(n) => Ok(n),
        _ => Err(class_cast("a long", v.borrowed())),
    }
}

// ---- Math ----

fn math1<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    f: fn(f64) -> f64,
) -> EvalResult<Value<'e>> {
    let x = to_f64(i, one(name, &args)?)?;
    Ok(i.env().make_float(f(x))?)
}

fn math2<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    f: fn(f64, f64) -> f64,
) -> EvalResult<Value<'e>> {
    let [x, y] = &args[..] else {
        return Err(arity(name, args.len()));
    };
    let (x, y) = (to_f64(i, x)?, to_f64(i, y)?);
    Ok(i.env().make_float(f(x, y))?)
}

/// Java's `Math.signum`: -1.0, 0.0 (keeping its sign), 1.0 or NaN.
fn signum(x: f64) -> f64 {
    if x == 0.0 || x.is_nan() {
        x
    } else {
        x.signum()
    }
}

/// `(Math/abs x)`: a long for a long (wrapping at `Long/MIN_VALUE`, as
/// Java), else a double.
fn math_abs<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("Math/abs", &args)?;
    match x.borrowed().view()? {
        View::Int(n) => Ok(i.env().make_int(n.wrapping_abs())?),
        _ => Ok(i.env().make_float(to_f64(i, x)?.abs())?),
    }
}

/// `(Math/round x)`: the closest long, ties toward positive infinity (NaN
/// is 0; out of range saturates), as Java.
fn math_round<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("Math/round", &args)?;
    if let View::Int(n) = x.borrowed().view()? {
        return Ok(i.env().make_int(n)?);
    }
    let f = to_f64(i, x)?;
    // `as` saturates and maps NaN to 0, like Java's conversion.
    Ok(i.env().make_int((f + 0.5).floor() as i64)?)
}

fn math_pick<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    long: fn(i64, i64) -> i64,
    double: fn(f64, f64) -> f64,
) -> EvalResult<Value<'e>> {
    let [x, y] = &args[..] else {
        return Err(arity(name, args.len()));
    };
    if let (View::Int(a), View::Int(b)) = (x.borrowed().view()?, y.borrowed().view()?) {
        return Ok(i.env().make_int(long(a, b))?);
    }
    let (a, b) = (to_f64(i, x)?, to_f64(i, y)?);
    let r = if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        double(a, b)
    };
    Ok(i.env().make_float(r)?)
}

/// Java's `Math.floorDiv`: the quotient rounded toward negative infinity.
fn floor_div(x: i64, y: i64) -> i64 {
    let q = x.wrapping_div(y);
    if x.wrapping_rem(y) != 0 && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

/// Java's `Math.floorMod`: the remainder with the sign of the divisor.
fn floor_mod(x: i64, y: i64) -> i64 {
    let r = x.wrapping_rem(y);
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

fn math_floor_op<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    f: fn(i64, i64) -> i64,
) -> EvalResult<Value<'e>> {
    let [x, y] = &args[..] else {
        return Err(arity(name, args.len()));
    };
    let (x, y) = (long_of(x)?, long_of(y)?);
    if y == 0 {
        return Err(EvalError::new(EvalErrorKind::Arithmetic(
            "/ by zero".into(),
        )));
    }
    let r = f(x, y);
    Ok(i.env().make_int(r)?)
}

fn math_random<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    no_args(i, "Math/random", args)?;
    let x: f64 = rand::Rng::random(&mut rand::rng());
    Ok(i.env().make_float(x)?)
}

// ---- System, Thread ----

/// `(System/currentTimeMillis)`: milliseconds since the Unix epoch.
fn current_time_ms<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    no_args(i, "System/currentTimeMillis", args)?;
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    Ok(i.env().make_int(ms)?)
}

/// The origin of `nanoTime` in this process.
static ORIGIN: LazyLock<Instant> = LazyLock::new(Instant::now);

/// `(System/nanoTime)`: a monotonic clock in nanoseconds (from an
/// arbitrary origin, as in Java).
fn nano_time<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    no_args(i, "System/nanoTime", args)?;
    let ns = ORIGIN.elapsed().as_nanos() as i64;
    // Offset so values look like Java's (large, positive) and differences
    // are what matter.
    Ok(i.env().make_int(ns.wrapping_add(1_000_000_000_000))?)
}

/// `(System/getenv name)`: the variable's value or nil; `(System/getenv)`:
/// a map of all of them.
fn getenv<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let env = i.env();
    match &args[..] {
        [] => {
            let mut m = env.empty_map()?;
            for (k, v) in std::env::vars_os() {
                let (k, v) = (k.to_string_lossy(), v.to_string_lossy());
                let (k, v) = (env.make_string(&k)?, env.make_string(&v)?);
                m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
            }
            Ok(m)
        }
        [name] => {
            let name = string_arg(name)?;
            match std::env::var_os(name) {
                Some(v) => Ok(env.make_string(&v.to_string_lossy())?),
                None => Ok(Value::nil(env)),
            }
        }
        _ => Err(arity("System/getenv", args.len())),
    }
}

fn string_arg<'a>(v: &'a Value<'_>) -> EvalResult<&'a str> {
    v.borrowed()
        .as_str()
        .map_err(|_| class_cast("a string", v.borrowed()))
}

/// `(System/exit code)`: ends the process with `code` (see the module
/// docs).
fn exit<'e>(_: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let code = match &args[..] {
        [] => 0,
        [code] => long_of(code)?,
        _ => return Err(arity("System/exit", args.len())),
    };
    // Unwinds to the host, which closes the env file and exits.
    Err(EvalError::new(EvalErrorKind::Exit(code as i32)))
}

/// `(System/getProperty key)` / `(System/getProperty key default)`.
fn get_property<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let env = i.env();
    let (key, default) = match &args[..] {
        [k] => (k, None),
        [k, d] => (k, Some(d)),
        _ => return Err(arity("System/getProperty", args.len())),
    };
    let home = || std::env::var("HOME").ok();
    let value: Option<String> = match string_arg(key)? {
        "user.dir" => std::env::current_dir()
            .ok()
            .map(|d| d.to_string_lossy().into_owned()),
        "user.home" => home(),
        "user.name" => std::env::var("USER").ok(),
        "os.name" => Some(os_name().to_string()),
        "os.arch" => Some(std::env::consts::ARCH.to_string()),
        "line.separator" => Some("\n".into()),
        "file.separator" => Some("/".into()),
        "path.separator" => Some(":".into()),
        "java.io.tmpdir" => Some(std::env::temp_dir().to_string_lossy().into_owned()),
        _ => None,
    };
    match (value, default) {
        (Some(v), _) => Ok(env.make_string(&v)?),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Ok(Value::nil(env)),
    }
}

/// The operating system's name as Java gives it.
fn os_name() -> &'static str {
    match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "Mac OS X",
        "windows" => "Windows",
        "freebsd" => "FreeBSD",
        other => other,
    }
}

/// `(Thread/sleep ms)`: pauses this thread, in slices of at most 50 ms
/// with an interrupt check after each, so an interruptible interpreter
/// (Ctrl-C, an nREPL `interrupt`) stops sleeping as Java's
/// `InterruptedException` stops it.
fn sleep<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let ms = to_f64(i, one("Thread/sleep", &args)?)?;
    if ms < 0.0 || ms.is_nan() {
        return Err(illegal("timeout value is negative".into()));
    }
    const SLICE: Duration = Duration::from_millis(50);
    // Longer than a `Duration` or an `Instant` holds: practically forever.
    let end = Duration::try_from_secs_f64(ms / 1000.0)
        .ok()
        .and_then(|d| std::time::Instant::now().checked_add(d));
    loop {
        let now = std::time::Instant::now();
        let left = match end {
            Some(end) if now >= end => break,
            Some(end) => end - now,
            None => SLICE,
        };
        std::thread::sleep(left.min(SLICE));
        i.check_interrupt()?;
    }
    Ok(Value::nil(i.env()))
}

// ---- Integer, Long, Double ----

fn number_format(s: &str, radix: u32) -> EvalError {
    if radix == 10 {
        not_a_number(format!("For input string: \"{s}\""))
    } else {
        not_a_number(format!("For input string: \"{s}\" under radix {radix}"))
    }
}

fn not_a_number(message: String) -> EvalError {
    EvalError::new(EvalErrorKind::NumberFormat(message))
}

/// The string argument of a `parse*` function (nil is Java's error).
fn parse_arg<'a>(v: &'a Value<'_>) -> EvalResult<&'a str> {
    if v.borrowed().is_nil() {
        return Err(not_a_number("Cannot parse null string: null".into()));
    }
    string_arg(v)
}

/// `(Integer/parseInt s)`, `(Integer/parseInt s radix)`, and the `Long`
/// ones (`bits` is 32 or 64): Java's syntax (an optional sign, then
/// digits), range-checked.
fn parse_int<'e>(i: &Interp<'e>, name: &str, args: Args<'e>, bits: u32) -> EvalResult<Value<'e>> {
    let (s, radix) = match &args[..] {
        [s] => (parse_arg(s)?, 10),
        [s, r] => (parse_arg(s)?, long_of(r)?),
        _ => return Err(arity(name, args.len())),
    };
    if !(2..=36).contains(&radix) {
        return Err(illegal(format!("radix {radix} out of range [2, 36]")));
    }
    let radix = radix as u32;
    let n = i64::from_str_radix(s, radix).map_err(|_| number_format(s, radix))?;
    if bits == 32 && i32::try_from(n).is_err() {
        return Err(number_format(s, radix));
    }
    Ok(i.env().make_int(n)?)
}

/// `(Double/parseDouble s)`: Java's syntax (surrounding whitespace,
/// `NaN`, `Infinity`, an `f`/`d` suffix allowed).
fn parse_double<'e>(i: &Interp<'e>, name: &str, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = parse_arg(one(name, &args)?)?;
    let t = s.trim_matches(|c: char| c <= ' ');
    if t.is_empty() {
        return Err(not_a_number(if s.is_empty() {
            "empty String".into()
        } else {
            format!("For input string: \"{s}\"")
        }));
    }
    let (sign, body) = match t.as_bytes()[0] {
        b'-' => (-1.0, &t[1..]),
        b'+' => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let f = match body {
        "NaN" => f64::NAN,
        "Infinity" => sign * f64::INFINITY,
        _ => {
            let digits = body.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(body);
            let ok = !digits.is_empty()
                && !digits.starts_with(['+', '-'])
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
            match digits.parse::<f64>() {
                Ok(f) if ok => sign * f,
                _ => return Err(number_format(s, 10)),
            }
        }
    };
    Ok(i.env().make_float(f)?)
}

/// `(Integer/toString n)`, `(Long/toString n radix)`.
fn to_radix<'e>(i: &Interp<'e>, name: &str, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (n, radix) = match &args[..] {
        [n] => (long_of(n)?, 10),
        [n, r] => (long_of(n)?, long_of(r)?),
        _ => return Err(arity(name, args.len())),
    };
    // Java falls back to radix 10 outside [2, 36].
    let radix = if (2..=36).contains(&radix) { radix } else { 10 } as u32;
    let mut digits = Vec::new();
    let mut m = n.unsigned_abs();
    loop {
        let d = (m % u64::from(radix)) as u32;
        digits.push(char::from_digit(d, radix).unwrap_or('?'));
        m /= u64::from(radix);
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        digits.push('-');
    }
    let text: String = digits.into_iter().rev().collect();
    Ok(i.env().make_string(&text)?)
}

/// `(Integer/toHexString n)` and friends: the two's-complement bits of `n`
/// (`bits` wide) in base `radix`, unsigned.
fn to_unsigned<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    radix: u32,
    bits: u32,
) -> EvalResult<Value<'e>> {
    let n = long_of(one(name, &args)?)?;
    let u = if bits == 32 {
        u64::from(n as u32)
    } else {
        n as u64
    };
    let text = match radix {
        2 => format!("{u:b}"),
        8 => format!("{u:o}"),
        _ => format!("{u:x}"),
    };
    Ok(i.env().make_string(&text)?)
}

// ---- Character, String ----

/// Java's `Character.isWhitespace`: Unicode space separators except the
/// non-breaking ones, and the ASCII controls `\t \n \u000B \f \r` and
/// `\u001C`–`\u001F`.
fn java_whitespace(c: char) -> bool {
    (c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{85}'))
        || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn char_of(v: &Value<'_>) -> EvalResult<char> {
    match v.borrowed().view()? {
        View::Char(c) => Ok(c),
        View::Int(n) => u32::try_from(n)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| illegal(format!("Not a valid Unicode code point: {n}"))),
        _ => Err(class_cast("a character", v.borrowed())),
    }
}

fn char_test<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    test: fn(char) -> bool,
) -> EvalResult<Value<'e>> {
    let c = char_of(one(name, &args)?)?;
    Ok(i.env().make_bool(test(c)))
}

fn char_map<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    f: fn(char) -> Option<char>,
) -> EvalResult<Value<'e>> {
    let c = char_of(one(name, &args)?)?;
    Ok(i.env().make_char(f(c).unwrap_or(c)))
}

/// `(String/valueOf x)`: `"null"` for nil, else `(str x)`.
fn string_value_of<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("String/valueOf", &args)?;
    if x.borrowed().is_nil() {
        return Ok(i.env().make_string("null")?);
    }
    crate::natives::strings::printing::str_(i, args![x.clone()])
}
