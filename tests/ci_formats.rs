//! CI integration: SARIF (validated against the official schema), JUnit, GitHub annotations,
//! Markdown, several outputs in one run, and accountable waivers in every format.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const MIXED: &str = "tests/fixtures/good/mixed";
const WAIVED: &str = "tests/fixtures/waivers";

fn sarif_of(path: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", path, "--format", "sarif", "--as-of", "2026-11-25"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert!(r.code <= 1, "{}", r.stderr);
    r.json()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    // The published schema (as copied from the OASIS repository) has a stray `]` in the pattern of
    // `language` (twice), which a strict meta-schema check rejects as an invalid regex. Repair that one
    // pattern in memory, and check that the repair touches only those.
    let text = std::fs::read_to_string(fixture("schemas/sarif-schema-2.1.0.json")).unwrap();
    let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(broken).count(), 2);
    let text = text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    // A run that cannot be trusted is reported in SARIF too (see
    // `a_failed_run_replaces_every_output_with_its_problems`).
    let failed = run(&["check", "tests/fixtures/bad/invalid_date", "--format", "sarif"]);
    assert_eq!(failed.code, 2);
    let errors: Vec<String> = validator
        .iter_errors(&failed.json())
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF of a failed run is invalid:\n{}",
        errors.join("\n")
    );
    for path in [MIXED, WAIVED] {
        let log = sarif_of(path, &[]);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "SARIF for {path} is invalid:\n{}", errors.join("\n"));
    }
}

#[test]
fn sarif_has_rules_results_locations_and_metadata() {
    let log = sarif_of(MIXED, &[]);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "sansho");
    assert!(run["tool"]["driver"]["version"].is_string());
    assert_eq!(run["automationDetails"]["id"], "sansho/tests/fixtures/good/mixed/");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let auth = rules.iter().find(|r| r["id"] == "SNS-AUTH-001").unwrap();
    assert!(auth["shortDescription"]["text"].as_str().unwrap().contains("Password"));
    assert!(auth["fullDescription"]["text"].is_string());
    assert!(auth["help"]["text"].is_string());
    assert!(auth["helpUri"].as_str().unwrap().ends_with("/SNS-AUTH-001.md"));
    assert_eq!(auth["properties"]["security-severity"], "8.0");
    assert!(auth["properties"]["tags"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("chk.r7.inst.2.7")));
    let results = run["results"].as_array().unwrap();
    let r = results.iter().find(|r| r["ruleId"] == "SNS-AUTH-001").unwrap();
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "tests/fixtures/good/mixed/systems.yaml");
    assert_eq!(loc["region"]["startLine"], 12);
    assert_eq!(loc["region"]["startColumn"], 7);
    assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], "SNS-AUTH-001");
    assert!(r["partialFingerprints"]["sansho/v1"].as_str().unwrap().len() == 64);
}

#[test]
fn sarif_messages_follow_lang() {
    let ja = sarif_of(MIXED, &["--lang", "ja"]);
    let text = ja["runs"][0]["results"][0]["message"]["text"].as_str().unwrap();
    assert!(text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)), "{text}");
}

#[test]
fn junit_lists_failures_and_passes_with_unique_names() {
    let r = run(&["check", MIXED, "--format", "junit", "--as-of", "2026-11-25"]);
    assert_eq!(r.code, 1);
    let xml = r.stdout;
    // Well-formed: read it back with an XML reader.
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut names = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    let mut suite = String::new();
    let mut failures = 0;
    let mut cases = 0;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attr = |k: &str| {
                    e.attributes().flatten().find(|a| a.key.as_ref() == k).map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .to_string()
                    })
                };
                match e.name().as_ref() {
                    "testsuite" => suite = attr("name").unwrap(),
                    "testcase" => {
                        cases += 1;
                        let n = attr("name").unwrap();
                        assert!(
                            names.entry(suite.clone()).or_default().insert(n.clone()),
                            "duplicate test case {n} in {suite}"
                        );
                    }
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(
        names.keys().any(|s| s.starts_with("checklist_r7_institution")),
        "{names:?}"
    );
    assert!(names.keys().any(|s| s.starts_with("guideline6")));
    // The receipt system passes the password rule: listed as a passing case.
    let inst = names
        .iter()
        .find(|(s, _)| s.starts_with("checklist_r7_institution"))
        .unwrap()
        .1;
    assert!(inst
        .iter()
        .any(|n| n.starts_with("SNS-AUTH-001") && n.ends_with("System/receipt")));
    assert!(inst
        .iter()
        .any(|n| n.starts_with("SNS-AUTH-001") && n.ends_with("System/ehr")));
    assert!(failures >= 1 && cases > failures);
}

