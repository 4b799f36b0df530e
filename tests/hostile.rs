//! Hostile inputs: each gives a clear problem naming the file (exit 2) or a correct result,
//! never a panic. Small cases are committed in tests/fixtures/hostile/; big ones (deep nesting,
//! alias bombs, huge strings and arrays, 10 000 files) are generated here at test time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use std::path::Path;

const AS_OF: &str = "2026-11-25";

fn hostile(name: &str) -> String {
    format!("tests/fixtures/hostile/{name}")
}

fn asset(name: &str, extra: &str) -> String {
    format!("apiVersion: sansho/v1\nkind: Asset\nmetadata:\n  name: {name}\nspec:\n  type: other\n  owner: x\n{extra}")
}

/// Exit 2 with a problem of `code` in a file ending with `file`, named on stderr.
fn problem_in(path: &str, code: &str, file: &str) -> serde_json::Value {
    let (problems, run) = problems_of(path, &[]);
    let p = problems
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` problem for {path}: {problems:#?}"))
        .clone();
    assert!(p["file"].as_str().unwrap().ends_with(file), "{p:#?}");
    assert!(p["help"].as_str().is_some_and(|h| !h.is_empty()), "{p:#?}");
    assert!(run.stderr.contains(file), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    p
}

fn tmp_path(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().unwrap().to_string()
}

#[test]
fn odd_unicode_in_free_text_is_read_as_written() {
    let (report, r) = check_json(&hostile("unicode_ok.yaml"), &["--as-of", AS_OF]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(report["summary"]["documents"]["assets"], 1);
}

#[test]
fn non_ascii_name_and_homoglyph_key_are_explained() {
    let p = problem_in(&hostile("unicode_name.yaml"), "missing_name", "unicode_name.yaml");
    assert_eq!(p["location"]["line"], 4);
    let p = problem_in(&hostile("homoglyph_key.yaml"), "schema", "homoglyph_key.yaml");
    assert!(p["message"].as_str().unwrap().contains("owner"), "{p:#?}");
}

#[test]
fn nul_byte_is_located() {
    let p = problem_in(&hostile("nul_byte.yaml"), "syntax", "nul_byte.yaml");
    assert_eq!(p["location"]["line"], 5);
    assert!(p["message"].as_str().unwrap().contains("NUL"), "{p:#?}");
}

#[test]
fn utf16_with_and_without_bom_and_latin1_say_what_to_convert() {
    for (file, needle) in [
        ("utf16le_nobom.yaml", "UTF-16"),
        ("utf16be_bom.yaml", "UTF-16"),
        ("latin1.yaml", "not UTF-8"),
    ] {
        let p = problem_in(&hostile(file), "not_utf8", file);
        assert!(p["message"].as_str().unwrap().contains(needle), "{p:#?}");
        assert!(p["help"].as_str().unwrap().contains("iconv"), "{p:#?}");
    }
}

#[test]
fn deep_nesting_is_refused_in_yaml_and_json() {
    let t = tempfile::tempdir().unwrap();
    let depth = 100_000;
    std::fs::write(
        t.path().join("deep.yaml"),
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
    )
    .unwrap();
    std::fs::write(
        t.path().join("deep.json"),
        format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)),
    )
    .unwrap();
    // Block-style nesting too (indentation, not brackets).
    let block: String = (0..2000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    std::fs::write(t.path().join("block.yaml"), block).unwrap();
    for f in ["deep.yaml", "deep.json", "block.yaml"] {
        problem_in(&tmp_path(t.path(), f), "too_deep", f);
    }
}

#[test]
fn alias_bomb_in_a_document_is_bounded() {
    let t = tempfile::tempdir().unwrap();
    let mut y = String::from("apiVersion: sansho/v1\nkind: Asset\nmetadata:\n  name: bomb\n  labels:\n    a0: &a0 lol\nspec:\n  type: other\n  owner: x\n  services:\n    running: &r0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    y.push_str("x:\n");
    for i in 1..12 {
        y.push_str(&format!(
            "  r{i}: &r{i} [{}]\n",
            vec![format!("*r{}", i - 1); 10].join(", ")
        ));
    }
    std::fs::write(t.path().join("bomb.yaml"), y).unwrap();
    problem_in(&tmp_path(t.path(), "bomb.yaml"), "too_many_nodes", "bomb.yaml");
}

#[test]
fn huge_string_and_huge_array_give_a_correct_result() {
    let t = tempfile::tempdir().unwrap();
    let big = "長".repeat(3_000_000); // 9 MB of UTF-8 in one scalar
    std::fs::write(
        t.path().join("string.yaml"),
        asset("big-string", &format!("  location: \"{big}\"\n")),
    )
    .unwrap();
    let items: Vec<String> = (0..300_000).map(|i| format!("svc{i}")).collect();
    std::fs::write(
        t.path().join("array.json"),
        format!(
            r#"{{"apiVersion":"sansho/v1","kind":"Asset","metadata":{{"name":"big-array"}},"spec":{{"type":"server","owner":"x","services":{{"unneeded_disabled":false,"running":{}}}}}}}"#,
            serde_json::to_string(&items).unwrap()
        ),
    )
    .unwrap();
    let (report, r) = check_json(t.path().to_str().unwrap(), &["--as-of", AS_OF]);
    assert_eq!(report["summary"]["documents"]["assets"], 2, "{}", r.stderr);
    // The server with 300 000 running services and no review is reported, as it should be.
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["resource"]["name"] == "big-array")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"SNS-SVC-001"), "{rules:?}");
}

#[test]
fn ten_thousand_files_load_and_the_file_limit_is_explained() {
    let t = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let sub = t.path().join(format!("d{:02}", i / 500));
        if i % 500 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("a{i:05}.yaml")), asset(&format!("a{i:05}"), "")).unwrap();
    }
    let dir = t.path().to_str().unwrap();
    let (report, r) = check_json(dir, &["--as-of", AS_OF]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(report["summary"]["files"], 10_000);
    assert_eq!(report["summary"]["documents"]["assets"], 10_000);
    let (problems, run) = problems_of(dir, &["--max-files", "9999"]);
    assert!(problems.iter().any(|p| p["code"] == "too_many_files"), "{problems:#?}");
    assert!(run.stderr.contains("--max-files"), "{}", run.stderr);
}
