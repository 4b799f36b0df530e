//! `sansho checklist`: the MHLW checklist filled in from the examples, in every format.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;

use calamine::{Data, Reader, Xlsx};
use common::{output_of, root, run, sansho};
use serde_json::Value;

const AS_OF: &str = "2026-11-25";

fn checklist_json(path: &str, extra: &[&str]) -> Value {
    let mut args = vec!["checklist", path, "--as-of", AS_OF, "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    r.json()
}

fn item<'a>(list: &'a Value, no: &str) -> &'a Value {
    list["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap())
        .find(|i| i["no"] == no)
        .unwrap_or_else(|| panic!("no item {no}"))
}

fn list_for<'a>(c: &'a Value, kind: &str, org: &str) -> &'a Value {
    c["lists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["list"] == kind && l["organizations"].as_array().unwrap().iter().any(|o| o["name"] == org))
        .unwrap_or_else(|| panic!("no {kind} list for {org}"))
}

#[test]
fn the_hospital_institution_list_answers_from_the_findings() {
    let c = checklist_json("examples/hospital", &[]);
    assert_eq!(c["edition"], "r7");
    assert_eq!(c["evaluated_at"], AS_OF);
    let inst = list_for(&c, "institution", "sakura-hospital");
    // 2-⑨: the example's radiology PC allows any USB storage (a deliberate gap).
    let usb = item(inst, "2-⑨");
    assert_eq!(usb["requirement"], "chk.r7.inst.2.9");
    assert_eq!(usb["answer"], "no");
    assert_eq!(usb["checked_on"], AS_OF);
    let f = &usb["findings"][0];
    assert_eq!(f["rule"], "SNS-MEDIA-001");
    assert_eq!(f["location"]["file"], "examples/hospital/assets.yaml");
    assert_eq!(f["location"]["line"], 189);
    // No target date is recorded for it in the inventory: flagged.
    assert_eq!(usb["target"]["status"], "missing");
    // 1-①: the security officer is appointed; the evidence points at the inventory value.
    let officer = item(inst, "1-①");
    assert_eq!(officer["answer"], "yes");
    assert!(officer["findings"].as_array().unwrap().is_empty());
    assert!(officer.get("target").is_none());
    let ev = &officer["evidence"][0];
    assert_eq!(ev["path"], "spec.security_officer");
    assert_eq!(ev["location"]["file"], "examples/hospital/organization.yaml");
    assert_eq!(ev["location"]["line"], 15);
    // 2-①: the ledger is the inventory itself: the assets are counted per file.
    let ledger = item(inst, "2-①");
    let assets = ledger["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "Asset")
        .unwrap();
    assert_eq!(assets["documents"], 18);
    assert_eq!(assets["location"]["file"], "examples/hospital/assets.yaml");
    // 3-③ is decided with the BCP drill attestation: its date is the 確認日.
    let bcp = item(inst, "3-③");
    assert_eq!(bcp["answer"], "yes");
    assert_eq!(bcp["checked_on"], "2026-09-20");
    assert_eq!(bcp["decided_by"]["by"], "attestation");
    assert_eq!(bcp["decided_by"]["name"], "bcp-drill-2026");
    // 2-⑦ is waived until the PACS renewal: still いいえ, with the waiver in the notes.
    let pw = item(inst, "2-⑦");
    assert_eq!(pw["status"], "waived");
    assert_eq!(pw["answer"], "no");
    assert_eq!(pw["findings"][0]["waiver"], "pacs-password-until-renewal");
    // The counts match the items.
    let s = &inst["summary"];
    assert_eq!(s["items"], 18);
    assert_eq!(s["no"], 5);
    assert_eq!(s["yes"], 13);
}

#[test]
fn each_vendor_gets_its_own_list_with_its_own_findings() {
    let c = checklist_json("examples/hospital", &["--list", "vendor"]);
    let lists = c["lists"].as_array().unwrap();
    assert_eq!(lists.len(), 2, "one list per vendor organization");
    assert!(lists.iter().all(|l| l["list"] == "vendor"));
    let hikari = list_for(&c, "vendor", "hikari-imaging");
    let mirai = list_for(&c, "vendor", "mirai-medical");
    // The PACS (hikari-imaging) lacks two-factor authentication; the EHR vendor is not blamed.
    assert_eq!(item(hikari, "2-⑩")["answer"], "no");
    assert_eq!(item(hikari, "2-⑩")["findings"][0]["resource"], "System/pacs");
    assert_eq!(item(mirai, "2-⑩")["answer"], "yes");
    // The leaver's account is on the receipt system (mirai-medical).
    assert_eq!(item(mirai, "2-⑤")["answer"], "no");
    assert_eq!(item(hikari, "2-⑤")["answer"], "yes");
}

/// A copy of the hospital example whose institution records checklist answers.
fn hospital_with_answers(answers: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("examples/hospital")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let org = dir.path().join("organization.yaml");
    let text = std::fs::read_to_string(&org).unwrap();
    let text = text.replacen(
        "  asset_ledger:\n",
        &format!("  checklist:\n    edition: r7\n    answers:\n{answers}  asset_ledger:\n"),
        1,
    );
    std::fs::write(&org, text).unwrap();
    dir
}

#[test]
fn target_dates_come_from_the_inventory_and_are_flagged_when_missing_or_past() {
    let dir = hospital_with_answers(
        "      - {requirement: chk.r7.inst.2.9, answer: no, checked_on: 2025-12-01, target_on: 2026-03-15}\n      - {requirement: chk.r7.inst.2.5, answer: no, checked_on: 2025-12-01, target_on: 2026-12-20}\n      - {requirement: chk.r7.inst.2.10, answer: yes, checked_on: 2025-12-01}\n",
    );
    let path = dir.path().to_str().unwrap();
    let c = checklist_json(path, &["--list", "institution"]);
    let inst = &c["lists"][0];
    let usb = item(inst, "2-⑨");
    assert_eq!(usb["target"]["date"], "2026-03-15");
    assert_eq!(usb["target"]["status"], "past");
    assert!(usb["target"]["location"]["file"]
        .as_str()
        .unwrap()
        .ends_with("organization.yaml"));
    let accounts = item(inst, "2-⑤");
    assert_eq!(accounts["target"]["date"], "2026-12-20");
    assert_eq!(
        accounts["target"]["status"], "after_fiscal_year",
        "R7 asks for dates within FY2025"
    );
    // Recorded はい where the policies find a gap: marked as a mismatch.
    let mfa = item(inst, "2-⑩");
    assert_eq!(mfa["answer"], "no");
    assert_eq!(mfa["recorded_mismatch"], true);
    assert_eq!(mfa["target"]["status"], "missing");
    // The Markdown shows the flags.
    let r = run(&[
        "checklist",
        path,
        "--as-of",
        AS_OF,
        "--list",
        "institution",
        "--format",
        "markdown",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("⚠ 2026-03-15(目標日を経過)"), "{}", r.stdout);
    assert!(r.stdout.contains("記録された回答と異なる"), "{}", r.stdout);
}

fn xlsx_of(args: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("checklist.xlsx");
    let mut a = vec![
        "checklist",
        "examples/hospital",
        "--as-of",
        AS_OF,
        "--output",
        file.to_str().unwrap(),
    ];
    a.extend_from_slice(args);
    let r = run(&a);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "the workbook goes to the file only");
    std::fs::read(&file).unwrap()
}

fn find_row(range: &calamine::Range<Data>, no: &str) -> Vec<String> {
    range
        .rows()
        .find(|r| r.first().map(|c| c.to_string()) == Some(no.to_string()))
        .unwrap_or_else(|| panic!("no row {no}"))
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn the_xlsx_workbook_has_a_sheet_per_list_with_the_answers() {
    let bytes = xlsx_of(&[]);
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(
        names,
        [
            "医療機関確認用",
            "事業者確認用 mirai-medical",
            "事業者確認用 hikari-imaging"
        ]
    );
    let sheet = wb.worksheet_range("医療機関確認用").unwrap();
    let title = sheet.get_value((0, 0)).unwrap().to_string();
    assert!(
        title.contains("令和7年度版") && title.contains("さくら総合病院"),
        "{title}"
    );
    let header: Vec<String> = sheet.rows().nth(4).unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..5], ["番号", "確認項目", "回答", "確認日", "目標日"]);
    let usb = find_row(&sheet, "2-⑨");
    assert_eq!(usb[2], "いいえ");
    assert_eq!(usb[3], AS_OF);
    assert!(usb[4].contains("未記入"), "{usb:?}");
    assert!(
        usb[6].contains("SNS-MEDIA-001 examples/hospital/assets.yaml:189"),
        "{usb:?}"
    );
    assert_eq!(usb[8], "chk.r7.inst.2.9");
    let officer = find_row(&sheet, "1-①");
    assert_eq!(officer[2], "はい");
    assert!(officer[7].contains("organization.yaml:15"), "{officer:?}");
    // English on request.
    let bytes = xlsx_of(&["--lang", "en", "--list", "institution"]);
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names(), ["Institution"]);
    let sheet = wb.worksheet_range("Institution").unwrap();
    assert_eq!(find_row(&sheet, "2-⑨")[2], "No");
    assert_eq!(find_row(&sheet, "1-①")[2], "Yes");
}

