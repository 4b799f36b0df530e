//! One module per subcommand.
pub mod check;
pub mod disclosure;
pub mod gen_docs;
pub mod matrix;
pub mod requirements;
pub mod rules;
pub mod schema;
pub mod test;
