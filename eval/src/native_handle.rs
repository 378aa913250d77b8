//! A resolved native as call sites and caches hold it: [`NativeImpl`], an
//! index into this process's registry of core natives
//! (`native_registry.rs`) or of the embedder's natives (`host_natives.rs`),
//! plain data that names no interpreter type, so the analyzed tree and the
//! caches need not know how a native is called. The generation of the
//! embedder's registry lives here too: an entry resolved from it holds
//! only while nothing was registered since.

use std::sync::atomic::{AtomicU64, Ordering};

/// The index of a core native in the process's `NativeRegistry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NativeId(pub(crate) u32);

/// The index of an embedder's native in the host registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HostId(pub(crate) u32);

/// A native function resolved by name for this process: one of the core
/// natives, or one the host registered (with the registry's generation
/// when it was looked up: a later registration may replace it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NativeImpl {
    /// A native of the core library.
    Core(NativeId),
    /// A host native and the registry generation it was found in.
    Host(HostId, u64),
}

impl NativeImpl {
    /// Whether a cached resolution still holds: always for a core native;
    /// for a host native, while no native was registered since.
    #[inline]
    pub(crate) fn is_current(self) -> bool {
        match self {
            NativeImpl::Core(_) => true,
            NativeImpl::Host(_, generation) => generation == host_generation(),
        }
    }
}

/// Bumped by every registration of an embedder's native.
static HOST_GENERATION: AtomicU64 = AtomicU64::new(0);

/// The host registry's generation: changes whenever a native is registered.
#[inline]
pub(crate) fn host_generation() -> u64 {
    HOST_GENERATION.load(Ordering::Acquire)
}

/// Marks a registration: every host native resolved before is looked up
/// again.
pub(crate) fn next_host_generation() {
    HOST_GENERATION.fetch_add(1, Ordering::Release);
}
