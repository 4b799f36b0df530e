//! Helpers shared by the end-to-end tests: run the real `sansho` binary.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use std::path::PathBuf;

/// The repository root (tests run with the `cli/` package as working directory).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// `sansho` with a fixed environment: English, no colours, from the repository root.
pub fn sansho() -> Command {
    let mut c = Command::cargo_bin("sansho").unwrap();
    c.current_dir(root())
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SANSHO_AS_OF")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1");
    c
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }
}

pub fn run(args: &[&str]) -> Run {
    output_of(sansho().args(args))
}

/// Runs a prepared command and captures its exit code and output.
pub fn output_of(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// `sansho check PATH --format json` plus `extra`, expecting a trusted run (exit 0 or 1).
pub fn check_json(path: &str, extra: &[&str]) -> (serde_json::Value, Run) {
    let mut args = vec!["check", path, "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert!(
        r.code == 0 || r.code == 1,
        "exit {}:\n{}\n{}",
        r.code,
        r.stdout,
        r.stderr
    );
    (r.json(), r)
}

/// Runs `sansho check --format json` on a path, expecting exit 2, and returns the problems.
pub fn problems_of(path: &str, extra: &[&str]) -> (Vec<serde_json::Value>, Run) {
    let mut args = vec!["check", path, "--format", "json", "--as-of", "2026-11-25"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(
        r.code, 2,
        "expected exit 2 for {path}\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    let v = r.json();
    assert_eq!(v["error"], true);
    let problems = v["problems"].as_array().cloned().unwrap_or_default();
    assert!(!problems.is_empty(), "no problems reported for {path}");
    (problems, r)
}

/// The single problem with `code`, asserting where it points.
pub fn expect_problem(path: &str, code: &str, file_suffix: &str, line: Option<u64>) -> (serde_json::Value, Run) {
    let (problems, run) = problems_of(path, &[]);
    let p = problems
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` problem for {path}: {problems:#?}"))
        .clone();
    let file = p["file"].as_str().unwrap_or_default();
    assert!(
        file.ends_with(file_suffix),
        "problem file {file} does not end with {file_suffix}"
    );
    if let Some(line) = line {
        assert_eq!(p["location"]["line"], line, "{p:#?}");
        assert!(p["location"]["column"].as_u64().unwrap() >= 1);
    }
    assert!(
        p["help"].as_str().is_some_and(|h| !h.is_empty()),
        "problem without help: {p:#?}"
    );
    // The human rendering names the file too.
    assert!(
        run.stderr.contains(file_suffix),
        "stderr does not name {file_suffix}:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    (p, run)
}