#[test]
fn the_xlsx_workbook_is_byte_identical_for_the_same_input() {
    let a = xlsx_of(&["--jobs", "1"]);
    let b = xlsx_of(&["--jobs", "2"]);
    assert!(a.len() > 5000);
    assert!(a == b, "two runs gave different workbooks");
}

#[test]
fn csv_has_one_row_per_item_and_quotes_multiline_cells() {
    let r = run(&["checklist", "examples/hospital", "--as-of", AS_OF, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut rd = csv::ReaderBuilder::new().from_reader(r.stdout.as_bytes());
    let head: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(head[3], "番号");
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 18 + 16 + 16, "institution list plus two vendor lists");
    let usb = rows
        .iter()
        .find(|r| &r[0] == "医療機関確認用" && &r[3] == "2-⑨")
        .unwrap();
    assert_eq!(&usb[5], "いいえ");
    assert!(usb[10].contains('\n'), "evidence lines are kept in one quoted cell");
}

#[test]
fn html_is_escaped_and_self_contained() {
    let r = run(&[
        "checklist",
        "examples/hospital",
        "--as-of",
        AS_OF,
        "--format",
        "html",
        "--list",
        "institution",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("<!DOCTYPE html>"));
    assert!(r.stdout.contains("<td>いいえ</td>"));
    assert!(!r.stdout.contains("http://") && !r.stdout.contains("https://"));
    assert!(!r.stdout.contains("<script"));
}

#[test]
fn an_unknown_edition_or_a_missing_list_is_a_clear_error() {
    let r = run(&["checklist", "examples/hospital", "--as-of", AS_OF, "--edition", "r99"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown checklist edition `r99`") && r.stderr.contains("r7"),
        "{}",
        r.stderr
    );
    // The vendor's own inventory describes the clinic only as a counterparty: no institution list.
    let r = run(&[
        "checklist",
        "examples/vendor-saas",
        "--as-of",
        AS_OF,
        "--list",
        "institution",
    ]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("institution"), "{}", r.stderr);
    let c = checklist_json("examples/vendor-saas", &[]);
    assert!(c["lists"].as_array().unwrap().iter().all(|l| l["list"] == "vendor"));
}

#[test]
fn piped_output_has_no_progress_line() {
    for args in [
        &["checklist", "examples/hospital", "--as-of", AS_OF, "--format", "csv"][..],
        &["report", "examples/hospital", "--as-of", AS_OF][..],
        &["check", "examples/clinic", "--as-of", AS_OF, "--format", "json"][..],
    ] {
        let r = output_of(sansho().args(args));
        assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{args:?} stderr: {:?}", r.stderr);
        assert!(!r.stdout.contains('\r') && !r.stdout.contains("checking the inventory"));
    }
}

#[test]
fn csv_cells_from_the_inventory_are_not_formulas() {
    let dir = hospital_with_answers("      - {requirement: chk.r7.inst.1.1, answer: yes, checked_on: 2025-12-01, note: \"=HYPERLINK(\\\"x\\\")\"}\n");
    let r = run(&[
        "checklist",
        dir.path().to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "csv",
        "--list",
        "institution",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut rd = csv::ReaderBuilder::new().from_reader(r.stdout.as_bytes());
    let officer = rd.records().map(|r| r.unwrap()).find(|r| &r[3] == "1-①").unwrap();
    assert_eq!(&officer[8], "'=HYPERLINK(\"x\")", "the note is kept as text");
}
