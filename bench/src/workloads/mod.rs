//! The workloads of issues 7, 17 and 18, one module each; every one returns the
//! report sections it measured.

pub mod counter;
pub mod interp;
pub mod map_update;
pub mod memory;
pub mod nrepl;
pub mod reads;
pub mod startup;
