//! One module per subcommand.
pub mod bench;
pub mod check;
pub mod checklist;
pub mod disclosure;
pub mod explain;
pub mod gen_docs;
pub mod generate;
pub mod lint;
pub mod matrix;
pub mod new;
pub mod report;
pub mod requirements;
pub mod rules;
pub mod schema;
pub mod test;
