//! `sansho test [DIR…]`: runs the Rego tests of the built-in pack (no DIR) or of directories.
use crate::exit;
use sansho_engine::check::load_pack_with;
use sansho_engine::testing::{run_tests, Outcome};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pretty,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Policy directories with `*_test.rego` files; none: the built-in pack.
    pub dirs: Vec<PathBuf>,
    /// Only tests whose `package.name` matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    pub run: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Evaluation date tests see (default: the fixed test date 2026-11-25).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

pub fn run(args: Args) -> i32 {
    let filter = match args.run.as_deref().map(regex_lite::Regex::new) {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => {
            eprintln!("sansho: --run is not a valid regular expression: {e}");
            return exit::UNTRUSTED;
        }
    };
    let as_of = match &args.as_of {
        None => None,
        Some(s) => match crate::commands::check::parse_as_of(Some(s)) {
            Ok(d) => Some(d),
            Err(p) => {
                eprintln!("sansho: {p}");
                return exit::UNTRUSTED;
            }
        },
    };
    let builtin = args.dirs.is_empty();
    let (catalog, pack) = match load_pack_with(builtin, &args.dirs, false) {
        Ok(x) => x,
        Err(p) => {
            crate::render::problems::print(&p, &Default::default());
            return exit::UNTRUSTED;
        }
    };
    let results = match run_tests(&pack, &catalog, filter.as_ref(), as_of) {
        Ok(r) => r,
        Err(p) => {
            crate::render::problems::print(&p, &Default::default());
            return exit::UNTRUSTED;
        }
    };
    let passed = results.iter().filter(|r| r.outcome == Outcome::Pass).count();
    let failed = results.len() - passed;
    match args.format {
        Format::Json => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "summary": {"total": results.len(), "passed": passed, "failed": failed},
                    "tests": results,
                }))
                .unwrap_or_default()
            );
        }
        Format::Pretty => {
            for r in &results {
                let (mark, detail) = match &r.outcome {
                    Outcome::Pass => ("PASS", String::new()),
                    Outcome::Fail => ("FAIL", String::new()),
                    Outcome::Error(e) => ("ERROR", format!(": {e}")),
                };
                outln!(
                    "{}:{}: {} {}.{}{}",
                    r.case.file,
                    r.case.line,
                    mark,
                    r.case.package,
                    r.case.name,
                    detail
                );
            }
            outln!("{passed} passed, {failed} failed");
        }
    }
    if results.is_empty() {
        eprintln!("sansho: no test matched");
        return exit::UNTRUSTED;
    }
    if failed > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