#[test]
fn github_annotations_and_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let out = sansho()
        .args(["check", MIXED, "--format", "github", "--as-of", "2026-11-25"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout
            .lines()
            .any(|l| l
                .starts_with("::error file=tests/fixtures/good/mixed/systems.yaml,line=12,col=7,title=SNS-AUTH-001 ")),
        "{stdout}"
    );
    assert!(stdout
        .lines()
        .any(|l| l.starts_with("::warning ") && l.contains("SNS-AUTH-002")));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("| error | `SNS-AUTH-001`"), "{md}");
}

#[test]
fn several_outputs_in_one_run_with_human_summary_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("results.sarif");
    let junit = dir.path().join("report.xml");
    let md = dir.path().join("comment.md");
    let json = dir.path().join("report.json");
    let r = run(&[
        "check",
        MIXED,
        "--as-of",
        "2026-11-25",
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("junit={}", junit.display()),
        "--output",
        &format!("markdown={}", md.display()),
        "--output",
        &format!("json={}", json.display()),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("FAIL: 1 error"), "{}", r.stdout);
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(sarif).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    assert!(std::fs::read_to_string(junit).unwrap().starts_with("<?xml"));
    assert!(std::fs::read_to_string(md).unwrap().starts_with("## sansho"));
    let j: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(j["summary"]["errors"], 1);
    let bad = run(&["check", MIXED, "--output", "pdf=x.pdf"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn waived_findings_are_reported_but_do_not_fail() {
    let r = run(&["check", WAIVED, "--format", "json", "--as-of", "2026-11-25"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let v = r.json();
    assert_eq!(v["summary"]["waived"], 2);
    assert_eq!(v["summary"]["errors"], 0);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SNS-AUTH-001")
        .unwrap();
    assert_eq!(f["status"], "waived");
    assert_eq!(f["waiver"]["name"], "ehr-password-until-upgrade");
    assert_eq!(f["waiver"]["approver"], "情報システム委員会 委員長 山田 太郎");
    assert_eq!(f["waiver"]["expires"], "2027-05-31");
    // A waiver by requirement covers the 2FA rule; it expires within 30 days: a warning.
    let soon = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SNS-WAIVER-002")
        .unwrap();
    assert_eq!(soon["resource"]["name"], "twofa-by-requirement");
    assert_eq!(soon["level"], "warning");
    assert_eq!(soon["location"]["file"], "tests/fixtures/waivers/waivers.yaml");
    assert_eq!(soon["location"]["line"], 27, "points at `expires`");
}

#[test]
fn no_waivers_shows_the_true_state() {
    let r = run(&[
        "check",
        WAIVED,
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
        "--no-waivers",
    ]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(v["summary"]["waived"], 0);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn expired_waiver_is_an_error_and_suppresses_nothing() {
    let r = run(&["check", WAIVED, "--format", "json", "--as-of", "2027-06-01"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    let fs = v["findings"].as_array().unwrap();
    let expired: Vec<_> = fs
        .iter()
        .filter(|f| f["rule"] == "SNS-WAIVER-001")
        .map(|f| f["resource"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(expired, vec!["ehr-password-until-upgrade", "twofa-by-requirement"]);
    let pw = fs.iter().find(|f| f["rule"] == "SNS-AUTH-001").unwrap();
    assert_eq!(pw["status"], "open");
    // Expired waivers are not also reported as unused.
    assert!(!fs.iter().any(|f| f["rule"] == "SNS-WAIVER-003"));
}

#[test]
fn waivers_from_a_separate_file() {
    let r = run(&[
        "check",
        MIXED,
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
        "--waivers",
        "tests/fixtures/waivers/waivers.yaml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["summary"]["waived"], 2);
    assert!(v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["path"] == "tests/fixtures/waivers/waivers.yaml"));
}

#[test]
fn sarif_carries_suppressions_with_justification() {
    let log = sarif_of(WAIVED, &[]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let r = results.iter().find(|r| r["ruleId"] == "SNS-AUTH-001").unwrap();
    let s = &r["suppressions"][0];
    assert_eq!(s["kind"], "external");
    assert_eq!(s["status"], "accepted");
    assert!(s["justification"].as_str().unwrap().contains("電子カルテ更新"));
    assert_eq!(s["properties"]["expires"], "2027-05-31");
}

#[test]
fn malformed_waivers_are_untrusted_input() {
    let (p, _) = expect_problem(
        "tests/fixtures/waivers_bad/missing_approver",
        "schema",
        "missing_approver/w.yaml",
        Some(5),
    );
    assert!(p["message"].as_str().unwrap().contains("approver"));
    let (p, _) = expect_problem(
        "tests/fixtures/waivers_bad/unknown_rule",
        "unknown_reference",
        "unknown_rule/w.yaml",
        Some(6),
    );
    assert!(p["message"].as_str().unwrap().contains("SNS-AUTH-999"));
}

#[test]
fn markdown_report_for_merge_requests() {
    let r = run(&[
        "check",
        WAIVED,
        "--format",
        "markdown",
        "--as-of",
        "2026-11-25",
        "--lang",
        "ja",
    ]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("✅ 合格"), "{}", r.stdout);
    assert!(r.stdout.contains("waived (ehr-password-until-upgrade, ~2027-05-31)"));
}

/// CI reads the files it asked for after a failed step too (an upload step with `if: always()`):
/// a failed run must leave its failure there, not nothing and not the previous run's result.
#[test]
fn a_failed_run_replaces_every_output_with_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let file = |ext: &str| dir.path().join(format!("out.{ext}"));
    let formats = ["sarif", "junit", "github", "markdown", "human", "json"];
    for ext in formats {
        std::fs::write(file(ext), "the previous run's result\n").unwrap();
    }
    let specs: Vec<String> = formats.iter().map(|f| format!("{f}={}", file(f).display())).collect();
    let mut args = vec!["check", "tests/fixtures/bad/invalid_date", "--format", "junit"];
    for s in &specs {
        args.extend(["--output", s.as_str()]);
    }
    let r = run(&args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let read = |ext: &str| std::fs::read_to_string(file(ext)).unwrap();
    for ext in formats {
        assert!(!read(ext).contains("previous run"), "{ext} kept the old result");
    }
    let at = "tests/fixtures/bad/invalid_date/inventory.yaml";
    // SARIF: an unsuccessful invocation, the problem as a notification at its place, no results.
    let sarif: serde_json::Value = serde_json::from_str(&read("sarif")).unwrap();
    let inv = &sarif["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(inv["exitCode"], 2);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["descriptor"]["id"], "sansho::invalid_date");
    assert_eq!(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], at);
    assert_eq!(n["locations"][0]["physicalLocation"]["region"]["startLine"], 9);
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    // JUnit, on stdout and in the file alike: one error, well-formed.
    for xml in [r.stdout.as_str(), read("junit").as_str()] {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut errors = Vec::new();
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Start(e) if e.name().as_ref() == "error" => {
                    errors.push(
                        e.attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == "type")
                            .map(|a| a.value.to_string()),
                    );
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(errors, [Some("sansho::invalid_date".to_string())], "{xml}");
    }
    assert!(read("github").starts_with(&format!(
        "::error file={at},line=9,col=5,title=sansho%3A%3Ainvalid_date"
    )));
    assert!(read("markdown").contains(&format!("**sansho::invalid_date** `{at}:9:5`")));
    assert!(read("human").starts_with(&format!("{at}:9:5: sansho::invalid_date: ")));
    let json: serde_json::Value = serde_json::from_str(&read("json")).unwrap();
    assert_eq!(json["error"], true);
    assert_eq!(json["problems"][0]["code"], "invalid_date");
}

#[test]
fn two_outputs_may_not_name_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("out.sarif");
    std::fs::write(&f, "mine").unwrap();
    let a = format!("sarif={}", f.display());
    let b = format!("junit={}", f.display());
    let r = run(&["check", MIXED, "--as-of", "2026-11-25", "--output", &a, "--output", &b]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("both write"), "{}", r.stderr);
    // Left as it was: which of the two to keep is not for sansho to guess.
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "mine");
    let c = format!("json={}", f.display());
    let d = f.display().to_string();
    let r = run(&[
        "check",
        MIXED,
        "--as-of",
        "2026-11-25",
        "--output",
        &c,
        "--dump-input",
        &d,
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--dump-input"), "{}", r.stderr);
    // `-` is not standard output here: it was written as a file named `-`.
    let r = run(&["check", MIXED, "--as-of", "2026-11-25", "--dump-input", "-"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--dump-input takes a file name, not `-`"),
        "{}",
        r.stderr
    );
    assert!(!root().join("-").exists());
}

#[test]
fn an_output_never_replaces_or_joins_an_input() {
    // `--output json=inv/systems.yaml` replaced the inventory on a clean run; a new .json in
    // the inventory made the next run fail on it.
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inv");
    std::fs::create_dir(&inv).unwrap();
    let hospital = root().join("examples/hospital");
    for f in ["organization.yaml", "systems.yaml"] {
        std::fs::copy(hospital.join(f), inv.join(f)).unwrap();
    }
    let inv_s = inv.to_str().unwrap();
    let systems = std::fs::read(inv.join("systems.yaml")).unwrap();
    // The same file under another spelling, through a link, or new inside the inventory.
    std::os::unix::fs::symlink(inv.join("systems.yaml"), dir.path().join("link.yaml")).unwrap();
    let other = format!("{}/../inv/systems.yaml", inv_s);
    let link = dir.path().join("link.yaml").display().to_string();
    let new = inv.join("results.json").display().to_string();
    for (args, said) in [
        (
            vec!["--output".to_string(), format!("json={other}")],
            "would overwrite an input of",
        ),
        (
            vec!["--output".to_string(), format!("sarif={link}")],
            "would overwrite an input of",
        ),
        (
            vec!["--dump-input".to_string(), new.clone()],
            "writes into the input directory",
        ),
    ] {
        let mut all = vec!["check", inv_s, "--as-of", "2026-11-25"];
        all.extend(args.iter().map(String::as_str));
        let r = run(&all);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(said), "{args:?}: {}", r.stderr);
    }
    for cmd in ["report", "checklist"] {
        let r = run(&[cmd, inv_s, "--as-of", "2026-11-25", "--output", &other]);
        assert_eq!(r.code, 2, "{cmd}: {}", r.stderr);
        assert!(r.stderr.contains("would overwrite an input of"), "{}", r.stderr);
    }
    let r = run(&["matrix", inv_s, "--as-of", "2026-11-25", "--output", &new]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("writes into the input directory"), "{}", r.stderr);
    assert_eq!(std::fs::read(inv.join("systems.yaml")).unwrap(), systems);
    assert!(!inv.join("results.json").exists());
    // A hard link outside the inventory to one of its files: the output replaces the link,
    // not the file (outputs are written beside and renamed over).
    let hard = dir.path().join("hard.json");
    std::fs::hard_link(inv.join("systems.yaml"), &hard).unwrap();
    let r = run(&[
        "check",
        inv_s,
        "--as-of",
        "2026-11-25",
        "--output",
        &format!("json={}", hard.display()),
    ]);
    assert!(r.code < 2, "{}", r.stderr);
    assert_eq!(std::fs::read(inv.join("systems.yaml")).unwrap(), systems);
    assert!(std::fs::read_to_string(&hard).unwrap().contains("\"findings\""));
    // Beside the inventory, in a hidden directory in it, or a format not read as input: written.
    std::fs::create_dir(inv.join(".sansho")).unwrap();
    for out in [
        format!("json={}", dir.path().join("results.json").display()),
        format!("json={}", inv.join(".sansho/results.json").display()),
        format!("sarif={}", inv.join("results.sarif").display()),
    ] {
        let r = run(&["check", inv_s, "--as-of", "2026-11-25", "--output", &out]);
        assert!(r.code < 2, "{out}: {}", r.stderr);
    }
    assert!(inv.join(".sansho/results.json").exists() && inv.join("results.sarif").exists());
}

#[test]
fn waivers_must_say_who_why_and_what() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.yaml");
    std::fs::write(
        &file,
        "apiVersion: sansho/v1\nkind: Waiver\nmetadata:\n  name: blank\nspec:\n  rule: SNS-AUTH-001\n  selector: {}\n  reason: \"            \"\n  approver: \" \"\n  expires: 2027-01-31\n",
    )
    .unwrap();
    let (problems, _) = problems_of(MIXED, &["--waivers", file.to_str().unwrap()]);
    let got: Vec<&str> = problems.iter().map(|p| p["message"].as_str().unwrap()).collect();
    assert_eq!(
        got,
        [
            "`spec.approver` of Waiver is blank",
            "`spec.reason` of Waiver is blank",
            "`spec.selector` of Waiver is empty"
        ]
    );
    // A file given with --waivers holds waivers only.
    std::fs::write(
        &file,
        "apiVersion: sansho/v1\nkind: System\nmetadata:\n  name: stray\nspec:\n  category: ehr\n  hosting: on_premise\n  status: in_use\n",
    )
    .unwrap();
    let (problems, _) = problems_of(MIXED, &["--waivers", file.to_str().unwrap()]);
    assert_eq!(
        problems[0]["message"],
        "System `stray` is in a file given with --waivers"
    );
    assert_eq!(problems[0]["location"]["line"], 1);
}
