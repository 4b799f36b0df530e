//! Renderers: human (miette diagnostics with source snippets) and JSON.
pub mod github;
pub mod human;
pub mod junit;
pub mod markdown;
pub mod matrix;
pub mod problems;
pub mod sarif;
