//! The EVE heap (`evelisp-heap`): the memory-mapped env file shared by every
//! thread and process, its allocator, tagged value words, objects, persistent
//! collections, roots, epochs and reclamation.
//!
//! Not built yet: this is issue 3 ("The EVE heap"). See `ARCHITECTURE.md`.
