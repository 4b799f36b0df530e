//! One module per subcommand.
pub mod check;
pub mod checklist;
pub mod gen_docs;
pub mod report;
pub mod requirements;
pub mod rules;
pub mod schema;
pub mod test;
