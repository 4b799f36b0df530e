//! The CI set-ups documented in `docs/ci.md` really work: every `sansho` command in its GitHub
//! Actions workflow, GitLab CI job and pre-commit configuration is run on a copy of the bundled
//! hospital example, and the files those set-ups hand to the CI system are checked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use common::*;
use std::path::Path;

/// The body of the fenced block whose info string is `yaml <name>`.
fn block(name: &str) -> serde_json::Value {
    block_in("docs/ci.md", name)
}

/// The same, in another page.
fn block_in(page: &str, name: &str) -> serde_json::Value {
    let doc = std::fs::read_to_string(root().join(page)).unwrap();
    let fence = format!("```yaml {name}\n");
    let start = doc
        .find(&fence)
        .unwrap_or_else(|| panic!("{page} has no ```yaml {name} block"))
        + fence.len();
    let end = start + doc[start..].find("```").unwrap();
    yaml_serde::from_str(&doc[start..end]).unwrap_or_else(|e| panic!("the {name} block is not valid YAML: {e}"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A scratch repository holding the hospital example as `inventory/`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/hospital"), &dir.path().join("inventory"));
    dir
}

/// Runs a documented shell line `sansho …` inside `dir`.
fn run_line(dir: &Path, line: &str, env: &[(&str, &Path)]) -> Run {
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(words[0], "sansho", "{line}");
    let mut cmd = sansho();
    cmd.current_dir(dir).args(&words[1..]).env("SANSHO_AS_OF", "2026-11-25");
    for (k, v) in env {
        cmd.env(k, v);
    }
    output_of(&mut cmd)
}

fn sansho_lines(commands: impl Iterator<Item = String>) -> Vec<String> {
    commands.filter(|c| c.starts_with("sansho ")).collect()
}

#[test]
fn github_actions_workflow() {
    let wf = block("github-actions");
    assert_eq!(wf["permissions"]["security-events"], "write");
    let steps = wf["jobs"]["sansho"]["steps"].as_array().unwrap();
    let lines = sansho_lines(steps.iter().filter_map(|s| s["run"].as_str().map(str::to_string)));
    assert_eq!(lines.len(), 1, "{lines:?}");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
        })
        .unwrap();
    assert_eq!(
        upload["if"], "always()",
        "the SARIF must be uploaded when the check fails"
    );

    let dir = repo();
    let summary = dir.path().join("step-summary.md");
    let r = run_line(dir.path(), &lines[0], &[("GITHUB_STEP_SUMMARY", &summary)]);
    assert_eq!(r.code, 1, "the example has findings: {}", r.stderr);
    assert!(
        r.stdout.lines().any(|l| l.starts_with("::error file=inventory/")),
        "{}",
        r.stdout
    );
    let sarif_file = upload["with"]["sarif_file"].as_str().unwrap();
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(sarif_file)).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.starts_with("inventory/"),
        "code scanning needs repository-relative paths: {uri}"
    );
    assert_eq!(
        sarif["runs"][0]["automationDetails"]["id"]
            .as_str()
            .unwrap()
            .split('/')
            .next(),
        upload["with"]["category"].as_str()
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("| `SNS-MEDIA-001`"), "{md}");
}

#[test]
fn gitlab_ci_job() {
    let job = block("gitlab-ci");
    let job = &job["sansho"];
    let lines = sansho_lines(
        job["script"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string()),
    );
    assert_eq!(lines.len(), 1);
    let dir = repo();
    let r = run_line(dir.path(), &lines[0], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(job["artifacts"]["when"], "always");
    let junit = job["artifacts"]["reports"]["junit"].as_str().unwrap();
    let xml = std::fs::read_to_string(dir.path().join(junit)).unwrap();
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains("<testsuites") && xml.contains("<failure"), "{xml}");
    for p in job["artifacts"]["paths"].as_array().unwrap() {
        assert!(dir.path().join(p.as_str().unwrap()).is_file(), "{p} was not written");
    }
    // The human summary still goes to the job log.
    assert!(r.stdout.contains("SNS-") || r.stderr.contains("SNS-"));
}

#[test]
fn pre_commit_hook() {
    let config = block("pre-commit-config");
    let hooks: serde_json::Value =
        yaml_serde::from_str(&std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap()).unwrap();
    let used = &config["repos"][0]["hooks"][0];
    let hook = hooks
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == used["id"])
        .expect("the documented hook id exists");
    assert_eq!(hook["pass_filenames"], false);
    let mut line = hook["entry"].as_str().unwrap().to_string();
    for a in used["args"].as_array().unwrap() {
        line.push(' ');
        line.push_str(a.as_str().unwrap());
    }
    let dir = repo();
    let r = run_line(dir.path(), &line, &[]);
    assert_eq!(r.code, 1, "a hook must fail the commit on findings: {}", r.stderr);
    // …and pass once the inventory is clean.
    let clean = tempfile::tempdir().unwrap();
    copy_dir(&fixture("good/minimal"), &clean.path().join("inventory"));
    let r = run_line(clean.path(), &line, &[]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
}

#[test]
fn infrastructure_repository_workflow() {
    let wf = block_in("docs/infrastructure.md", "infra-github-actions");
    let steps = wf["jobs"]["plan-and-check"]["steps"].as_array().unwrap();
    let runs: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect();
    // The plan and the rendered chart land where the linked System expects them.
    assert!(runs
        .iter()
        .any(|r| r.contains("show -json plan.out > inventory/infra/plan.json")));
    assert!(runs.iter().any(|r| r.contains("> inventory/k8s/karte.yaml")));
    let lines = sansho_lines(runs.into_iter());
    assert_eq!(lines.len(), 1, "{lines:?}");
    // The vendor example stands in for the repository's inventory/ after plan and render.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/vendor-saas"), &dir.path().join("inventory"));
    let r = run_line(dir.path(), &lines[0], &[]);
    assert_eq!(r.code, 1, "the example plan has gaps: {}", r.stderr);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("::error file=inventory/infra/plan.json,")),
        "{}",
        r.stdout
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
        })
        .unwrap();
    assert_eq!(upload["if"], "always()");
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(upload["with"]["sarif_file"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(uris.contains(&"inventory/infra/plan.json"), "{uris:?}");
    assert!(uris.contains(&"inventory/k8s/karte.yaml"), "{uris:?}");
}
