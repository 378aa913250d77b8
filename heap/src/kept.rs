//! Values this process keeps outside every root, by number: what a
//! process-local host object (the evaluator's `java.util` collections)
//! holds. The [`Env`] owns one count of each kept value, so the value
//! stays alive while kept and is given back when it is replaced or
//! released, or when the `Env` closes. Nothing of it is in the file's
//! roots: a process killed while keeping values leaks them to the sweep,
//! like every handle it held.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};

fn no_such(id: u64) -> HeapError {
    HeapError::BadOffset {
        offset: id,
        detail: "no value is kept under this number",
    }
}

impl Env {
    /// Keeps `v` (the env takes over its count) and gives its number.
    pub fn keep(&self, v: Value<'_>) -> Result<u64> {
        self.same_env_value(&v)?;
        let w = v.into_owned_word();
        let mut k = self.kept_slots();
        let id = match k.free.pop() {
            Some(i) => {
                k.words[i] = Some(w);
                i
            }
            None => {
                k.words.push(Some(w));
                k.words.len() - 1
            }
        };
        Ok(id as u64)
    }

    /// The value kept under `id` (a new count of it).
    pub fn kept(&self, id: u64) -> Result<Value<'_>> {
        let k = self.kept_slots();
        let w = k
            .words
            .get(id as usize)
            .copied()
            .flatten()
            .ok_or_else(|| no_such(id))?;
        // The env's count keeps it alive while the lock is held.
        self.own(Ref::new(self, w))
    }

    /// Keeps `v` under `id` instead of what was there (released).
    pub fn replace_kept(&self, id: u64, v: Value<'_>) -> Result<()> {
        self.same_env_value(&v)?;
        let old = {
            let mut k = self.kept_slots();
            let slot = k
                .words
                .get_mut(id as usize)
                .filter(|s| s.is_some())
                .ok_or_else(|| no_such(id))?;
            slot.replace(v.into_owned_word())
        };
        if let Some(old) = old {
            drop(Value::from_owned(self, old));
        }
        Ok(())
    }

    /// Stops keeping the value under `id` (its count is given back).
    pub fn release_kept(&self, id: u64) -> Result<()> {
        let old = {
            let mut k = self.kept_slots();
            let old = k.words.get_mut(id as usize).and_then(Option::take);
            if old.is_some() {
                k.free.push(id as usize);
            }
            old
        };
        if let Some(old) = old {
            drop(Value::from_owned(self, old));
        }
        Ok(())
    }

    fn same_env_value(&self, v: &Value<'_>) -> Result<()> {
        if std::ptr::eq(v.env(), self) {
            Ok(())
        } else {
            Err(HeapError::ForeignValue {
                path: self.path().to_path_buf(),
            })
        }
    }
}
