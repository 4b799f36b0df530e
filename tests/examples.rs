//! The bundled examples (`examples/*/`) are valid inventories, and every deliberate gap marked in
//! them with a comment `# 意図的な不備 [RULE-ID] [RULE-ID…]: …` is found by that rule at (or just above) the
//! marked line — so the examples stay honest as the pack grows.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use common::*;

fn examples() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| format!("examples/{}", e.file_name().to_string_lossy()))
        .collect();
    out.sort();
    out
}

/// Where a marked gap must be reported.
#[derive(Debug)]
enum At {
    /// A line of a YAML file (the marker is a comment on it).
    Line(u64),
    /// A resource of a JSON file, which cannot hold comments: the marker lives in a sidecar
    /// `<file>.gaps` as `意図的な不備 [RULE-ID…] @<resource address>: …`.
    Resource(String),
}

/// Every file below `dir`, in path order.
fn files_below(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// (file, place, rule) of every marked gap below `dir`.
fn marked_gaps(dir: &str) -> Vec<(String, At, String)> {
    let mut out = Vec::new();
    let base = root().join(dir);
    for path in files_below(&base) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = path.strip_prefix(&base).unwrap().to_string_lossy().replace('\\', "/");
        let (file, sidecar) = match rel.strip_suffix(".gaps") {
            Some(target) => (format!("{dir}/{target}"), true),
            None => (format!("{dir}/{rel}"), false),
        };
        for (i, line) in text.lines().enumerate() {
            // A sidecar's `#` lines are comments about it, not markers.
            if sidecar && line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.split("意図的な不備 ").nth(1) {
                // One or more `[RULE-ID]` right after the marker.
                let mut rest = rest.trim_start();
                let mut rules = Vec::new();
                while let Some(tail) = rest.strip_prefix('[') {
                    let (rule, after) = tail.split_once(']').unwrap();
                    rules.push(rule.to_string());
                    rest = after.trim_start();
                }
                let at = if sidecar {
                    let address = rest
                        .strip_prefix('@')
                        .and_then(|r| r.split(':').next())
                        .unwrap_or_else(|| panic!("{file}.gaps:{}: expected `@<address>:` after the rule ids", i + 1));
                    At::Resource(address.trim().to_string())
                } else {
                    At::Line(i as u64 + 1)
                };
                for rule in rules {
                    let at = match &at {
                        At::Line(l) => At::Line(*l),
                        At::Resource(a) => At::Resource(a.clone()),
                    };
                    out.push((file.clone(), at, rule));
                }
            }
        }
    }
    out
}

#[test]
fn there_are_five_examples() {
    assert_eq!(
        examples(),
        [
            "examples/clinic",
            "examples/hospital",
            "examples/kaede-hospital",
            "examples/tsubasa-cloud",
            "examples/vendor-saas"
        ]
    );
}

#[test]
fn every_example_is_valid_and_every_marked_gap_is_found() {
    for dir in examples() {
        let (v, _) = check_json(&dir, &["--as-of", "2026-11-25"]);
        let findings = v["findings"].as_array().unwrap();
        let gaps = marked_gaps(&dir);
        assert!(!gaps.is_empty(), "{dir} marks no deliberate gap");
        for (file, at, rule) in gaps {
            let hit = findings.iter().any(|f| {
                f["rule"] == rule.as_str()
                    && f["location"]["file"] == file.as_str()
                    && match &at {
                        At::Line(line) => {
                            (line.saturating_sub(8)..=line + 1).contains(&f["location"]["line"].as_u64().unwrap())
                        }
                        At::Resource(address) => f["resource"]["name"] == address.as_str(),
                    }
            });
            assert!(
                hit,
                "{file} {at:?}: {rule} should report the marked gap; findings: {findings:#?}"
            );
        }
    }
}

#[test]
fn the_vendor_example_checks_its_terraform_plan_and_kubernetes_manifests() {
    let (v, r) = check_json("examples/vendor-saas", &["--as-of", "2026-11-25"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(v["summary"]["documents"]["configurations"], 27);
    let on = |rule: &str, name: &str| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule && f["resource"]["name"] == name)
            .map(|f| format!("{}:{}", f["location"]["file"].as_str().unwrap(), f["location"]["line"]))
            .collect()
    };
    // The contradiction is reported on the System's line and on the plan's resource.
    assert_eq!(
        on("SNS-IAC-008", "medicloud-karte"),
        [
            "examples/vendor-saas/systems.yaml:97",
            "examples/vendor-saas/systems.yaml:134"
        ]
    );
    assert_eq!(on("SNS-IAC-008", "aws_backup_vault.osaka").len(), 1);
    // The region of a resource made with an aliased provider is the alias's region, located
    // where the plan sets it.
    let analytics = on("SNS-IAC-003", "aws_s3_bucket.analytics");
    assert_eq!(analytics.len(), 1);
    let plan = std::fs::read_to_string(root().join("examples/vendor-saas/infra/plan.json")).unwrap();
    let line: usize = analytics[0].rsplit(':').next().unwrap().parse().unwrap();
    assert!(
        plan.lines().nth(line - 1).unwrap().contains("us-east-1"),
        "{}",
        analytics[0]
    );
}

#[test]
fn the_hospital_waiver_is_applied_and_reported() {
    let (v, _) = check_json("examples/hospital", &["--as-of", "2026-11-25"]);
    let waived: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "waived")
        .collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["waiver"]["name"], "pacs-password-until-renewal");
    // After the waiver expires, the same gap is open again and the waiver itself is an error.
    let (v, r) = check_json("examples/hospital", &["--as-of", "2027-03-01"]);
    assert_eq!(r.code, 1, "an expired waiver fails the run");
    let fs = v["findings"].as_array().unwrap();
    assert!(fs.iter().any(|f| f["rule"] == "SNS-AUTH-001" && f["status"] == "open"));
    assert!(fs
        .iter()
        .any(|f| f["rule"] == "SNS-WAIVER-001" && f["level"] == "error"));
}
