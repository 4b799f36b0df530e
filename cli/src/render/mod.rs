//! Renderers: human (miette diagnostics with source snippets) and JSON.
pub mod checklist;
pub mod checklist_xlsx;
pub mod failure;
pub mod github;
pub mod html;
pub mod human;
pub mod junit;
pub mod markdown;
pub mod matrix;
pub mod problems;
pub mod report_html;
pub mod sarif;
