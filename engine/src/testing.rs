//! The Rego test runner behind `sansho test`: every `test_*` rule of every `*_test.rego` file,
//! evaluated with the pack's policies and libraries. A test file can use real inventory
//! documents: the YAML/JSON files below `fixtures/<case>/` (or `fixtures/<case>.yaml`) beside
//! it are loaded with the real loader (schema-checked) and given to the test as
//! `data.sansho.fixtures.<case>`, shaped exactly like `input`:
//!
//! ```rego
//! test_fail_fixture_is_denied if {
//!     count(deny) > 0 with input as data.sansho.fixtures.fail
//! }
//! ```

use crate::date::Date;
use crate::eval::{self, EvalOptions};
use crate::inventory::{self, LoadOptions};
use crate::policy::{PolicySet, Role};
use crate::problem::{Problem, ProblemCode, Problems};
use serde::Serialize;
use std::collections::BTreeMap;

/// The evaluation date tests see unless told otherwise, so that tests give the same result
/// every day. Tests about dates pin their own with `with data.sansho.as_of as "…"`.
pub const TEST_AS_OF: &str = "2026-11-25";

/// One test rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestCase {
    pub file: String,
    pub line: u32,
    pub package: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome", content = "detail")]
pub enum Outcome {
    Pass,
    Fail,
    Error(String),
    /// A `todo_` test: found and reported, not run (as `opa test` does).
    Skip,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestResult {
    #[serde(flatten)]
    pub case: TestCase,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Finds `test_*` rules (and skipped `todo_*` ones) in a Rego file's text (the first line each
/// name is defined on).
pub fn find_tests(text: &str) -> Vec<(String, u32)> {
    let mut seen = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with("test_") && !line.starts_with("todo_") {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let rest = line.get(name.len()..).unwrap_or_default().trim_start();
        let is_rule = rest.starts_with("if")
            || rest.starts_with(":=")
            || rest.starts_with('{')
            || rest.starts_with('=')
            || rest.is_empty();
        if is_rule {
            seen.entry(name).or_insert(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
    }
    let mut v: Vec<(String, u32)> = seen.into_iter().collect();
    v.sort_by_key(|(_, l)| *l);
    v
}

fn dir_of(path: &str) -> &str {
    path.rfind('/').map(|i| &path[..i]).unwrap_or("")
}

/// Loads the fixtures beside a test file into `{case: input}`.
fn fixtures_for(pack: &PolicySet, test_path: &str) -> Result<serde_json::Value, Problems> {
    let prefix = format!("{}/fixtures/", dir_of(test_path));
    let mut cases: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    for (path, text) in &pack.fixtures {
        if let Some(rest) = path.strip_prefix(&prefix) {
            let first = rest.split('/').next().unwrap_or(rest);
            let case = first.split('.').next().unwrap_or(first).to_string();
            cases
                .entry(case)
                .or_default()
                .push((path.clone(), text.as_bytes().to_vec()));
        }
    }
    let mut out = serde_json::Map::new();
    for (case, files) in cases {
        let inv = inventory::load_files(files, &LoadOptions::default()).map_err(|f| f.problems)?;
        out.insert(case, inv.to_input());
    }
    Ok(serde_json::Value::Object(out))
}

/// Line coverage of one policy file by the tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileCoverage {
    pub file: String,
    pub covered: Vec<u32>,
    pub not_covered: Vec<u32>,
}

impl FileCoverage {
    /// Percentage of the evaluable lines that tests reached (100 when there are none).
    pub fn percent(&self) -> f64 {
        let total = self.covered.len() + self.not_covered.len();
        if total == 0 {
            100.0
        } else {
            self.covered.len() as f64 * 100.0 / total as f64
        }
    }
}

/// Coverage over several files: covered lines / evaluable lines, as a percentage.
pub fn total_percent(files: &[FileCoverage]) -> f64 {
    let covered: usize = files.iter().map(|f| f.covered.len()).sum();
    let total: usize = files.iter().map(|f| f.covered.len() + f.not_covered.len()).sum();
    if total == 0 {
        100.0
    } else {
        covered as f64 * 100.0 / total as f64
    }
}

/// Runs the tests of `pack` whose `package.name` matches `filter` (a substring or regex).
pub fn run_tests(
    pack: &PolicySet,
    catalog: &crate::catalog::Catalog,
    filter: Option<&regex_lite::Regex>,
    as_of: Option<Date>,
) -> Result<Vec<TestResult>, Problems> {
    run_tests_with_coverage(pack, catalog, filter, as_of, false).map(|(r, _)| r)
}

/// Runs the tests and, when `coverage` is set, reports which lines of the policy and library
/// files (not the tests) the tests evaluated, merged over every test file, in file order.
pub fn run_tests_with_coverage(
    pack: &PolicySet,
    catalog: &crate::catalog::Catalog,
    filter: Option<&regex_lite::Regex>,
    as_of: Option<Date>,
    coverage: bool,
) -> Result<(Vec<TestResult>, Vec<FileCoverage>), Problems> {
    let mut covered: BTreeMap<String, (std::collections::BTreeSet<u32>, std::collections::BTreeSet<u32>)> =
        BTreeMap::new();
    let as_of = match as_of {
        Some(d) => d,
        None => Date::parse(TEST_AS_OF)
            .ok_or_else(|| Problems::from(Problem::new(ProblemCode::Config, "bad TEST_AS_OF")))?,
    };
    let opts = EvalOptions {
        as_of,
        params: pack.params.clone(),
        ..EvalOptions::default()
    };
    let base = eval::build_engine(pack, catalog, &opts)?;
    let mut results = Vec::new();
    let mut problems = Vec::new();
    // As `opa test`: test rules may live in any module of a custom directory; in the built-in
    // pack they live in `*_test.rego` files only.
    let has_tests = |f: &&crate::policy::RegoFile| {
        f.role == Role::Test || (f.origin != crate::policy::Origin::Builtin && !find_tests(&f.text).is_empty())
    };
    for f in pack.files.iter().filter(has_tests) {
        let tests: Vec<(String, u32)> = find_tests(&f.text)
            .into_iter()
            .filter(|(name, _)| filter.is_none_or(|re| re.is_match(&format!("{}.{}", f.package, name))))
            .collect();
        if tests.is_empty() {
            continue;
        }
        let mut engine = base.clone();
        if coverage {
            engine.set_enable_coverage(true);
        }
        let added = if f.role == Role::Test {
            engine.add_policy(f.path.clone(), f.text.clone()).map(|_| ())
        } else {
            Ok(())
        };
        if let Err(e) = added {
            problems.push(
                Problem::new(ProblemCode::PolicySyntax, format!("{e}"))
                    .in_file(f.path.clone())
                    .help("fix the test file's Rego syntax"),
            );
            continue;
        }
        match fixtures_for(pack, &f.path) {
            Ok(fx) => {
                let data = serde_json::json!({"sansho": {"fixtures": fx}});
                if let Err(e) = engine.add_data(regorus::Value::from(data)) {
                    problems.push(
                        Problem::new(ProblemCode::Config, format!("fixtures rejected: {e}")).in_file(f.path.clone()),
                    );
                    continue;
                }
            }
            Err(p) => {
                problems.extend(p.0);
                continue;
            }
        }
        for (name, line) in tests {
            let outcome = if name.starts_with("todo_") {
                Outcome::Skip
            } else {
                match engine.eval_rule(format!("data.{}.{}", f.package, name)) {
                    Ok(regorus::Value::Bool(true)) => Outcome::Pass,
                    Ok(_) => Outcome::Fail,
                    Err(e) => Outcome::Error(
                        format!("{e}")
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                }
            };
            results.push(TestResult {
                case: TestCase {
                    file: f.path.clone(),
                    line,
                    package: f.package.clone(),
                    name,
                },
                outcome,
            });
        }
        if coverage {
            if let Ok(report) = engine.get_coverage_report() {
                for file in report.files {
                    let entry = covered.entry(file.path).or_default();
                    entry.0.extend(file.covered);
                    entry.1.extend(file.not_covered);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    // Coverage of custom directories is about their own files, not the built-in library
    // they call.
    let custom = pack.files.iter().any(|f| f.origin != crate::policy::Origin::Builtin);
    let files = pack
        .files
        .iter()
        .filter(|f| f.role != Role::Test)
        .filter(|f| !custom || f.origin != crate::policy::Origin::Builtin)
        .filter_map(|f| {
            covered.get(&f.path).map(|(yes, no)| FileCoverage {
                file: f.path.clone(),
                covered: yes.iter().copied().collect(),
                not_covered: no.difference(yes).copied().collect(),
            })
        })
        .collect();
    Ok((results, files))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn finds_test_rules_once() {
        let t = "package x\ntest_a if {\n true\n}\ntest_a if { false }\nnot_test if { true }\ntest_b := true\n  test_c if { true }\n";
        assert_eq!(
            find_tests(t),
            vec![("test_a".to_string(), 2), ("test_b".to_string(), 7)]
        );
    }
}
