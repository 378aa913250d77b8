//! The caches of one interpreter ([`Caches`]): the analysis of code
//! objects, the natives resolved by name, the native closures' code
//! objects, keys and vars looked up once (future/promise state keys, the
//! atom registries, the name of a range's thunk), and the call site of `Interp::apply`. Keyed by
//! (code word, code id) with [`WordHasher`], so a reused offset never
//! aliases. Process-local; nothing here is stored in the env.

use crate::native_handle::NativeImpl;
use crate::node::FnCode;
use crate::node::call_site::CallSite;
use evelisp_heap::{Value, Word};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// A hasher for keys made of words and ids (FxHash's mixing): the caches
/// below are looked up on every call, and their keys need no protection
/// against chosen collisions.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A map keyed by (code word, code id) with [`WordHasher`].
pub(crate) type CodeMap<V> = HashMap<(Word, u64), V, std::hash::BuildHasherDefault<WordHasher>>;

/// The caches of one interpreter (see the module docs).
pub(crate) struct Caches<'e> {
    /// The analysis of each code object run, by (code word, code id).
    pub(crate) analysis: RefCell<CodeMap<Rc<FnCode<'e>>>>,
    /// The natives resolved by this interpreter, by (code word, code id)
    /// of their code object (so a call after the first needs no lookup by
    /// name).
    pub(crate) natives: RefCell<CodeMap<NativeImpl>>,
    /// The code objects of the core natives this interpreter made native
    /// closures of (one code object per native, shared by its closures).
    pub(crate) native_codes: RefCell<HashMap<&'static str, (Value<'e>, Value<'e>)>>,
    /// How many times a native was looked up by name (the slow path of
    /// `Interp::resolve_native`; observed by tests).
    pub(crate) native_name_lookups: Cell<u64>,
    /// The `state` keys of future, promise and delay state maps, once
    /// interned (`future.rs`: every `deref` of an atom looks for them).
    pub(crate) state_keys: RefCell<Option<[Value<'e>; 3]>>,
    /// The registry vars of atom validators and watches, once looked up,
    /// with their roots (vars are immortal: a var's root stays valid).
    pub(crate) atom_registries: RefCell<Option<[(Value<'e>, evelisp_heap::Root<'e>); 4]>>,
    /// The symbol `clojure.core/-range-chunk`, once interned: what a walk
    /// compares a lazy seq's thunk with to find a range it can compute
    /// (`natives/seqs/range.rs`), on every unrealized lazy seq it meets.
    pub(crate) range_chunk_name: std::cell::OnceCell<Value<'e>>,
    /// The call site of `Interp::apply` (natives calling fns), with its
    /// caches of the last native, compiled fn and closure code it called
    /// (`run.rs`).
    pub(crate) apply_site: CallSite<'e>,
}

impl<'e> Caches<'e> {
    /// Empty caches.
    pub(crate) fn new() -> Caches<'e> {
        Caches {
            analysis: RefCell::new(CodeMap::default()),
            natives: RefCell::new(CodeMap::default()),
            native_codes: RefCell::new(HashMap::new()),
            native_name_lookups: Cell::new(0),
            state_keys: RefCell::new(None),
            atom_registries: RefCell::new(None),
            range_chunk_name: std::cell::OnceCell::new(),
            apply_site: CallSite::new(None, None, 0),
        }
    }
}
