//! The `evelisp` command line.
fn main() {}
