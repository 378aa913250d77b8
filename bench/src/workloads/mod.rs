//! The five workloads of issue 7, one module each; every one returns the
//! report sections it measured.

pub mod counter;
pub mod interp;
pub mod map_update;
pub mod reads;
pub mod startup;
