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

/// (file, line, rule) of every marked gap below `dir`.
fn marked_gaps(dir: &str) -> Vec<(String, u64, String)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            if let Some(rest) = line.split("意図的な不備 ").nth(1) {
                let file = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
                // One or more `[RULE-ID]` right after the marker.
                let mut rest = rest.trim_start();
                while let Some(tail) = rest.strip_prefix('[') {
                    let (rule, after) = tail.split_once(']').unwrap();
                    out.push((file.clone(), i as u64 + 1, rule.to_string()));
                    rest = after.trim_start();
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
        for (file, line, rule) in gaps {
            let hit = findings.iter().any(|f| {
                f["rule"] == rule.as_str()
                    && f["location"]["file"] == file.as_str()
                    && (line.saturating_sub(8)..=line + 1).contains(&f["location"]["line"].as_u64().unwrap())
            });
            assert!(
                hit,
                "{file}:{line}: {rule} should report the marked gap; findings: {findings:#?}"
            );
        }
    }
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
