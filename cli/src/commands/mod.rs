//! One module per subcommand.
pub mod bench;
pub mod check;
pub mod gen_docs;
pub mod generate;
pub mod requirements;
pub mod rules;
pub mod schema;
pub mod test;
