//! `sansho test [DIR…]`: runs the Rego tests of the built-in pack (no DIR) or of directories.
use crate::exit;
use sansho_engine::check::load_pack_with;
use sansho_engine::testing::{run_tests_with_coverage, total_percent, FileCoverage, Outcome, TestResult};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pretty,
    Json,
    Junit,
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
    /// Report line coverage of each policy file by the tests, and the total.
    #[arg(long)]
    pub coverage: bool,
    /// Fail (exit 1) when total coverage is below PCT (implies --coverage).
    #[arg(long, value_name = "PCT")]
    pub threshold: Option<f64>,
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
    if let Some(t) = args.threshold {
        if !(0.0..=100.0).contains(&t) {
            eprintln!("sansho: --threshold must be a percentage between 0 and 100");
            return exit::UNTRUSTED;
        }
    }
    let want_coverage = args.coverage || args.threshold.is_some();
    // A test that builds a huge collection stops at the default memory ceiling.
    let watching = crate::alloc::watch_evaluation();
    let ran = run_tests_with_coverage(&pack, &catalog, filter.as_ref(), as_of, want_coverage);
    drop(watching);
    let (results, coverage) = match ran {
        Ok(r) => r,
        Err(p) => {
            crate::render::problems::print(&p, &Default::default());
            return exit::UNTRUSTED;
        }
    };
    let passed = results.iter().filter(|r| r.outcome == Outcome::Pass).count();
    let skipped = results.iter().filter(|r| r.outcome == Outcome::Skip).count();
    let failed = results.len() - passed - skipped;
    let total_coverage = want_coverage.then(|| total_percent(&coverage));
    match args.format {
        Format::Json => {
            let mut doc = serde_json::json!({
                "summary": {"total": results.len(), "passed": passed, "failed": failed, "skipped": skipped},
                "tests": results,
            });
            if let Some(total) = total_coverage {
                let files: Vec<serde_json::Value> = coverage
                    .iter()
                    .map(|f| {
                        serde_json::json!({
                            "file": f.file,
                            "percent": round1(f.percent()),
                            "covered": f.covered,
                            "not_covered": f.not_covered,
                        })
                    })
                    .collect();
                doc["coverage"] = serde_json::json!({"percent": round1(total), "files": files});
            }
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Junit => {
            outp!("{}", junit(&results));
        }
        Format::Pretty => {
            for r in &results {
                let (mark, detail) = match &r.outcome {
                    Outcome::Pass => ("PASS", String::new()),
                    Outcome::Skip => ("SKIP", String::new()),
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
            if skipped > 0 {
                outln!("{passed} passed, {failed} failed, {skipped} skipped");
            } else {
                outln!("{passed} passed, {failed} failed");
            }
            if let Some(total) = total_coverage {
                print_coverage(&coverage, total);
            }
        }
    }
    if results.is_empty() {
        eprintln!("sansho: no test matched");
        return exit::UNTRUSTED;
    }
    if failed > 0 {
        return exit::FINDINGS;
    }
    if let (Some(t), Some(total)) = (args.threshold, total_coverage) {
        if total < t {
            eprintln!("sansho: coverage {:.1}% is below the threshold {t}%", total);
            return exit::FINDINGS;
        }
    }
    exit::OK
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn print_coverage(files: &[FileCoverage], total: f64) {
    outln!("coverage:");
    for f in files {
        let missed = if f.not_covered.is_empty() {
            String::new()
        } else {
            format!(
                "  not covered: {}",
                f.not_covered.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
            )
        };
        outln!("  {:>5.1}%  {}{}", f.percent(), f.file, missed);
    }
    outln!("  {:>5.1}%  total", total);
}

/// JUnit XML: one test suite per test file, one case per test, failures and errors marked.
fn junit(results: &[TestResult]) -> String {
    use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
    use std::collections::BTreeMap;
    let mut by_file: BTreeMap<&str, Vec<&TestResult>> = BTreeMap::new();
    for r in results {
        by_file.entry(r.case.file.as_str()).or_default().push(r);
    }
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    let failures = |rs: &[&TestResult]| rs.iter().filter(|r| r.outcome == Outcome::Fail).count();
    let errors = |rs: &[&TestResult]| rs.iter().filter(|r| matches!(r.outcome, Outcome::Error(_))).count();
    let all: Vec<&TestResult> = results.iter().collect();
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "sansho test"));
    root.push_attribute(("tests", all.len().to_string().as_str()));
    root.push_attribute(("failures", failures(&all).to_string().as_str()));
    root.push_attribute(("errors", errors(&all).to_string().as_str()));
    let _ = w.write_event(Event::Start(root));
    for (file, rs) in &by_file {
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", *file));
        suite.push_attribute(("tests", rs.len().to_string().as_str()));
        suite.push_attribute(("failures", failures(rs).to_string().as_str()));
        suite.push_attribute(("errors", errors(rs).to_string().as_str()));
        let _ = w.write_event(Event::Start(suite));
        for r in rs {
            let mut case = BytesStart::new("testcase");
            case.push_attribute(("name", r.case.name.as_str()));
            case.push_attribute(("classname", r.case.package.as_str()));
            case.push_attribute(("file", r.case.file.as_str()));
            case.push_attribute(("line", r.case.line.to_string().as_str()));
            match &r.outcome {
                Outcome::Pass => {
                    let _ = w.write_event(Event::Empty(case));
                }
                Outcome::Skip => {
                    let _ = w.write_event(Event::Start(case));
                    let _ = w.write_event(Event::Empty(BytesStart::new("skipped")));
                    let _ = w.write_event(Event::End(BytesEnd::new("testcase")));
                }
                Outcome::Fail | Outcome::Error(_) => {
                    let _ = w.write_event(Event::Start(case));
                    let (tag, message) = match &r.outcome {
                        Outcome::Error(e) => ("error", e.clone()),
                        _ => ("failure", format!("{} is not true", r.case.name)),
                    };
                    let mut el = BytesStart::new(tag);
                    el.push_attribute(("message", message.as_str()));
                    let _ = w.write_event(Event::Start(el));
                    let _ = w.write_event(Event::Text(BytesText::new(&format!("{}:{}", r.case.file, r.case.line))));
                    let _ = w.write_event(Event::End(BytesEnd::new(tag)));
                    let _ = w.write_event(Event::End(BytesEnd::new("testcase")));
                }
            }
        }
        let _ = w.write_event(Event::End(BytesEnd::new("testsuite")));
    }
    let _ = w.write_event(Event::End(BytesEnd::new("testsuites")));
    let mut out = String::from_utf8(w.into_inner()).unwrap_or_default();
    out.push('\n');
    out
}
