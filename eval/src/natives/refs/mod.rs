//! Reference natives: agents (`agents.rs`; the queue and workers are in
//! `crate::agent`), atoms with validators and watches (`atoms.rs`),
//! `deref` of every reference type (`deref.rs`), refs and transactions
//! (`transactions.rs`; the log and commit are in `crate::stm`), vars
//! (`vars.rs`).

pub(super) mod agents;
pub(super) mod atoms;
pub(super) mod deref;
pub(super) mod transactions;
pub(super) mod vars;
