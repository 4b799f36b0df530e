//! The built-in pack as a whole: its Rego unit tests pass, every rule has a passing and a
//! failing fixture that `sansho check` itself agrees with, and ids are unique and known.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn rule_dirs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("policies/rules")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && p.file_name().unwrap() != "fixtures" {
                let has_policy = std::fs::read_dir(&p).unwrap().any(|f| {
                    let n = f.unwrap().file_name().to_string_lossy().to_string();
                    n.ends_with(".rego") && !n.ends_with("_test.rego")
                });
                if has_policy {
                    out.push(p.clone());
                }
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

fn rule_id(dir: &Path) -> String {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(dir.join(format!("{name}.rego"))).unwrap();
    text.lines()
        .find_map(|l| l.trim().strip_prefix("#   id: ").map(str::to_string))
        .unwrap_or_else(|| panic!("no custom.id in {}", dir.display()))
}

#[test]
fn rego_unit_tests_of_the_builtin_pack_pass() {
    let r = run(&["test", "--format", "json"]);
    let v = r.json();
    assert_eq!(r.code, 0, "failing Rego tests:\n{}", r.stdout);
    let total = v["summary"]["total"].as_u64().unwrap();
    assert!(total >= 40, "only {total} Rego tests");
    assert_eq!(v["summary"]["failed"], 0);
}

#[test]
fn every_rule_has_tests_and_pass_and_fail_fixtures_that_check_agrees_with() {
    let dirs = rule_dirs();
    assert!(dirs.len() >= 5, "only {} rules", dirs.len());
    let mut ids = BTreeSet::new();
    for d in dirs {
        let name = d.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            d.join(format!("{name}_test.rego")).is_file(),
            "{} has no test file",
            d.display()
        );
        let id = rule_id(&d);
        assert!(ids.insert(id.clone()), "duplicate id {id}");
        for (case, expect_findings) in [("pass", false), ("fail", true)] {
            let fx = d.join("fixtures").join(case);
            assert!(fx.is_dir(), "{} has no {case} fixture", d.display());
            let r = run(&[
                "check",
                fx.to_str().unwrap(),
                "--format",
                "json",
                "--as-of",
                "2026-11-25",
                "--fail-on",
                "note",
            ]);
            assert_ne!(
                r.code, 2,
                "{case} fixture of {id} is not a valid inventory:\n{}",
                r.stderr
            );
            let v = r.json();
            let mine = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] == id.as_str())
                .count();
            if expect_findings {
                assert!(mine > 0, "{id}: fail fixture raised no finding");
            } else {
                assert_eq!(mine, 0, "{id}: pass fixture raised findings: {}", r.stdout);
            }
        }
    }
}

#[test]
fn test_run_filter_and_failure_exit_code() {
    let r = run(&["test", "--run", "two_factor_missing_test.test_after_deadline"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("1 passed, 0 failed"), "{}", r.stdout);
    let r = run(&["test", "--run", "no_such_test_anywhere"]);
    assert_eq!(r.code, 2);
    // A custom test that fails gives exit 1 with its file and line.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x_test.rego"),
        "package x_test\n\nimport rego.v1\n\ntest_ok if { 1 == 1 }\n\ntest_broken if { 1 == 2 }\n",
    )
    .unwrap();
    let r = run(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("x_test.rego:7: FAIL x_test.test_broken"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1 passed, 1 failed"));
}

#[test]
fn builtin_pack_coverage_stays_at_or_above_90_percent() {
    let r = run(&["test", "--coverage", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    let total = v["coverage"]["percent"].as_f64().unwrap();
    assert!(total >= 90.0, "built-in pack coverage fell to {total}%");
    let files = v["coverage"]["files"].as_array().unwrap();
    assert!(files.iter().any(|f| f["file"] == "policies/lib/sansho.rego"));
    assert!(
        !files
            .iter()
            .any(|f| f["file"].as_str().unwrap().ends_with("_test.rego")),
        "tests are not measured"
    );
    for f in files {
        let p = f["percent"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&p));
    }
    // --threshold fails the run below it, and passes at or above it.
    let strict = run(&["test", "--threshold", "100", "--run", "lib_test"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    assert!(strict.stderr.contains("below the threshold"), "{}", strict.stderr);
    let lenient = run(&["test", "--threshold", "1", "--run", "lib_test"]);
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert_eq!(run(&["test", "--threshold", "120"]).code, 2);
}

#[test]
fn test_results_as_junit() {
    let r = run(&["test", "--format", "junit", "--run", "no_security_officer"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("<?xml"));
    assert!(
        r.stdout
            .contains(r#"<testsuite name="policies/rules/org/no_security_officer/no_security_officer_test.rego""#),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains(r#"classname="sansho.rules.org.no_security_officer_test""#));
    assert!(!r.stdout.contains("<failure"));
}
