//! The REPL's result vars `*1 *2 *3 *e`: dynamic vars of `clojure.core`
//! that a REPL session binds on its own thread (so each terminal has its
//! own, as in Clojure), shifted after every evaluation.

use crate::error::{EvalError, EvalResult};
use crate::interp::Interp;
use evelisp_heap::{Ref, Value};

/// The names of the REPL's result vars, newest result first, then the
/// last error.
const REPL_VARS: [&str; 4] = ["*1", "*2", "*3", "*e"];

impl<'e> Interp<'e> {
    /// The var `clojure.core/name`, interned dynamic if missing.
    fn repl_var(&self, name: &str) -> EvalResult<Value<'e>> {
        let env = self.env;
        let sym = env.intern_symbol(None, name)?;
        let var = env.intern_var(&self.p, self.core.borrowed(), sym.borrowed())?;
        env.var_set_flags(var.borrowed(), evelisp_heap::VAR_DYNAMIC)?;
        Ok(var)
    }

    /// Runs `body` (a REPL session) with `*1 *2 *3 *e` bound to nil on
    /// this thread.
    pub fn with_repl_vars<T>(&self, body: impl FnOnce() -> T) -> EvalResult<T> {
        let vars = REPL_VARS
            .iter()
            .map(|n| self.repl_var(n))
            .collect::<EvalResult<Vec<_>>>()?;
        let pairs: Vec<(Ref<'_>, Value<'e>)> = vars
            .iter()
            .map(|v| (v.borrowed(), Value::nil(self.env)))
            .collect();
        self.with_bindings(pairs, || Ok(body()))
    }

    /// Records a REPL result: `*3` takes `*2`, `*2` takes `*1`, `*1` is `v`
    /// (inside [`Interp::with_repl_vars`]).
    pub fn repl_result(&self, v: Ref<'_>) -> EvalResult<()> {
        let [one, two, three, _] = REPL_VARS.map(|n| self.repl_var(n));
        let (one, two, three) = (one?, two?, three?);
        let get = |var: &Value<'e>| self.thread_binding(var.borrowed());
        let nil = || Value::nil(self.env);
        self.set_binding(three.borrowed(), get(&two).unwrap_or_else(nil))?;
        self.set_binding(two.borrowed(), get(&one).unwrap_or_else(nil))?;
        self.set_binding(one.borrowed(), self.env.own(v)?)?;
        Ok(())
    }

    /// Records a REPL error as `*e` (the value a `catch` would bind).
    pub fn repl_error(&self, e: EvalError) -> EvalResult<()> {
        let var = self.repl_var("*e")?;
        let value = self.error_value(e)?;
        self.set_binding(var.borrowed(), value)?;
        Ok(())
    }
}
