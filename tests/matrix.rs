//! `sansho matrix` (the responsibility matrix in every format, and the two-sided cross-check)
//! and `sansho disclosure`, on the kaede-hospital / tsubasa-cloud examples.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use common::*;
use serde_json::Value;

const INST: &str = "examples/kaede-hospital";
const VEND: &str = "examples/tsubasa-cloud";

fn matrix_json(path: &str, extra: &[&str]) -> Value {
    let mut args = vec!["matrix", path, "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()
}

fn row<'a>(m: &'a Value, req: &str) -> &'a Value {
    m["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"] == req)
        .unwrap_or_else(|| panic!("no row {req}"))
}

fn cells<'a>(m: &'a Value, req: &str, party: &str) -> Vec<&'a Value> {
    row(m, req)["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["party"] == party)
        .collect()
}

#[test]
fn columns_are_the_parties_institution_first_then_vendors_then_subcontractors() {
    let m = matrix_json(INST, &[]);
    let cols: Vec<(&str, &str)> = m["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["organization"].as_str().unwrap(), p["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        cols,
        [
            ("kaede-hospital", "institution"),
            ("tsubasa-cloud", "vendor"),
            ("kirin-imaging", "vendor"),
            ("hoshi-dc", "subcontractor")
        ]
    );
    assert_eq!(m["parties"][1]["legal_name"], "つばさクラウド株式会社");
}

#[test]
fn cells_carry_owner_description_evidence_and_location() {
    let m = matrix_json(INST, &[]);
    // chk.r7.inst.3.2: the cloud vendor for the EHR, the hospital itself for the PACS.
    let v = cells(&m, "chk.r7.inst.3.2", "tsubasa-cloud");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["contract"], "karte-cloud");
    assert_eq!(v[0]["share"], "owner");
    assert_eq!(v[0]["evidence"][0]["text"], "サービス仕様書 5章");
    assert_eq!(v[0]["location"]["file"], "examples/kaede-hospital/contracts.yaml");
    assert_eq!(v[0]["location"]["line"], 54);
    let h = cells(&m, "chk.r7.inst.3.2", "kaede-hospital");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0]["contract"], "pacs-remote-maintenance");
    // Shared: one cell in each of the two columns, both marked shared.
    for party in ["kaede-hospital", "tsubasa-cloud"] {
        let c = cells(&m, "chk.r7.inst.2.10", party);
        assert_eq!(c.len(), 1, "{party}");
        assert_eq!(c[0]["share"], "shared");
    }
    assert!(cells(&m, "chk.r7.inst.2.10", "kirin-imaging").is_empty());
    // Rows follow the catalog order and carry its title.
    assert_eq!(
        row(&m, "chk.r7.inst.2.6")["title"]["en"],
        "Security patches (firmware/updates) are applied"
    );
}

#[test]
fn requirements_in_scope_without_an_owner_are_rows_marked_unassigned() {
    // The same scope as SNS-CONTRACT-019: the PACS contract permits remote maintenance, so the
    // remote maintenance devices (2-②) are in scope, and nobody carries them.
    let m = matrix_json(INST, &["--as-of", "2026-11-25"]);
    let r = row(&m, "chk.r7.inst.2.2");
    assert!(r["cells"].as_array().unwrap().is_empty());
    assert_eq!(r["unassigned_in"], serde_json::json!(["pacs-remote-maintenance"]));
    assert!(row(&m, "chk.r7.inst.2.6").get("unassigned_in").is_none());
    let (v, _) = check_json(INST, &["--as-of", "2026-11-25"]);
    let gap = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SNS-CONTRACT-019")
        .unwrap();
    assert!(gap["message"]["en"]
        .as_str()
        .unwrap()
        .contains("pacs-remote-maintenance assigns no owner to chk.r7.inst.2.2;"));
    // The scope follows the parameter in the inventory's sansho.yaml, as the rule does.
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(root().join(INST)).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("sansho.yaml"),
        "parameters:\n  contract_required_responsibilities: [chk.r7.inst.2.6, v2.6.1]\n",
    )
    .unwrap();
    let m = matrix_json(dir.path().to_str().unwrap(), &["--as-of", "2026-11-25"]);
    assert_eq!(
        row(&m, "v2.6.1")["unassigned_in"],
        serde_json::json!(["karte-cloud", "pacs-remote-maintenance"])
    );
    // A fully assigned inventory has no unassigned column at all.
    let md = run(&["matrix", VEND, "--lang", "en"]);
    assert!(!md.stdout.contains("Unassigned"), "{}", md.stdout);
}

