//! The audit report of the hospital example in a real browser (Debian's headless Chromium):
//! the page loads without console errors and its DOM shows the counts `check --format json`
//! gives; a screenshot is taken. Needs `/usr/bin/chromium`; `.ci/run` installs it and runs
//! `cargo test -p sansho --test report_browser -- --ignored`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;

use common::{check_json, run};
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2026-11-25";

fn chromium() -> PathBuf {
    let p = std::env::var_os("SANSHO_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        p.exists(),
        "{} not found: install Debian's chromium (apt-get install -y chromium)",
        p.display()
    );
    p
}

/// Runs headless Chromium on `page` with `extra` arguments; returns (stdout, console lines).
fn headless(page: &Path, profile: &Path, extra: &[&str]) -> (String, Vec<String>) {
    let url = format!("file://{}", page.display());
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).to_string(), console)
}

/// The text of the element whose opening tag contains `marker`.
fn text_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker} in the DOM"));
    let rest = &html[at..];
    let start = rest.find('>').unwrap() + 1;
    let end = rest[start..].find('<').unwrap();
    &rest[start..start + end]
}

#[test]
#[ignore = "needs Debian chromium; .ci/run installs it and runs it"]
fn the_report_renders_in_chromium_with_the_expected_counts() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let r = run(&[
        "report",
        "examples/hospital",
        "--as-of",
        AS_OF,
        "--output",
        page.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let profile = dir.path().join("profile");

    // The console capture works: a page with a script error is caught.
    let broken = dir.path().join("broken.html");
    std::fs::write(
        &broken,
        "<!DOCTYPE html><p>x</p><script>console.error('boom'); nope();</script>",
    )
    .unwrap();
    let (_, console) = headless(&broken, &profile, &["--dump-dom"]);
    assert!(
        console.iter().any(|l| l.contains("boom")) && console.iter().any(|l| l.contains("nope")),
        "the console of a broken page was not captured: {console:?}"
    );

    let (dom, console) = headless(&page, &profile, &["--dump-dom"]);
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(dom.contains("<svg"), "the charts are in the DOM");
    let (v, _) = check_json("examples/hospital", &["--as-of", AS_OF]);
    let s = &v["summary"];
    assert_eq!(text_after(&dom, "id=\"count-errors\""), s["errors"].to_string());
    assert_eq!(text_after(&dom, "id=\"count-warnings\""), s["warnings"].to_string());
    assert_eq!(text_after(&dom, "id=\"count-waived\""), s["waived"].to_string());
    let open = v["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "non_compliant" || r["status"] == "attestation_missing")
        .count();
    assert_eq!(text_after(&dom, "id=\"open-count\""), open.to_string());
    let inst = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["source"] == "checklist_r7_institution")
        .unwrap();
    let row_at = dom.find("data-source=\"checklist_r7_institution\"").unwrap();
    let row = &dom[row_at..];
    assert_eq!(
        text_after(row, "data-status=\"non_compliant\""),
        inst["counts"]["non_compliant"].to_string()
    );

    // A screenshot, as docs/reports.md shows how to take one.
    let png = dir.path().join("report.png");
    let shot = format!("--screenshot={}", png.display());
    let (_, console) = headless(&page, &profile, &[&shot, "--window-size=1280,2000"]);
    assert!(console.is_empty(), "console messages: {console:#?}");
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        bytes.len() > 20_000,
        "the screenshot is nearly empty ({} bytes)",
        bytes.len()
    );

    // The checklist's HTML loads cleanly too and shows the answers.
    let list = dir.path().join("checklist.html");
    let r = run(&[
        "checklist",
        "examples/hospital",
        "--as-of",
        AS_OF,
        "--list",
        "institution",
        "--output",
        list.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (dom, console) = headless(&list, &profile, &["--dump-dom"]);
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(dom.contains("<td>2-⑨</td>") && dom.contains("<td>いいえ</td>"), "{dom}");
}
