//! Array maps: Clojure's small maps, up to [`ARRAY_MAP_MAX`] entries kept
//! in insertion order (so `{:b 1 :a 2}` iterates and prints as written),
//! looked up by a linear scan with `=`. Layout: `count`, then the key/value
//! pairs. An `assoc` past the limit builds a hash map.

use crate::env::Env;
use crate::error::Result;
use crate::object_header::Kind;
use crate::word::Word;

/// Most entries an array map holds (Clojure's threshold).
pub const ARRAY_MAP_MAX: usize = 8;

impl Env {
    /// A new array map of `pairs` (keys distinct, at most
    /// [`ARRAY_MAP_MAX`]); retains every key and value.
    pub(crate) fn array_map(&self, pairs: &[(Word, Word)]) -> Result<Word> {
        let off = self.new_object(Kind::ArrayMap, 8 + 16 * pairs.len() as u64, 0)?;
        self.init_word(off, 0, Word::from_bits(pairs.len() as u64))?;
        for (i, &w) in pairs.iter().flat_map(|(k, v)| [k, v]).enumerate() {
            self.retain(w)?;
            self.init_word(off, 1 + i as u64, w)?;
        }
        Ok(Word::object(off))
    }

    /// The pairs of array map `m`, in order.
    pub(crate) fn array_map_pairs(&self, m: Word) -> Result<Vec<(Word, Word)>> {
        let off = self.expect_kind(m, Kind::ArrayMap)?;
        let n = self.load_word(off, 0)?.bits().min(ARRAY_MAP_MAX as u64);
        (0..n)
            .map(|i| {
                Ok((
                    self.load_word(off, 1 + 2 * i)?,
                    self.load_word(off, 2 + 2 * i)?,
                ))
            })
            .collect()
    }

    fn array_map_index(&self, pairs: &[(Word, Word)], k: Word) -> Result<Option<usize>> {
        for (i, &(k0, _)) in pairs.iter().enumerate() {
            if self.equals(k0, k)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    pub(crate) fn array_map_get(&self, m: Word, k: Word) -> Result<Option<Word>> {
        let pairs = self.array_map_pairs(m)?;
        Ok(self.array_map_index(&pairs, k)?.map(|i| pairs[i].1))
    }

    pub(crate) fn array_map_assoc(&self, m: Word, k: Word, v: Word) -> Result<Word> {
        let mut pairs = self.array_map_pairs(m)?;
        match self.array_map_index(&pairs, k)? {
            Some(i) if pairs[i].1 == v => {
                self.retain(m)?;
                Ok(m)
            }
            Some(i) => {
                pairs[i].1 = v;
                self.array_map(&pairs)
            }
            None if pairs.len() < ARRAY_MAP_MAX => {
                pairs.push((k, v));
                self.array_map(&pairs)
            }
            None => {
                let mut h = self.hash_map_empty()?;
                for (k0, v0) in pairs.into_iter().chain([(k, v)]) {
                    let next = self.hamt_assoc(Kind::Map, h, k0, v0)?;
                    self.drop_ref(h)?;
                    h = next;
                }
                Ok(h)
            }
        }
    }

    pub(crate) fn array_map_dissoc(&self, m: Word, k: Word) -> Result<Word> {
        let mut pairs = self.array_map_pairs(m)?;
        match self.array_map_index(&pairs, k)? {
            None => {
                self.retain(m)?;
                Ok(m)
            }
            Some(i) => {
                pairs.remove(i);
                self.array_map(&pairs)
            }
        }
    }

    /// Shape problems of array map `m`: too many entries, duplicate keys.
    pub(crate) fn array_map_findings(&self, m: Word) -> Result<Vec<String>> {
        let off = self.expect_kind(m, Kind::ArrayMap)?;
        let n = self.load_word(off, 0)?.bits();
        if n > ARRAY_MAP_MAX as u64 {
            return Ok(vec![format!(
                "array map of {n} entries (at most {ARRAY_MAP_MAX})"
            )]);
        }
        let pairs = self.array_map_pairs(m)?;
        let mut out = Vec::new();
        for i in 0..pairs.len() {
            for j in i + 1..pairs.len() {
                if self.equals(pairs[i].0, pairs[j].0)? {
                    out.push(format!("array map holds key {:?} twice", pairs[i].0));
                }
            }
        }
        Ok(out)
    }
}
