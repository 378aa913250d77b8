//! Error values and `try`/`catch` matching.
//!
//! `ex-info` makes an error value: a map with the keys
//! `:evelisp.ex/class` ("ExceptionInfo"), `:evelisp.ex/message`,
//! `:evelisp.ex/data` and `:evelisp.ex/cause`. `throw` of any value makes an
//! `EvalError` of kind `Thrown` and parks the value with the thread's
//! interpreter until a `catch` takes it. An error raised by the evaluator
//! itself (an `ArithmeticException`, an arity error, ...) reaches a `catch`
//! as an error value of its class, so `ex-message` works on every error.
//!
//! A catch clause matches by class: `Throwable`, `Exception`, `Object` and
//! `:default` catch everything; `ExceptionInfo` catches `ex-info` values;
//! another symbol (`ArithmeticException`, `java.lang.ArithmeticException`)
//! catches errors of that class; a keyword catches `ex-info` values whose
//! data has that `:type`, or errors whose class has that name.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use evelisp_heap::{Kind, Ref, Value, Word};

const KEY_NS: &str = "evelisp.ex";

impl<'e> Interp<'e> {
    fn ex_key(&self, name: &str) -> EvalResult<Value<'e>> {
        Ok(self.env.intern_keyword(Some(KEY_NS), name)?)
    }

    /// `(ex-info message data cause?)`.
    pub(crate) fn make_ex_info(
        &self,
        class: &str,
        message: Ref<'_>,
        data: Ref<'_>,
        cause: Ref<'_>,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        let mut m = env.empty_map()?;
        let class = env.make_string(class)?;
        for (k, v) in [
            ("class", class.borrowed()),
            ("message", message),
            ("data", data),
            ("cause", cause),
        ] {
            m = env.assoc(m.borrowed(), self.ex_key(k)?.borrowed(), v)?;
        }
        Ok(m)
    }

    /// Field `name` of an error value, or `None` if `v` is not one.
    pub(crate) fn ex_field(&self, v: Ref<'_>, name: &str) -> EvalResult<Option<Value<'e>>> {
        if !matches!(v.kind()?, Some(Kind::Map | Kind::ArrayMap)) {
            return Ok(None);
        }
        let class = self.ex_key("class")?;
        if v.get(class.borrowed())?.is_none() {
            return Ok(None);
        }
        match v.get(self.ex_key(name)?.borrowed())? {
            Some(x) => Ok(Some(self.env.own(x)?)),
            None => Ok(Some(Value::nil(self.env))),
        }
    }

    /// The error `throw` raises for value `v`.
    pub(crate) fn throw_value(&self, v: Value<'e>) -> EvalError {
        let message = match self.ex_field(v.borrowed(), "message") {
            Ok(Some(m)) => crate::print::print_str(m.borrowed()),
            _ => crate::print::pr_str(v.borrowed()),
        }
        .unwrap_or_else(|_| "thrown value".into());
        // An error value of another class (a caught evaluator error) is
        // thrown again with its class.
        let class = match self.ex_field(v.borrowed(), "class") {
            Ok(Some(c)) => c
                .borrowed()
                .as_str()
                .ok()
                .and_then(crate::error::known_class)
                .filter(|c| *c != "ExceptionInfo"),
            _ => None,
        };
        *self.thread.thrown.borrow_mut() = Some(v);
        match class {
            Some(class) => EvalError::new(EvalErrorKind::Rethrown { class, message }),
            None => EvalError::new(EvalErrorKind::Thrown(message)),
        }
    }

    /// The value a `catch` binds for error `e`.
    pub(crate) fn error_value(&self, e: EvalError) -> EvalResult<Value<'e>> {
        if let EvalErrorKind::Thrown(_) | EvalErrorKind::Rethrown { .. } = e.kind
            && let Some(v) = self.thread.thrown.borrow_mut().take()
        {
            return Ok(v);
        }
        let message = self.env.make_string(&e.kind.to_string())?;
        let nil = Value::nil(self.env);
        self.make_ex_info(
            e.kind.class_name(),
            message.borrowed(),
            nil.borrowed(),
            nil.borrowed(),
        )
    }

    /// The index of the first catch clause (by the class each names)
    /// that matches `e`.
    pub(crate) fn matching_catch<'c>(
        &self,
        e: &EvalError,
        classes: impl Iterator<Item = Ref<'c>>,
    ) -> EvalResult<Option<usize>> {
        // An exit request or an interrupt is not an exception: it unwinds
        // to the host.
        if matches!(e.kind, EvalErrorKind::Exit(_) | EvalErrorKind::Interrupted) {
            return Ok(None);
        }
        let thrown = match e.kind {
            EvalErrorKind::Thrown(_) | EvalErrorKind::Rethrown { .. } => {
                self.thread.thrown.borrow().clone()
            }
            _ => None,
        };
        let is_ex_info = match &thrown {
            Some(v) => self.ex_field(v.borrowed(), "class")?.is_some(),
            None => false,
        };
        let class = match &e.kind {
            EvalErrorKind::Rethrown { class, .. } => class,
            _ if is_ex_info => "ExceptionInfo",
            kind => kind.class_name(),
        };
        for (n, pattern) in classes.enumerate() {
            let matched = match pattern.kind()? {
                Some(Kind::Keyword) => {
                    let (_, name) = pattern.symbol_parts()?;
                    name == "default"
                        || name == class
                        || self
                            .ex_type(thrown.as_ref())?
                            .is_some_and(|t| t == pattern.word())
                }
                Some(Kind::Symbol) => {
                    let (_, name) = pattern.symbol_parts()?;
                    let name = name.rsplit('.').next().unwrap_or(name);
                    crate::error::is_caught_by(class, name)
                }
                _ => false,
            };
            if matched {
                return Ok(Some(n));
            }
        }
        Ok(None)
    }

    /// `(:type (ex-data thrown))`, if the thrown value is an `ex-info`.
    fn ex_type(&self, thrown: Option<&Value<'e>>) -> EvalResult<Option<Word>> {
        let Some(v) = thrown else { return Ok(None) };
        let Some(data) = self.ex_field(v.borrowed(), "data")? else {
            return Ok(None);
        };
        if !matches!(data.borrowed().kind()?, Some(Kind::Map | Kind::ArrayMap)) {
            return Ok(None);
        }
        let ty = self.env.intern_keyword(None, "type")?;
        Ok(data.borrowed().get(ty.borrowed())?.map(|t| t.word()))
    }
}