#[test]
fn a_yes_disclosure_answer_is_vendor_evidence() {
    let m = matrix_json(VEND, &[]);
    let v = cells(&m, "chk.r7.inst.3.2", "tsubasa-cloud");
    let texts: Vec<&str> = v[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "サービス仕様書 5章",
            "SDS 5.0 mds5.dtbk-1: yes",
            "SDS 5.0 mds5.dtbk-2: yes"
        ]
    );
    let d = &v[0]["evidence"][1];
    assert_eq!(d["source"], "disclosure");
    assert_eq!(d["location"]["file"], "examples/tsubasa-cloud/contracts.yaml");
    // The institution's share of the same shared row gets no vendor disclosure.
    let h = cells(&m, "chk.r7.inst.3.2", "kaede-hospital");
    assert_eq!(h[0]["evidence"].as_array().unwrap().len(), 1);
    // A subcontractor's cell.
    let s = cells(&m, "g6.sys.12.a", "hoshi-dc");
    assert_eq!(s[0]["owner"], "subcontractor:hoshi-dc");
}

#[test]
fn markdown_csv_and_html_show_the_same_cells() {
    let md = run(&["matrix", INST, "--lang", "en"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.starts_with("# Responsibility matrix\n"));
    assert!(md.stdout.contains(
        "| Requirement | Title | kaede-hospital (institution) | tsubasa-cloud (vendor) | kirin-imaging (vendor) | hoshi-dc (subcontractor) |"
    ));
    let line = md
        .stdout
        .lines()
        .find(|l| l.starts_with("| `chk.r7.inst.3.2`"))
        .unwrap();
    let cols: Vec<&str> = line.split(" | ").collect();
    assert_eq!(
        cols[2],
        "owner [pacs-remote-maintenance]: 画像アーカイブのバックアップ媒体の管理と復旧確認は病院が行う (evidence: 保守契約書 第5条)"
    );
    assert_eq!(
        cols[3],
        "owner [karte-cloud]: 診療データのバックアップと復旧は事業者が行う (evidence: サービス仕様書 5章)"
    );
    let ja = run(&["matrix", INST, "--lang", "ja"]);
    assert!(ja.stdout.starts_with("# 責任分界表\n"));
    assert!(ja.stdout.contains("分担 [karte-cloud]"));

    let csv = run(&["matrix", INST, "--format", "csv", "--lang", "en"]);
    assert_eq!(csv.code, 0);
    // A BOM first, so that Excel reads the UTF-8 (Japanese) cells correctly.
    let body = csv.stdout.strip_prefix('\u{feff}').expect("CSV starts with a BOM");
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "requirement,title,kaede-hospital (institution),tsubasa-cloud (vendor),kirin-imaging (vendor),hoshi-dc (subcontractor),Unassigned (no owner)"
    );
    assert!(lines.contains(&"chk.r7.inst.2.2,Asked vendors which devices use remote maintenance (N/A without vendor contract),,,,,pacs-remote-maintenance"), "{body}");
    let r = lines.iter().find(|l| l.starts_with("chk.r7.inst.2.10,")).unwrap();
    assert!(r.contains(",shared [karte-cloud] (evidence: サービス仕様書 3章),shared [karte-cloud] (evidence: サービス仕様書 3章),,"), "{r}");

    let html = run(&["matrix", INST, "--format", "html", "--lang", "en"]);
    assert_eq!(html.code, 0);
    assert!(html.stdout.starts_with("<!DOCTYPE html>"));
    assert!(html
        .stdout
        .contains("<td class=\"shared\">shared [karte-cloud] (evidence: サービス仕様書 3章)</td>"));
    assert!(html.stdout.ends_with("</html>\n"));
}

