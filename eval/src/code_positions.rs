//! Source positions stored with code: a code object's opaque bytes hold the
//! `file:line:column` of the lists in its body, so a process that analyzes
//! code another process defined still names the line of a failing call.
//!
//! Layout (little-endian): `u32` length + the file name (UTF-8, empty for
//! none), then `(index, line, column)` triples of `u32`, where `index`
//! counts the body's lists in pre-order (a list, then its elements; vector,
//! map and set elements in their stored order). The order is that of the
//! stored body itself, the same in every process.

use crate::error::{EvalResult, Position};
use crate::interp::Interp;
use evelisp_heap::{Kind, Ref, Word};

/// The lists of `body` in pre-order.
fn lists_in_order(body: Ref<'_>, out: &mut Vec<Word>) -> EvalResult<()> {
    let mut stack = vec![body];
    while let Some(x) = stack.pop() {
        let children: Vec<Ref<'_>> = match x.kind()? {
            Some(Kind::Cons) => {
                out.push(x.word());
                x.elements()?.collect::<Result<_, _>>()?
            }
            Some(Kind::Vector | Kind::Set) => x.elements()?.collect::<Result<_, _>>()?,
            Some(Kind::Map | Kind::ArrayMap) => {
                let mut kv = Vec::new();
                for e in x.entries()? {
                    let (k, v) = e?;
                    kv.push(k);
                    kv.push(v);
                }
                kv
            }
            _ => Vec::new(),
        };
        stack.extend(children.into_iter().rev());
    }
    Ok(())
}

impl Interp<'_> {
    /// The position table of `body` (see the module docs), from the
    /// positions this interpreter knows for its lists.
    pub(crate) fn encode_positions(&self, body: Ref<'_>) -> EvalResult<Vec<u8>> {
        let mut lists = Vec::new();
        lists_in_order(body, &mut lists)?;
        let mut file: Option<String> = None;
        let mut entries = Vec::new();
        for (index, w) in lists.iter().enumerate() {
            if let Some(p) = self.position_of(*w) {
                file = file.or(p.file);
                entries.push((index as u32, p.line, p.column));
            }
        }
        let file = file.unwrap_or_default();
        let mut out = Vec::with_capacity(4 + file.len() + 12 * entries.len());
        out.extend_from_slice(&(file.len() as u32).to_le_bytes());
        out.extend_from_slice(file.as_bytes());
        for (i, l, c) in entries {
            for v in [i, l, c] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        Ok(out)
    }

    /// Makes the positions stored in `bytes` known for the lists of
    /// `body` while `f` runs (an analysis of stored code).
    pub(crate) fn with_code_positions<T>(
        &self,
        body: Ref<'_>,
        bytes: &[u8],
        f: impl FnOnce() -> EvalResult<T>,
    ) -> EvalResult<T> {
        let decoded = decode(bytes);
        if decoded.is_none() {
            return f();
        }
        let mut lists = Vec::new();
        lists_in_order(body, &mut lists)?;
        let saved = std::mem::take(&mut *self.source.code_positions.borrow_mut());
        if let Some((file, entries)) = decoded {
            let mut table = self.source.code_positions.borrow_mut();
            for (index, line, column) in entries {
                if let Some(w) = lists.get(index as usize) {
                    table.insert(
                        *w,
                        Position {
                            file: (!file.is_empty()).then(|| file.clone()),
                            line,
                            column,
                        },
                    );
                }
            }
        }
        let result = f();
        *self.source.code_positions.borrow_mut() = saved;
        result
    }
}

/// One entry of a position table: `(index, line, column)`.
type Entry = (u32, u32, u32);

/// The file and the `(index, line, column)` entries of a position table;
/// `None` for an empty or malformed one (positions are a courtesy: bad
/// bytes only lose them).
fn decode(bytes: &[u8]) -> Option<(String, Vec<Entry>)> {
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    let len = u32_at(0)? as usize;
    let file = std::str::from_utf8(bytes.get(4..4 + len)?)
        .ok()?
        .to_string();
    let rest = 4 + len;
    let n = (bytes.len() - rest) / 12;
    let entries = (0..n)
        .map(|k| {
            let at = rest + 12 * k;
            Some((u32_at(at)?, u32_at(at + 4)?, u32_at(at + 8)?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some((file, entries))
}
