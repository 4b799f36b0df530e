//! `docs/authoring.md` stays true: every `sansho` line of its `sh walkthrough` blocks runs, in
//! order, in a scratch directory holding the hospital example as `inventory/`; a ```text block
//! right after a walkthrough block is that block's exact output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use common::*;

/// (commands, expected stdout) for each walkthrough block.
fn walkthrough() -> Vec<(Vec<String>, Option<String>)> {
    let doc = std::fs::read_to_string(root().join("docs/authoring.md")).unwrap();
    let mut out = Vec::new();
    let mut rest = doc.as_str();
    let fence = "```sh walkthrough\n";
    while let Some(i) = rest.find(fence) {
        let body_start = i + fence.len();
        let body_end = body_start + rest[body_start..].find("```").unwrap();
        let lines: Vec<String> = rest[body_start..body_end]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        rest = &rest[body_end + 3..];
        let expected = rest
            .trim_start_matches('\n')
            .strip_prefix("\n```text\n")
            .or_else(|| rest.trim_start_matches('\n').strip_prefix("```text\n"))
            .map(|t| t[..t.find("```").unwrap()].to_string());
        out.push((lines, expected));
    }
    out
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn the_walkthrough_runs_as_written() {
    let blocks = walkthrough();
    assert!(blocks.len() >= 5, "walkthrough blocks missing");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/hospital"), &dir.path().join("inventory"));
    let mut ran = 0;
    for (lines, expected) in blocks {
        let mut stdout = String::new();
        for line in &lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(words[0], "sansho", "{line}");
            let mut cmd = sansho();
            cmd.current_dir(dir.path())
                .args(&words[1..])
                .env("SANSHO_AS_OF", "2026-11-25");
            let r = output_of(&mut cmd);
            // `check` on the hospital example has findings (exit 1); everything else is clean.
            let want = if words[1] == "check" { 1 } else { 0 };
            assert_eq!(r.code, want, "`{line}` exited {}:\n{}\n{}", r.code, r.stdout, r.stderr);
            if words[1] == "check" {
                assert!(
                    r.stdout.contains("ACME-OPS-001"),
                    "the custom rule did not report:\n{}",
                    r.stdout
                );
            }
            stdout.push_str(&r.stdout);
            ran += 1;
        }
        if let Some(text) = expected {
            assert_eq!(
                stdout.trim_end(),
                text.trim_end(),
                "output of {lines:?} differs from docs/authoring.md"
            );
        }
    }
    assert!(ran >= 8);
}