#[test]
fn a_subcontractor_owner_that_is_not_a_party_still_gets_a_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "apiVersion: sansho/v1\nkind: Contract\nmetadata:\n  name: c\nspec:\n  parties:\n    - organization: h\n      role: institution\n    - organization: v\n      role: vendor\n  responsibilities:\n    - requirement: g6.sys.12.a\n      owner: subcontractor:dc\n",
    )
    .unwrap();
    let r = run(&["matrix", dir.path().to_str().unwrap(), "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("| h (institution) | v (vendor) | dc (subcontractor) |"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("|  |  | owner [c] |"), "{}", r.stdout);
}

#[test]
fn html_escapes_inventory_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "apiVersion: sansho/v1\nkind: Contract\nmetadata:\n  name: c\nspec:\n  parties:\n    - organization: h\n      role: institution\n    - organization: v\n      role: vendor\n  responsibilities:\n    - requirement: chk.r7.inst.2.6\n      owner: vendor\n      description: \"<script>alert('x')</script> & co\"\n",
    )
    .unwrap();
    let r = run(&[
        "matrix",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("<script>"));
    assert!(r
        .stdout
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
}

#[test]
fn an_answer_to_an_unknown_question_is_bad_input_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "apiVersion: sansho/v1\nkind: Contract\nmetadata:\n  name: c\nspec:\n  parties:\n    - organization: v\n      role: vendor\n  disclosures:\n    - type: sds\n      answers:\n        - question: mds5.dtbk-9\n          answer: yes\n",
    )
    .unwrap();
    let r = run(&["matrix", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("Contract `c` answers MDS/SDS question `mds5.dtbk-9`, which sansho's list does not have"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("c.yaml:12"), "{}", r.stderr);
    // Every command that loads the inventory says so, not only the matrix.
    let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
    assert_eq!(problems[0]["code"], "unknown_reference");
    assert_eq!(problems[0]["location"]["line"], 12);
    for cmd in ["report", "disclosure"] {
        let mut args = vec![cmd, dir.path().to_str().unwrap(), "--as-of", "2026-11-25"];
        if cmd == "disclosure" {
            args = vec![cmd, dir.path().to_str().unwrap(), "--vendor", "v"];
        }
        let r = run(&args);
        assert_eq!(r.code, 2, "{cmd}: {}", r.stderr);
        assert!(r.stderr.contains("mds5.dtbk-9"), "{cmd}: {}", r.stderr);
    }
}

#[test]
fn one_contract_only_and_an_unknown_contract_is_bad_input() {
    let m = matrix_json(INST, &["--contract", "pacs-remote-maintenance"]);
    let parties: Vec<&str> = m["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["organization"].as_str().unwrap())
        .collect();
    assert_eq!(parties, ["kaede-hospital", "kirin-imaging"]);
    let reqs: Vec<&str> = m["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["requirement"].as_str().unwrap())
        .collect();
    assert_eq!(reqs, ["chk.r7.inst.2.2", "chk.r7.inst.2.6", "chk.r7.inst.3.2"]);
    let r = run(&["matrix", INST, "--contract", "nope"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no Contract named `nope`"), "{}", r.stderr);
    assert!(
        r.stderr.contains("karte-cloud, pacs-remote-maintenance"),
        "{}",
        r.stderr
    );
    let r = run(&["matrix", "tests/fixtures/good/minimal"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no Contract document"), "{}", r.stderr);
}

#[test]
fn output_file_is_written_and_identical_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.md");
    let r = run(&["matrix", INST, "--lang", "en", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.is_empty());
    let again = run(&["matrix", INST, "--lang", "en"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), again.stdout);
}

fn oscal(path: &str) -> Value {
    let r = run(&[
        "matrix",
        path,
        "--format",
        "oscal",
        "--as-of",
        "2026-11-25",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()
}

#[test]
fn oscal_plan_is_valid_against_the_nist_schema() {
    let text = std::fs::read_to_string(fixture("schemas/oscal-complete-schema-1.2.3.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for path in [INST, VEND, "examples/hospital", "examples/vendor-saas"] {
        let doc = oscal(path);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "OSCAL for {path} is invalid:\n{}", errors.join("\n"));
        assert_eq!(doc["system-security-plan"]["metadata"]["oscal-version"], "1.1.2");
    }
    // The schema is not a rubber stamp: a plan without its control implementation fails.
    let mut broken = oscal(INST);
    broken["system-security-plan"]
        .as_object_mut()
        .unwrap()
        .remove("control-implementation");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn oscal_exports_what_the_vendor_provides_and_the_institution_inherits_and_satisfies() {
    let doc = oscal(INST);
    let ssp = &doc["system-security-plan"];
    let components = ssp["system-implementation"]["components"].as_array().unwrap();
    let uuid_of = |title_start: &str| -> String {
        components
            .iter()
            .find(|c| c["title"].as_str().unwrap().starts_with(title_start))
            .unwrap()["uuid"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let this_system = components.iter().find(|c| c["type"] == "this-system").unwrap()["uuid"]
        .as_str()
        .unwrap()
        .to_string();
    let vendor = uuid_of("つばさクラウド株式会社");
    let ir = ssp["control-implementation"]["implemented-requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["control-id"] == "chk.r7.inst.2.10")
        .unwrap();
    let by = ir["by-components"].as_array().unwrap();
    let v = by.iter().find(|b| b["component-uuid"] == vendor.as_str()).unwrap();
    let provided = v["export"]["provided"][0]["uuid"].as_str().unwrap();
    let resp = &v["export"]["responsibilities"][0];
    assert_eq!(resp["provided-uuid"], provided);
    let i = by.iter().find(|b| b["component-uuid"] == this_system.as_str()).unwrap();
    assert_eq!(i["inherited"][0]["provided-uuid"], provided);
    assert_eq!(i["satisfied"][0]["responsibility-uuid"], resp["uuid"]);
    // Vendor-only: provided, inherited, nothing left to satisfy.
    let ir = ssp["control-implementation"]["implemented-requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["control-id"] == "chk.r7.inst.2.11")
        .unwrap();
    let by = ir["by-components"].as_array().unwrap();
    let v = by.iter().find(|b| b["component-uuid"] == vendor.as_str()).unwrap();
    assert!(v["export"].get("responsibilities").is_none());
    let i = by.iter().find(|b| b["component-uuid"] == this_system.as_str()).unwrap();
    assert!(i.get("satisfied").is_none());
    assert_eq!(i["inherited"].as_array().unwrap().len(), 1);
    // Deterministic v5 uuids: the same run twice is byte-identical.
    assert_eq!(&provided[14..15], "5");
    let a = run(&["matrix", INST, "--format", "oscal", "--as-of", "2026-11-25"]).stdout;
    let b = run(&["matrix", INST, "--format", "oscal", "--as-of", "2026-11-25"]).stdout;
    assert_eq!(a, b);
    assert_eq!(ssp["metadata"]["last-modified"], "2026-11-25T00:00:00+09:00");
}

/// (file, line, rule) of every `意図的な食い違い [RULE]` marker below `dir`.
fn marked_disagreements(dir: &str) -> Vec<(String, u64, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join(dir)).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            if let Some(rest) = line.split("意図的な食い違い [").nth(1) {
                let rule = rest.split(']').next().unwrap().to_string();
                let file = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
                out.push((file, i as u64 + 1, rule));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn cross_check_finds_every_marked_disagreement_in_both_files() {
    let r = run(&[
        "matrix",
        "--institution",
        INST,
        "--vendor",
        VEND,
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = r.json();
    let findings = v["findings"].as_array().unwrap();
    let marks: Vec<_> = marked_disagreements(INST)
        .into_iter()
        .chain(marked_disagreements(VEND))
        .collect();
    assert_eq!(marks.len(), 6, "{marks:?}");
    for (file, line, rule) in &marks {
        assert!(
            findings.iter().any(|f| f["rule"] == rule.as_str()
                && f["location"]["file"] == file.as_str()
                && f["location"]["line"].as_u64() == Some(*line)),
            "{file}:{line}: {rule} not reported; findings: {findings:#?}"
        );
    }
    // The requirement only the vendor names points at the institution's list of responsibilities.
    let g = findings
        .iter()
        .find(|f| f["rule"] == "SNS-XCHECK-002" && f["location"]["file"] == "examples/kaede-hospital/contracts.yaml")
        .unwrap();
    assert_eq!(g["path"], "spec.responsibilities");
    assert_eq!(findings.len(), 6);
    assert_eq!(v["summary"]["result"], "fail");
    let roles: Vec<&str> = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["role"].as_str().unwrap())
        .collect();
    assert!(roles.contains(&"institution") && roles.contains(&"vendor"));
}

#[test]
fn cross_check_renders_like_check_with_snippets_from_both_sides() {
    let r = run(&[
        "matrix",
        "--institution",
        INST,
        "--vendor",
        VEND,
        "--as-of",
        "2026-11-25",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("SNS-XCHECK-001"));
    assert!(
        r.stdout.contains("examples/kaede-hospital/contracts.yaml:66"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("examples/tsubasa-cloud/contracts.yaml:68"),
        "{}",
        r.stdout
    );
    let sarif = run(&["matrix", "--institution", INST, "--vendor", VEND, "--format", "sarif"]);
    assert_eq!(sarif.code, 1);
    assert_eq!(sarif.json()["runs"][0]["results"].as_array().unwrap().len(), 6);
    // JUnit carries the same failures (it reported zero tests while the run failed).
    let junit = run(&["matrix", "--institution", INST, "--vendor", VEND, "--format", "junit"]);
    assert_eq!(junit.code, 1);
    let root = junit.stdout.lines().nth(1).unwrap();
    assert!(root.starts_with("<testsuites name=\"sansho\" tests=\""), "{root}");
    assert!(
        !root.contains("tests=\"0\"") && !root.contains("failures=\"0\""),
        "{root}"
    );
    assert!(junit
        .stdout
        .contains("classname=\"sansho.SNS-XCHECK-001\" file=\"examples/kaede-hospital/contracts.yaml\""));
    let bad = run(&["matrix", "--institution", INST, "--vendor", VEND, "--format", "oscal"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn cross_check_reports_a_contract_the_other_side_lacks_and_agrees_with_itself() {
    let r = run(&[
        "matrix",
        "--institution",
        "examples/clinic",
        "--vendor",
        "examples/vendor-saas",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = r.json();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["SNS-XCHECK-004"]);
    // The same contract on both sides: nothing to report.
    let dir = tempfile::tempdir().unwrap();
    for side in ["a", "b"] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
    }
    let org = |name: &str, ty: &str, cp: bool| {
        format!(
            "apiVersion: sansho/v1\nkind: Organization\nmetadata:\n  name: {name}\nspec:\n  type: {ty}\n{}",
            if cp { "  counterparty: true\n" } else { "" }
        )
    };
    let contract = std::fs::read_to_string(root().join(INST).join("contracts.yaml")).unwrap();
    // Every party the contract names is described (a reference to a missing document is an
    // error of the inventory).
    let a = format!(
        "{}---\n{}---\n{}---\n{}---\n{contract}",
        org("kaede-hospital", "hospital", false),
        org("tsubasa-cloud", "vendor", true),
        org("hoshi-dc", "subcontractor", false),
        org("kirin-imaging", "vendor", false)
    );
    let b = format!(
        "{}---\n{}---\n{}---\n{}---\n{contract}",
        org("kaede-hospital", "hospital", true),
        org("tsubasa-cloud", "vendor", false),
        org("hoshi-dc", "subcontractor", false),
        org("kirin-imaging", "vendor", false)
    );
    std::fs::write(dir.path().join("a/i.yaml"), a).unwrap();
    std::fs::write(dir.path().join("b/v.yaml"), b).unwrap();
    let (ia, ib) = (dir.path().join("a"), dir.path().join("b"));
    let r = run(&[
        "matrix",
        "--institution",
        ia.to_str().unwrap(),
        "--vendor",
        ib.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // Swapped, neither side speaks for the expected kind of organization: bad input.
    let r = run(&["matrix", "--institution", VEND, "--vendor", INST]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no Organization of type hospital, clinic or pharmacy"),
        "{}",
        r.stderr
    );
}

#[test]
fn disclosure_drafts_answers_with_evidence_from_the_vendor_inventory() {
    let r = run(&["disclosure", VEND, "--vendor", "tsubasa-cloud", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("not the official JAHIS wording"));
    assert!(
        r.stdout.contains("  - question: mds5.dtbk-2\n    answer: yes\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("#   examples/tsubasa-cloud/systems.yaml:"),
        "{}",
        r.stdout
    );
    // The draft is a valid answers list for Contract.spec.disclosures[].answers.
    let y: Value = yaml_serde::from_str(&r.stdout).unwrap();
    let answers = y["answers"].as_array().unwrap();
    assert!(answers
        .iter()
        .all(|a| ["yes", "no", "unknown"].contains(&a["answer"].as_str().unwrap())));
    let j = run(&["disclosure", VEND, "--vendor", "tsubasa-cloud", "--format", "json"]).json();
    let by_id = |id: &str| {
        j["answers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["question"] == id)
            .unwrap()
            .clone()
    };
    // Data location: the vendor's own contract also allows Singapore, but JP is listed → yes with evidence.
    assert_eq!(by_id("mds5.loc-1")["answer"], "yes");
    // Remote maintenance questions are MDS-only: not in an SDS draft.
    assert!(j["answers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["question"] != "mds5.rmnt-1"));
    let mds = run(&[
        "disclosure",
        INST,
        "--vendor",
        "kirin-imaging",
        "--type",
        "mds",
        "--format",
        "json",
    ])
    .json();
    let rm = mds["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["question"] == "mds5.rmnt-1")
        .unwrap();
    assert_eq!(rm["answer"], "yes");
    let enc = mds["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["question"] == "mds5.stcf-1")
        .unwrap();
    assert_eq!(enc["answer"], "no", "{enc:#?}");
    let bad = run(&["disclosure", VEND, "--vendor", "nobody"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("the vendors are: tsubasa-cloud"), "{}", bad.stderr);
}

#[test]
fn usage_mistakes_and_missing_inputs_exit_2_with_a_hint() {
    for (args, hint) in [
        (vec!["matrix"], "no inventory given"),
        (vec!["matrix", "nowhere"], "`nowhere` does not exist"),
        (vec!["matrix", "--institution", INST], "--vendor <DIR>"),
        (vec!["matrix", INST, "--format", "sarif"], "are for the cross-check"),
        (
            vec!["disclosure", "nowhere", "--vendor", "x"],
            "`nowhere` does not exist",
        ),
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stderr.contains(hint), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
    }
}
