//! The special forms: the fixed set of list heads the evaluator handles
//! itself instead of calling. [`SpecialForm`] names them; the expander
//! and the analyzer each `match` it exhaustively, so a new form cannot be
//! forgotten by one of them. [`SpecialSymbols`] holds the interned words
//! of their names (the same word in every process, so code compares heads
//! by word) and of the markers inside forms (`catch`, `finally`, `&`, the
//! `:evelisp/native` code marker).
//!
//! Special-form names are never qualified and never resolved: a local of
//! the same name shadows one (`(let [if 1] ...)` is not checked here; the
//! callers look for locals first).

use crate::error::EvalResult;
use evelisp_heap::{Env, Word};

/// A special form (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpecialForm {
    /// `(quote x)`.
    Quote,
    /// `(if test then else?)`.
    If,
    /// `(do body...)`.
    Do,
    /// `(let* [name init ...] body...)`.
    Let,
    /// `(loop* [name init ...] body...)`.
    Loop,
    /// `(recur args...)`.
    Recur,
    /// `(fn* name? ([params] body...)+)` (or one arity without the list).
    Fn,
    /// `(letfn* [name (fn* ...) ...] body...)`.
    Letfn,
    /// `(def name doc? init?)`.
    Def,
    /// `(var name)`.
    Var,
    /// `(throw x)`.
    Throw,
    /// `(try body... (catch class name body...)* (finally body...)?)`.
    Try,
    /// `(binding [var value ...] body...)`.
    Binding,
    /// `(set! var value)`.
    SetBang,
    /// `(ns name clauses...)`: expanded to `in-ns` and `require` calls.
    Ns,
    /// `(defmacro name ...)`: expanded to a `def` marked as a macro.
    Defmacro,
}

impl SpecialForm {
    /// Every special form.
    pub(crate) const ALL: [SpecialForm; 16] = [
        SpecialForm::Quote,
        SpecialForm::If,
        SpecialForm::Do,
        SpecialForm::Let,
        SpecialForm::Loop,
        SpecialForm::Recur,
        SpecialForm::Fn,
        SpecialForm::Letfn,
        SpecialForm::Def,
        SpecialForm::Var,
        SpecialForm::Throw,
        SpecialForm::Try,
        SpecialForm::Binding,
        SpecialForm::SetBang,
        SpecialForm::Ns,
        SpecialForm::Defmacro,
    ];

    /// The symbol that names the form.
    pub(crate) fn name(self) -> &'static str {
        match self {
            SpecialForm::Quote => "quote",
            SpecialForm::If => "if",
            SpecialForm::Do => "do",
            SpecialForm::Let => "let*",
            SpecialForm::Loop => "loop*",
            SpecialForm::Recur => "recur",
            SpecialForm::Fn => "fn*",
            SpecialForm::Letfn => "letfn*",
            SpecialForm::Def => "def",
            SpecialForm::Var => "var",
            SpecialForm::Throw => "throw",
            SpecialForm::Try => "try",
            SpecialForm::Binding => "binding",
            SpecialForm::SetBang => "set!",
            SpecialForm::Ns => "ns",
            SpecialForm::Defmacro => "defmacro",
        }
    }
}

/// The interned words of the special forms' names and of the markers
/// code uses (interned, so the same in every process).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SpecialSymbols {
    /// The word of each form's name, in [`SpecialForm::ALL`]'s order.
    forms: [Word; 16],
    /// `catch`, a clause of `try`.
    pub catch: Word,
    /// `finally`, a clause of `try`.
    pub finally: Word,
    /// `&`, before the rest parameter.
    pub amp: Word,
    /// `:evelisp/native`, the aux of a native's code object.
    pub native: Word,
}

impl SpecialSymbols {
    /// Interns the names in `env`.
    pub(crate) fn intern(env: &Env) -> EvalResult<SpecialSymbols> {
        let sym = |name: &str| -> EvalResult<Word> { Ok(env.intern_symbol(None, name)?.word()) };
        let mut forms = [Word::NIL; 16];
        for (word, form) in forms.iter_mut().zip(SpecialForm::ALL) {
            *word = sym(form.name())?;
        }
        Ok(SpecialSymbols {
            forms,
            catch: sym("catch")?,
            finally: sym("finally")?,
            amp: sym("&")?,
            native: env.intern_keyword(Some("evelisp"), "native")?.word(),
        })
    }

    /// The special form a head symbol's word names, if any.
    #[inline]
    pub(crate) fn form_of(&self, head: Word) -> Option<SpecialForm> {
        self.forms
            .iter()
            .position(|&w| w == head)
            .map(|i| SpecialForm::ALL[i])
    }

    /// The word of `form`'s name.
    #[inline]
    pub(crate) fn word(&self, form: SpecialForm) -> Word {
        self.forms[form as usize]
    }
}
