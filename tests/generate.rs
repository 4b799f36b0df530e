//! `sansho generate`: deterministic output that loads without problems and produces exactly
//! the findings it declares (EXPECTED.tsv); evaluation does not depend on --jobs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use common::{check_json, run};
use std::collections::BTreeSet;
use std::path::Path;

const AS_OF: &str = "2026-11-25";

fn generate(dir: &Path, systems: &str, seed: &str, pct: &str) {
    let r = run(&[
        "generate",
        "--systems",
        systems,
        "--seed",
        seed,
        "--violations",
        pct,
        "--per-file",
        "100",
        "--as-of",
        AS_OF,
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
}

/// Every file below `dir`, relative path → bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn expected(dir: &Path) -> BTreeSet<(String, String, String)> {
    std::fs::read_to_string(dir.join("EXPECTED.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect()
}

fn found(report: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["resource"]["kind"].as_str().unwrap().to_string(),
                f["resource"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn same_seed_gives_byte_identical_files_and_another_seed_does_not() {
    let t = tempfile::tempdir().unwrap();
    let (a, b, c) = (t.path().join("a"), t.path().join("b"), t.path().join("c"));
    generate(&a, "250", "42", "20");
    generate(&b, "250", "42", "20");
    generate(&c, "250", "43", "20");
    let ta = tree(&a);
    assert!(
        ta.iter().any(|(p, _)| p.ends_with("systems-0002.yaml")),
        "split per 100 systems"
    );
    assert_eq!(ta, tree(&b));
    assert_ne!(ta, tree(&c));
}

#[test]
fn refuses_to_write_into_a_non_empty_directory() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("keep.yaml"), "x").unwrap();
    let r = run(&["generate", "--systems", "5", "--output", t.path().to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not empty"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(t.path().join("keep.yaml")).unwrap(), "x");
}

#[test]
fn without_violations_the_inventory_passes_every_rule() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("inv");
    generate(&d, "120", "7", "0");
    assert!(expected(&d).is_empty());
    let (report, r) = check_json(d.to_str().unwrap(), &["--as-of", AS_OF]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(report["summary"]["documents"]["systems"], 120);
    assert_eq!(report["summary"]["documents"]["assets"], 360);
    assert_eq!(report["summary"]["findings"], 0, "{:#}", report["findings"]);
}

#[test]
fn the_findings_are_exactly_the_declared_defects_whatever_the_jobs() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("inv");
    generate(&d, "300", "11", "30");
    let want = expected(&d);
    assert!(want.len() > 50, "{}", want.len());
    let path = d.to_str().unwrap();
    let one = run(&["check", path, "--format", "json", "--as-of", AS_OF, "--jobs", "1"]);
    let two = run(&["check", path, "--format", "json", "--as-of", AS_OF, "--jobs", "2"]);
    assert_eq!(one.code, 1, "{}", one.stderr);
    assert_eq!(one.stdout, two.stdout, "--jobs 1 and --jobs 2 differ");
    let report = one.json();
    assert_eq!(found(&report), want);
    assert_eq!(report["summary"]["findings"].as_u64().unwrap() as usize, want.len());
    // Every defect rule of the generator is exercised at this share.
    let rules: BTreeSet<&str> = want.iter().map(|e| e.0.as_str()).collect();
    assert!(rules.len() >= 12, "{rules:?}");
}

#[test]
fn kubernetes_manifests_are_linked_and_compliant() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("inv");
    let out = d.to_str().unwrap();
    let r = run(&[
        "generate",
        "--systems",
        "120",
        "--seed",
        "5",
        "--violations",
        "30",
        "--as-of",
        AS_OF,
        "--per-file",
        "50",
        "--kubernetes",
        "--output",
        out,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let manifests = tree(&d).into_iter().filter(|(p, _)| p.starts_with("k8s/")).count();
    assert_eq!(manifests, 3);
    let want = expected(&d);
    assert!(want.len() > 20, "{}", want.len());
    let (report, r) = check_json(out, &["--as-of", AS_OF]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // A Deployment and a NetworkPolicy per system, every one linked: no finding of their own.
    assert_eq!(report["summary"]["documents"]["configurations"], 240);
    assert_eq!(found(&report), want);
    let dumped = t.path().join("input.json");
    let r = run(&[
        "check",
        out,
        "--as-of",
        AS_OF,
        "--dump-input",
        dumped.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let input: serde_json::Value = serde_json::from_slice(&std::fs::read(&dumped).unwrap()).unwrap();
    let items = input["configurations"]["kubernetes"].as_array().unwrap();
    let deployments: Vec<_> = items.iter().filter(|i| i["kind"] == "Deployment").collect();
    assert_eq!(deployments.len(), 120);
    assert!(deployments
        .iter()
        .all(|i| i["systems"].as_array().is_some_and(|s| s.len() == 1)));
}

/// EXPECTED.tsv holds for any evaluation date the inventory is made for: the real end-of-support
/// dates of the servers' operating systems (2029 and later) do not become findings of their own.
#[test]
fn expected_findings_hold_for_a_later_date() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("later");
    let r = run(&[
        "generate",
        "--systems",
        "120",
        "--seed",
        "5",
        "--as-of",
        "2031-06-01",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (report, _) = check_json(dir.to_str().unwrap(), &["--as-of", "2031-06-01"]);
    assert_eq!(found(&report), expected(&dir));
}
