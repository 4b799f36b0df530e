//! # sansho-engine
//!
//! The library behind the `sansho` command: it loads inventories of medical information
//! systems (YAML/JSON, with the source position of every value), loads the Rego policy pack
//! and its METADATA, evaluates the pack with the embedded regorus engine, and returns located
//! findings and requirement status as data. It never prints and knows nothing of the command
//! line; rendering and exit codes belong to the CLI.

pub mod configuration;
pub mod date;
pub mod inventory;
pub mod problem;
pub mod schema;
pub mod source;
pub mod yaml;

pub use date::Date;
pub use inventory::{Document, Inventory, Kind, LoadFailure, LoadOptions};
pub use problem::{Problem, ProblemCode, Problems};
pub use source::{Location, SourceMap};
pub mod catalog;
pub mod eval;
pub mod metadata;
pub mod policy;
pub mod recursion;

pub use catalog::{Catalog, Requirement, Text};
pub use eval::{EvalOptions, Evaluation, Finding};
pub use metadata::{Level, RuleMeta, Severity};
pub use policy::PolicySet;

/// The language of human-facing output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Ja,
    En,
}
pub mod audit;
pub mod check;
pub mod checklist;
pub mod config;
pub mod coverage;

pub use check::{check, CheckFailure, CheckOutcome, CheckRequest, Report};
pub mod authoring;
pub mod disclosure;
pub mod docs;
pub mod generate;
pub mod matrix;
pub mod testing;
mod threads;
pub use threads::STACK_SIZE;
pub mod waiver;
pub mod watch;
pub mod write;

pub use watch::MemoryWatch;

/// The bundled example inventories (`examples/*/`), sorted, for tests that run on each.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn example_roots() -> Vec<std::path::PathBuf> {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut roots: Vec<_> = std::fs::read_dir(examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    roots.sort();
    assert!(roots.len() >= 3, "examples found: {roots:?}");
    roots
}
