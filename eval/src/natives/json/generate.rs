//! The JSON writer: heap values to JSON text in one walk, as cheshire
//! (Jackson) or clojure.data.json writes them — which values each takes,
//! how keys become names, how strings are escaped, how numbers, dates and
//! UUIDs are spelled, Jackson's pretty printer — see [`WriteOptions`].

use super::errors::Dialect;
use crate::Interp;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::args;
use crate::natives::seqs::lazy::each_element;
use evelisp_heap::{InstClass, Ref, View};

/// How one write spells values.
pub(crate) struct WriteOptions<'a> {
    /// Whose rules: cheshire's (keywords keep their namespace, characters
    /// are strings, NaN is `"NaN"`) or clojure.data.json's.
    pub dialect: Dialect,
    /// Jackson's default pretty printer (cheshire's `{:pretty true}`).
    pub pretty: bool,
    /// Characters past ASCII as `\uXXXX` (data.json `:escape-unicode`,
    /// cheshire `:escape-non-ascii`).
    pub escape_unicode: bool,
    /// `/` as `\/` (data.json `:escape-slash`).
    pub escape_slash: bool,
    /// U+2028 and U+2029 escaped (data.json `:escape-js-separators`).
    pub escape_js_separators: bool,
    /// A function making each map key a name (a string, else its `str`).
    pub key_fn: Option<Ref<'a>>,
    /// data.json's `:value-fn`: of key and value, giving the value to
    /// write; returning the function itself leaves the entry out.
    pub value_fn: Option<Ref<'a>>,
}

/// One write: the options and the text so far.
pub(crate) struct Writer<'a, 'e> {
    interp: &'a Interp<'e>,
    options: &'a WriteOptions<'a>,
    /// The JSON text written so far.
    pub out: String,
    /// Open objects (Jackson's pretty printer indents by them).
    depth: usize,
}

/// Whether `x` is evelisp's `(Object.)`: a record of type
/// `java.lang.Object`.
fn is_plain_object(x: Ref<'_>) -> EvalResult<bool> {
    Ok(match x.record_type()? {
        Some(ty) => {
            ty.symbol_parts()? == (Some("java.lang"), "Object")
                || ty.symbol_parts()? == (None, "java.lang.Object")
        }
        None => false,
    })
}

/// An error writing: the class and message of the library's exception.
fn write_error(dialect: Dialect, message: String) -> EvalError {
    let class = match dialect {
        Dialect::Cheshire => "JsonGenerationException",
        Dialect::DataJson => "Exception",
    };
    EvalError::new(EvalErrorKind::Rethrown { class, message })
}

impl<'a, 'e> Writer<'a, 'e> {
    /// A writer with `options`.
    pub(crate) fn new(interp: &'a Interp<'e>, options: &'a WriteOptions<'a>) -> Self {
        Writer {
            interp,
            options,
            out: String::new(),
            depth: 0,
        }
    }

    fn dj(&self) -> bool {
        self.options.dialect == Dialect::DataJson
    }

    fn refuse(&self, x: Ref<'_>) -> EvalResult<()> {
        let class = crate::natives::host::classes::class_name(x)?.unwrap_or_else(|| "nil".into());
        let message = match self.options.dialect {
            Dialect::Cheshire => format!(
                "Cannot JSON encode object of class: class {class}: {}",
                self.interp.print_str(x)?
            ),
            Dialect::DataJson => format!("Don't know how to write JSON of class {class}"),
        };
        Err(write_error(self.options.dialect, message))
    }

    /// Writes `x`.
    pub(crate) fn value(&mut self, x: Ref<'_>) -> EvalResult<()> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.value_here(x))
    }

    fn value_here(&mut self, x: Ref<'_>) -> EvalResult<()> {
        match x.view()? {
            View::Nil => self.out.push_str("null"),
            View::Bool(b) => self.out.push_str(if b { "true" } else { "false" }),
            View::Int(n) => self.out.push_str(itoa::Buffer::new().format(n)),
            View::Float(f) => self.double(f)?,
            // Java's Float.toString (0.1, not 0.10000000149011612).
            View::Float32(f) if f.is_finite() => {
                let text = self.str_text(x)?;
                self.out.push_str(&text);
            }
            View::Float32(f) => self.double(f64::from(f))?,
            View::BigInt { .. } | View::BigDecimal { .. } => {
                let text = self.str_text(x)?;
                self.out.push_str(&text);
            }
            View::Ratio { .. } => {
                let v = self.interp.env().own(x)?;
                let f = crate::natives::host::statics::to_f64(self.interp, &v)?;
                self.double(f)?;
            }
            View::Str(s) => self.string(s),
            View::Char(c) if !self.dj() => self.string(c.encode_utf8(&mut [0; 4])),
            View::Keyword { ns, name } | View::Symbol { ns, name } => match (ns, self.dj()) {
                (Some(ns), false) => self.string(&format!("{ns}/{name}")),
                _ => self.string(name),
            },
            View::Uuid { .. } => {
                let text = self.str_text(x)?;
                self.string(&text);
            }
            View::Inst {
                seconds,
                nanos,
                class,
            } => {
                let text = match (self.options.dialect, class) {
                    (Dialect::Cheshire, _) => crate::uuid_time::format_instant(seconds, 0),
                    (Dialect::DataJson, InstClass::Date | InstClass::Instant) => {
                        crate::uuid_time::format_instant(seconds, nanos)
                    }
                };
                self.string(&text);
            }
            // evelisp's `(Object.)` is a record of type java.lang.Object.
            View::Map { .. } if is_plain_object(x)? => self.refuse(x)?,
            View::Map { .. } => self.map(x)?,
            View::Vector { .. } | View::List { .. } | View::Set { .. } | View::Seq { .. } => {
                self.array(x)?;
            }
            _ => self.refuse(x)?,
        }
        Ok(())
    }

