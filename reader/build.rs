//! Generates the parser from `src/grammar.lalrpop` into `OUT_DIR`.
fn main() {
    lalrpop::process_src().expect("the lalrpop grammar must compile");
}
