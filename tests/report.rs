//! `sansho report`: the self-contained HTML audit report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;

use common::{check_json, root, run};
use serde_json::Value;

const AS_OF: &str = "2026-11-25";

fn report_of(path: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", path, "--as-of", AS_OF];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

/// The text of the element whose opening tag contains `marker`, up to the next `<`.
fn text_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &html[at..];
    let start = rest.find('>').unwrap() + 1;
    let end = rest[start..].find('<').unwrap();
    &rest[start..start + end]
}

#[test]
fn the_counts_match_check_json() {
    let html = report_of("examples/hospital", &[]);
    let (v, _) = check_json("examples/hospital", &["--as-of", AS_OF]);
    for src in v["sources"].as_array().unwrap() {
        let name = src["source"].as_str().unwrap();
        let row_at = html
            .find(&format!("<tr data-source=\"{name}\"><td>"))
            .unwrap_or_else(|| panic!("no status row for {name}"));
        let row = &html[row_at..row_at + html[row_at..].find("</tr>").unwrap()];
        for status in [
            "compliant",
            "non_compliant",
            "attestation_missing",
            "waived",
            "not_applicable",
            "not_evaluated",
        ] {
            let want = src["counts"].get(status).and_then(Value::as_u64).unwrap_or(0);
            let got: u64 = text_after(row, &format!("data-status=\"{status}\"")).parse().unwrap();
            assert_eq!(got, want, "{name} {status}");
        }
        let total: u64 = text_after(row, "data-status=\"total\"").parse().unwrap();
        assert_eq!(total, src["total"].as_u64().unwrap(), "{name}");
        let attested = v["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["source"] == name && r["status"] == "compliant" && r["treatment"] == "attested")
            .count();
        let got: usize = text_after(row, "data-status=\"attested\"").parse().unwrap();
        assert_eq!(got, attested, "{name} met by attestation");
        if name == "guideline6" {
            assert!(attested > 0, "the hospital attests some Guideline 6.0 duties");
        }
    }
    let s = &v["summary"];
    for (id, key) in [
        ("count-errors", "errors"),
        ("count-warnings", "warnings"),
        ("count-waived", "waived"),
    ] {
        assert_eq!(
            text_after(&html, &format!("id=\"{id}\"")),
            s[key].as_u64().unwrap().to_string(),
            "{id}"
        );
    }
    let open = v["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "non_compliant" || r["status"] == "attestation_missing")
        .count();
    assert_eq!(text_after(&html, "id=\"open-count\""), open.to_string());
    // Every input is listed with its hash, the waiver file as a waiver.
    for input in v["inputs"].as_array().unwrap() {
        assert!(html.contains(input["sha256"].as_str().unwrap()), "{input}");
    }
    assert!(html.contains("<code>examples/hospital/waivers.yaml</code></td><td>例外承認</td>"));
    assert_eq!(text_after(&html, "id=\"evaluated-at\""), AS_OF);
}

#[test]
fn non_compliant_requirements_show_the_inventory_line() {
    let html = report_of("examples/hospital", &[]);
    let at = html.find("id=\"req-chk.r7.inst.2.9\"").expect("2-⑨ is not met");
    let article = &html[at..at + html[at..].find("</article>").unwrap()];
    assert!(article.contains("SNS-MEDIA-001"));
    assert!(article.contains("examples/hospital/assets.yaml:189:3"));
    // The recorded line is highlighted, with three lines either side.
    assert!(
        article.contains("<span class=\"hit\">  189 |   usb_storage: allowed"),
        "{article}"
    );
    assert!(article.contains("  186 | ") && article.contains("  192 | "));
    // Waivers are listed with their expiry.
    let w = &html[html.find("id=\"waivers\"").unwrap()..];
    assert!(w.contains("pacs-password-until-renewal") && w.contains("2027-02-28"));
}

#[test]
fn the_report_loads_nothing_from_outside_and_is_deterministic() {
    let a = report_of("examples/hospital", &["--jobs", "1"]);
    let b = report_of("examples/hospital", &["--jobs", "2"]);
    assert!(a == b, "two runs differ");
    for bad in [
        "<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "http://", "https://",
    ] {
        assert!(!a.contains(bad), "the report contains {bad}");
    }
    assert!(a.contains("<svg") && a.contains("<style>"));
    let en = report_of("examples/hospital", &["--lang", "en"]);
    assert!(en.contains("<html lang=\"en\">") && en.contains("Requirements not met"));
}

#[test]
fn hostile_inventory_strings_are_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("examples/hospital")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    // A script in a value on a line the report quotes, and in the waiver reason.
    let assets = dir.path().join("assets.yaml");
    let text = std::fs::read_to_string(&assets).unwrap();
    let text = text.replacen(
        "  usb_storage: allowed",
        "  usb_storage: allowed  # <script>alert(1)</script> & \"quotes\"",
        1,
    );
    std::fs::write(&assets, text).unwrap();
    let waivers = dir.path().join("waivers.yaml");
    let text = std::fs::read_to_string(&waivers).unwrap();
    let text = text.replacen("  reason: ", "  reason: <img src=x onerror=alert(2)> ", 1);
    std::fs::write(&waivers, text).unwrap();
    let html = report_of(dir.path().to_str().unwrap(), &[]);
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
}

#[test]
fn the_report_is_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let r = run(&[
        "report",
        "examples/clinic",
        "--as-of",
        AS_OF,
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // A bad inventory is a problem (exit 2), and no file is written.
    let bad = dir.path().join("bad.html");
    let r = run(&[
        "report",
        "tests/fixtures/bad/syntax",
        "--as-of",
        AS_OF,
        "--output",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(!bad.exists());
}
