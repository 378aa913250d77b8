//! The nREPL server: editors (CIDER, Calva, Conjure, vim-iced, Cursive)
//! connect over TCP and evaluate in the shared env, one session per
//! thread. `evelisp nrepl-server` runs one; [`Server::start`] starts one
//! from an embedding program, [`install`] defines `evelisp.nrepl/start-server!`
//! and `stop-server!` for evelisp code.
//!
//! | file | what lives there |
//! |---|---|
//! | `bencode.rs` | the wire format, bounded decoding |
//! | `message.rs` | requests (UTF-8 checked) and responses |
//! | `transport.rs` | a connection's sending half |
//! | `server.rs` | listening, connections, the session registry, stop |
//! | `ops.rs` | one connection's requests: the ops |
//! | `session.rs` | a session's thread, queue and interrupt |
//! | `session_io.rs` | a session's `*out*`, `*err*`, `*in*` |
//! | `eval_op.rs` | `eval` and `load-file` |
//! | `tools.rs` | completion and lookup ops |
//! | `natives.rs` | `evelisp.nrepl/start-server!`, `stop-server!` |

pub mod bencode;
mod eval_op;
pub mod message;
mod natives;
mod ops;
mod server;
mod session;
mod session_io;
mod tools;
mod transport;

pub use natives::install;
pub use server::{NreplError, Server, ServerOptions};
