//! Custom policies end to end: authoring (`new policy`, `lint`, `explain`), running them beside
//! the built-in pack with their own catalog and parameters, OPA-style test suites, and the
//! sandbox (no network, environment or files; time and memory limits).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const CUSTOM: &str = "tests/fixtures/custom_pack";

fn rules_of(report: &serde_json::Value, prefix: &str) -> Vec<(String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with(prefix))
        .map(|f| {
            (
                f["location"]["file"].as_str().unwrap().to_string(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn new_policy_writes_a_rule_that_tests_lints_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let r = run(&["new", "policy", "ACME-OPS-001", "--dir", d]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "acme_ops_001/acme_ops_001.rego",
        "acme_ops_001/acme_ops_001_test.rego",
        "acme_ops_001/fixtures/pass/inventory.yaml",
        "acme_ops_001/fixtures/fail/inventory.yaml",
        "acme_ops_001/catalog.yaml",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} not written");
    }
    // Its tests pass: one on the passing fixture, one on the failing fixture, one inline.
    let t = run(&["test", d, "--format", "json"]);
    assert_eq!(t.code, 0, "{}{}", t.stdout, t.stderr);
    assert_eq!(t.json()["summary"]["passed"], 3);
    // Lint finds nothing to say.
    let l = run(&["lint", d]);
    assert_eq!(l.code, 0, "{}", l.stderr);
    // It runs beside the built-in pack, and its custom requirement shows in the status.
    let (report, _) = check_json("examples/hospital", &["--as-of", "2026-11-25", "--policy", d]);
    let found = rules_of(&report, "ACME-OPS-001");
    assert!(
        !found.is_empty(),
        "the skeleton rule found nothing in the hospital example"
    );
    let req = report["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "custom.acme_ops_001")
        .expect("custom requirement in the status");
    assert_eq!(req["status"], "non_compliant");
    assert!(report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["source"] == "custom"));
    // A second run refuses to overwrite.
    let again = run(&["new", "policy", "ACME-OPS-001", "--dir", d]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn new_policy_refuses_bad_and_builtin_ids() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let bad = run(&["new", "policy", "acme-ops", "--dir", d]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("not a rule id"));
    let clash = run(&["new", "policy", "SNS-BAK-001", "--dir", d]);
    assert_eq!(clash.code, 2);
    assert!(clash.stderr.contains("built-in"));
    let unknown = run(&["new", "policy", "ACME-X-1", "--dir", d, "--requirement", "no.such.req"]);
    assert_eq!(unknown.code, 2);
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing may be written"
    );
}

/// `sansho report examples/hospital` with `extra`, in Japanese: the HTML.
fn dir_file_report(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let mut args = vec![
        "report",
        "examples/hospital",
        "--as-of",
        "2026-11-25",
        "--lang",
        "ja",
        "-o",
    ];
    let out_s = out.to_str().unwrap().to_string();
    args.push(&out_s);
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn custom_pack_uses_its_catalog_and_parameters_from_sansho_yaml() {
    let (report, _) = check_json("examples/hospital", &["--as-of", "2026-11-25", "--policy", CUSTOM]);
    let lines: Vec<u64> = rules_of(&report, "ACME-BKP-001").into_iter().map(|(_, l)| l).collect();
    // Backups with 8, 2, 7 and fewer generations are below the default of 14; 14 is enough.
    assert!(
        lines.contains(&118) && lines.contains(&233) && lines.contains(&339),
        "{lines:?}"
    );
    assert!(!lines.contains(&108), "14 generations meet the standard");
    let status = report["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "acme.bkp.1")
        .unwrap();
    assert_eq!(status["status"], "non_compliant");
    // The custom source is shown by the title its catalog gives (`日本語 / English`).
    let human = run(&[
        "check",
        "examples/hospital",
        "--as-of",
        "2026-11-25",
        "--policy",
        CUSTOM,
        "--lang",
        "en",
    ]);
    assert!(
        human.stdout.contains("  ACME hospital group security standard met 0/1"),
        "{}",
        human.stdout
    );
    let html = dir_file_report(&["--policy", CUSTOM]);
    assert!(html.contains("ACME 病院グループ 情報セキュリティ基準"));
    // sansho.yaml sets the custom parameter like a built-in one.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("sansho.yaml");
    std::fs::write(&cfg, "parameters:\n  acme_min_backup_generations: 2\n").unwrap();
    let (relaxed, _) = check_json(
        "examples/hospital",
        &[
            "--as-of",
            "2026-11-25",
            "--policy",
            CUSTOM,
            "--config",
            cfg.to_str().unwrap(),
        ],
    );
    assert!(rules_of(&relaxed, "ACME-BKP-001").is_empty());
    // A typo in a custom parameter is located, not ignored.
    std::fs::write(&cfg, "parameters:\n  acme_min_backup_generation: 2\n").unwrap();
    let (problems, _) = problems_of(
        "examples/hospital",
        &["--policy", CUSTOM, "--config", cfg.to_str().unwrap()],
    );
    assert!(problems[0]["message"]
        .as_str()
        .unwrap()
        .contains("acme_min_backup_generation"));
    assert_eq!(problems[0]["location"]["line"], 2);
}

#[test]
fn no_builtin_runs_only_the_custom_rules() {
    let (report, _) = check_json(
        "examples/hospital",
        // The example's waiver names a built-in rule, which --no-builtin leaves out (an error).
        &[
            "--as-of",
            "2026-11-25",
            "--policy",
            CUSTOM,
            "--no-builtin",
            "--no-waivers",
        ],
    );
    let rules: std::collections::BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules.into_iter().collect::<Vec<_>>(), vec!["ACME-BKP-001"]);
}

#[test]
fn rules_lists_custom_rules_with_their_source() {
    let r = run(&["rules", "--policy", CUSTOM, "--format", "json"]);
    assert_eq!(r.code, 0);
    let v = r.json();
    let rules = v["rules"].as_array().unwrap();
    let acme = rules.iter().find(|x| x["id"] == "ACME-BKP-001").unwrap();
    assert_eq!(acme["source"], CUSTOM);
    assert_eq!(acme["requirements"][0], "acme.bkp.1");
    let builtin = rules.iter().find(|x| x["id"] == "SNS-BAK-001").unwrap();
    assert_eq!(builtin["source"], "built-in");
}

#[test]
fn lint_reports_every_problem_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A rule with English in title_ja and Japanese in remediation_en, and no tests.
    std::fs::create_dir_all(d.join("r")).unwrap();
    let text = std::fs::read_to_string(format!("{}/{CUSTOM}/acme_bkp/acme_bkp.rego", root().display()))
        .unwrap()
        .replace(
            "title_ja: バックアップ世代数がグループ基準に満たない",
            "title_ja: Too few generations",
        )
        .replace(
            "remediation_en: Keep at least acme_min_backup_generations generations.",
            "remediation_en: 世代を増やしてください。",
        );
    std::fs::write(d.join("r/rule.rego"), &text).unwrap();
    std::fs::copy(root().join(CUSTOM).join("catalog.yaml"), d.join("catalog.yaml")).unwrap();
    std::fs::copy(root().join(CUSTOM).join("params.yaml"), d.join("params.yaml")).unwrap();
    let r = run(&["lint", d.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let v = r.json();
    let problems = v["problems"].as_array().unwrap();
    let line_of = |needle: &str| -> u64 {
        problems
            .iter()
            .find(|p| p["message"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no problem about {needle}: {problems:#?}"))["location"]["line"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(line_of("`title_ja`"), 13);
    assert_eq!(line_of("`remediation_en`"), 17);
    assert_eq!(line_of("has no tests"), 7);
    assert_eq!(problems.len(), 3, "{problems:#?}");

    // Unknown requirement ids and ids that clash with the built-in pack, located.
    let clash = text
        .replace("id: ACME-BKP-001", "id: SNS-BAK-001")
        .replace("[acme.bkp.1]", "[acme.bkp.9]");
    std::fs::write(d.join("r/rule.rego"), clash).unwrap();
    let r = run(&["lint", d.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    let msgs: Vec<(String, u64)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["message"].as_str().unwrap().to_string(),
                p["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        msgs.iter().any(|(m, l)| m.contains("acme.bkp.9") && *l == 10),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|(m, l)| m.contains("SNS-BAK-001") && *l == 7),
        "{msgs:?}"
    );
}

#[test]
fn lint_of_the_builtin_pack_is_clean() {
    let r = run(&["lint"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn explain_shows_rules_and_requirements() {
    let r = run(&["explain", "SNS-BAK-001"]);
    assert_eq!(r.code, 0);
    assert!(r
        .stdout
        .starts_with("# SNS-BAK-001 — バックアップがランサムウェアに耐えられない"));
    assert!(r.stdout.contains("## How to fix"));
    let q = run(&["explain", "chk.r7.inst.3.2"]);
    assert_eq!(q.code, 0);
    assert!(q.stdout.contains("SNS-BAK-001"), "{}", q.stdout);
    assert!(q.stdout.contains("treatment / 判定方法 | `automated`"));
    let custom = run(&["explain", "acme.bkp.1", "--policy", CUSTOM, "--json"]);
    assert_eq!(custom.code, 0);
    assert_eq!(custom.json()["coverage"]["rules"][0], "ACME-BKP-001");
    let typo = run(&["explain", "SNS-BAK-01"]);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("did you mean"), "{}", typo.stderr);
    assert!(typo.stderr.contains("SNS-BAK-001"));
}

/// The outcomes below were cross-checked against OPA 1.20.2 by scripts/opa-compat.sh, which
/// CI runs: the same tests are found and give the same outcomes.
#[test]
fn opa_style_suite_runs_as_opa_test_would() {
    let r = run(&["test", "tests/fixtures/opa_suite", "--format", "json"]);
    assert_eq!(r.code, 1, "the suite has deliberate failures");
    let v = r.json();
    let outcomes: std::collections::BTreeMap<String, String> = v["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                format!("{}.{}", t["package"].as_str().unwrap(), t["name"].as_str().unwrap()),
                t["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect = [
        ("authz.test_admin_may_write_inline", "pass"),
        ("authz_test.test_admin_allowed", "pass"),
        ("authz_test.test_reader_can_read", "pass"),
        ("authz_test.test_reader_cannot_write", "pass"),
        ("authz_test.test_reader_path_too_deep", "pass"),
        ("authz_test.test_data_override", "pass"),
        ("authz_test.test_limit_override", "pass"),
        ("authz_test.test_unknown_user_allowed", "fail"),
        ("authz_test.test_undefined_is_a_failure", "fail"),
        ("authz_test.todo_test_audit_log_rule", "skip"),
    ];
    assert_eq!(outcomes.len(), expect.len(), "{outcomes:#?}");
    for (name, outcome) in expect {
        assert_eq!(outcomes.get(name).map(String::as_str), Some(outcome), "{name}");
    }
    assert_eq!(v["summary"]["skipped"], 1);
}

#[test]
fn conflicting_data_files_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.json"), r#"{"roles": {"x": 1}}"#).unwrap();
    std::fs::write(dir.path().join("b.yaml"), "roles:\n  x: 2\n").unwrap();
    std::fs::write(dir.path().join("p.rego"), "package p\n\ntest_x if data.roles.x == 1\n").unwrap();
    let r = run(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("b.yaml") && r.stderr.contains("roles.x"),
        "{}",
        r.stderr
    );
}

fn hostile(case: &str, extra: &[&str]) -> (Vec<serde_json::Value>, Run) {
    let dir = format!("tests/fixtures/hostile_policy/{case}");
    let mut args = vec!["--policy", dir.as_str(), "--no-builtin"];
    args.extend_from_slice(extra);
    problems_of("tests/fixtures/good/minimal", &args)
}

#[test]
fn a_runaway_rule_is_stopped_by_the_time_limit() {
    let (problems, _) = hostile("slow", &["--rule-timeout", "1"]);
    assert_eq!(problems[0]["code"], "limit");
    let msg = problems[0]["message"].as_str().unwrap();
    assert!(msg.contains("TEST-HOSTILE-1") && msg.contains("time limit"), "{msg}");
    assert!(problems[0]["file"].as_str().unwrap().ends_with("slow.rego"));
    assert!(problems[0]["help"].as_str().unwrap().contains("--rule-timeout"));
}

#[test]
fn a_rule_that_eats_memory_is_stopped_by_the_memory_limit() {
    let (problems, _) = hostile("memory", &["--max-memory", "256"]);
    assert_eq!(problems[0]["code"], "limit");
    let msg = problems[0]["message"].as_str().unwrap();
    assert!(msg.contains("TEST-HOSTILE-2") && msg.contains("memory limit"), "{msg}");
    assert!(problems[0]["help"].as_str().unwrap().contains("--max-memory"));
}

#[test]
fn policies_cannot_reach_the_network_or_the_environment() {
    for (case, builtin) in [("network", "http.send"), ("environment", "opa.runtime")] {
        let (problems, _) = hostile(case, &[]);
        let msg = problems[0]["message"].as_str().unwrap();
        assert!(msg.contains(builtin), "{case}: {msg}");
        assert_eq!(problems[0]["location"]["line"], 19, "{case}");
        assert!(problems[0]["help"].as_str().unwrap().contains("no network"));
    }
}

#[test]
fn policies_see_no_files_beyond_the_inventory() {
    // `data.etc.passwd` is just an undefined document: nothing outside the inventory and
    // data.sansho is loaded, so the rule finds nothing and the run is clean.
    let (report, _) = check_json(
        "tests/fixtures/good/minimal",
        &[
            "--as-of",
            "2026-11-25",
            "--policy",
            "tests/fixtures/hostile_policy/filesystem",
            "--no-builtin",
        ],
    );
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    assert_eq!(report["summary"]["rules"], 1);
}
