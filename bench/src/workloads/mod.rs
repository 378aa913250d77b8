//! The workloads of issues 7, 17, 18 and 19, one module each; every one returns the
//! report sections it measured.

pub mod counter;
pub mod interp;
pub mod json;
pub mod map_update;
pub mod memory;
pub mod nrepl;
pub mod reads;
pub mod startup;