    /// `(str x)`.
    fn str_text(&self, x: Ref<'_>) -> EvalResult<String> {
        let s =
            crate::natives::strings::printing::str_(self.interp, args![self.interp.env().own(x)?])?;
        Ok(s.borrowed().as_str()?.to_string())
    }

    fn double(&mut self, f: f64) -> EvalResult<()> {
        if f.is_finite() {
            self.out.push_str(&evelisp_reader::format_double(f));
            return Ok(());
        }
        match self.options.dialect {
            // Jackson quotes the non-numeric numbers.
            Dialect::Cheshire => {
                let text = if f.is_nan() {
                    "\"NaN\""
                } else if f > 0.0 {
                    "\"Infinity\""
                } else {
                    "\"-Infinity\""
                };
                self.out.push_str(text);
                Ok(())
            }
            Dialect::DataJson => Err(write_error(
                Dialect::DataJson,
                if f.is_nan() {
                    "JSON error: cannot write Double NaN".into()
                } else {
                    "JSON error: cannot write infinite Double".into()
                },
            )),
        }
    }

    fn newline_indent(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn array(&mut self, x: Ref<'_>) -> EvalResult<()> {
        self.out.push('[');
        let mut first = true;
        let coll = self.interp.env().own(x)?;
        each_element(self.interp, coll, &mut |v| {
            if !first {
                self.out.push(',');
            }
            if self.options.pretty {
                self.out.push(' ');
            }
            first = false;
            self.value(v.borrowed())?;
            Ok(true)
        })?;
        if self.options.pretty {
            self.out.push(' ');
        }
        self.out.push(']');
        Ok(())
    }

    fn map(&mut self, x: Ref<'_>) -> EvalResult<()> {
        self.out.push('{');
        self.depth += 1;
        let mut first = true;
        for entry in x.entries()? {
            let (k, v) = entry?;
            let mut owned = None;
            if let Some(f) = self.options.value_fn {
                let w = self.interp.apply(
                    f,
                    args![self.interp.env().own(k)?, self.interp.env().own(v)?],
                )?;
                if w.word() == f.word() {
                    continue;
                }
                owned = Some(w);
            }
            if !first {
                self.out.push(',');
            }
            first = false;
            if self.options.pretty {
                self.newline_indent();
            }
            self.key(k)?;
            self.out
                .push_str(if self.options.pretty { " : " } else { ":" });
            match &owned {
                Some(w) => self.value(w.borrowed())?,
                None => self.value(v)?,
            }
        }
        self.depth -= 1;
        if self.options.pretty {
            if first {
                self.out.push(' ');
            } else {
                self.newline_indent();
            }
        }
        self.out.push('}');
        Ok(())
    }

    /// Writes the name of map key `k` alone (for the pretty printer).
    pub(crate) fn key_only(&mut self, k: Ref<'_>) -> EvalResult<()> {
        self.key(k)
    }

    /// The text written so far, taken (the writer starts again empty).
    pub(crate) fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// A map key as a name: the key function's result, else a string as
    /// it is, a keyword or symbol its name (cheshire: with its
    /// namespace), anything else its `str` (cheshire: nil is "").
    fn key(&mut self, k: Ref<'_>) -> EvalResult<()> {
        if let Some(f) = self.options.key_fn {
            let name = self.interp.apply(f, args![self.interp.env().own(k)?])?;
            return self.key_text(name.borrowed());
        }
        self.key_text(k)
    }

    fn key_text(&mut self, k: Ref<'_>) -> EvalResult<()> {
        match k.view()? {
            View::Str(s) => self.string(s),
            View::Keyword { ns, name } | View::Symbol { ns, name } => match (ns, self.dj()) {
                (Some(ns), false) => self.string(&format!("{ns}/{name}")),
                _ => self.string(name),
            },
            View::Nil => match self.options.dialect {
                Dialect::Cheshire => self.string(""),
                Dialect::DataJson => {
                    return Err(write_error(
                        Dialect::DataJson,
                        "JSON object properties may not be nil".into(),
                    ));
                }
            },
            _ => {
                let text = self.str_text(k)?;
                self.string(&text);
            }
        }
        Ok(())
    }

    /// A JSON string literal of `s`, escaped as the options say.
    fn string(&mut self, s: &str) {
        let o = self.options;
        let upper = o.dialect == Dialect::Cheshire;
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let mut run = 0;
        for (i, c) in s.char_indices() {
            let plain = match c {
                '"' | '\\' => false,
                '/' => !o.escape_slash,
                '\u{0}'..='\u{1f}' => false,
                '\u{2028}' | '\u{2029}' => !(o.escape_js_separators || o.escape_unicode),
                _ => (c as u32) < 0x80 || !o.escape_unicode,
            };
            if plain {
                continue;
            }
            self.out.push_str(&s[run..i]);
            run = i + c.len_utf8();
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '/' => self.out.push_str("\\/"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                _ => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        if upper {
                            self.out.push_str(&format!("\\u{unit:04X}"));
                        } else {
                            self.out.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                }
            }
        }
        self.out.push_str(&s[run..]);
        self.out.push('"');
    }
}
