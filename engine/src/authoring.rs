//! Help for people writing their own rules: the skeleton `sansho new policy` writes, the checks
//! `sansho lint` makes on a policy directory, and the requirement pages `sansho explain` shows.

use crate::catalog::Catalog;
use crate::policy::{Origin, PolicySet, Role};
use crate::problem::{Problem, ProblemCode};
use crate::source::Location;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What `sansho new policy` is asked for.
#[derive(Debug, Clone)]
pub struct NewPolicy {
    /// Rule id, e.g. `ACME-OPS-001`.
    pub id: String,
    /// Requirement ids the rule checks; empty: a custom catalog entry is written for it.
    pub requirements: Vec<String>,
}

/// A rule id: upper-case letters and digits in at least two parts joined by `-`.
pub fn valid_rule_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        && parts
            .first()
            .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The directory and package name of a rule id: `ACME-OPS-001` → `acme_ops_001`.
pub fn slug(id: &str) -> String {
    id.to_ascii_lowercase().replace('-', "_")
}

/// The requirement id a skeleton declares when none is given.
pub fn custom_requirement_id(id: &str) -> String {
    format!("custom.{}", slug(id))
}

/// The files of a new rule, relative to the policy directory: the policy with a complete
/// METADATA block, its test file (one passing and one failing case on real inventory
/// documents, plus an inline case), the two fixture inventories, and — when no requirement id
/// was given — a custom catalog entry for the rule's own requirement.
pub fn skeleton(req: &NewPolicy) -> Vec<(String, String)> {
    let slug = slug(&req.id);
    let requirements = if req.requirements.is_empty() {
        vec![custom_requirement_id(&req.id)]
    } else {
        req.requirements.clone()
    };
    let id = &req.id;
    let reqs = requirements.join(", ");
    let policy = format!(
        r#"# METADATA
# title: Medical system in use with no operator named
# description: |
#   A system that holds medical information and is planned, in use or retiring names no
#   operator (spec.operator), so nobody is accountable for running it day to day.
#   (Written by `sansho new policy`: replace the title, texts and condition with your rule.)
# custom:
#   id: {id}
#   severity: medium
#   level: error
#   requirements: [{reqs}]
#   applies_to: [institution, vendor]
#   resources: [System]
#   title_ja: 運用者が決まっていない稼働中の医療情報システム
#   description_ja: |
#     医療情報を扱う計画中・稼働中・廃止予定のシステムに運用者(spec.operator)が記録されておらず、
#     日々の運用に責任を持つ者が分からない。
#   remediation_en: |
#     Name the Organization that runs the system in spec.operator.
#   remediation_ja: |
#     spec.operator に、システムを運用する組織(Organization の metadata.name)を記録してください。
package custom.{slug}

import data.sansho.lib

deny contains f if {{
	some s in input.systems
	lib.active_system(s)
	lib.medical(s)
	not s.spec.operator
	f := lib.finding(
		s, "spec",
		sprintf("%s に運用者(spec.operator)が記録されていない", [s.metadata.name]),
		sprintf("%s names no operator (spec.operator)", [s.metadata.name]),
	)
}}
"#
    );
    let test = format!(
        r#"package custom.{slug}_test

import data.custom.{slug} as rule

# fixtures/pass/ and fixtures/fail/ beside this file are real inventory documents: sansho loads
# them with its own loader (schema-checked) and gives them as data.sansho.fixtures.pass and
# data.sansho.fixtures.fail, shaped exactly like `input`.

test_pass_fixture_has_no_finding if {{
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}}

test_fail_fixture_is_reported if {{
	names := {{f.resource.name | some f in rule.deny}} with input as data.sansho.fixtures.fail
	names == {{"unowned-ehr"}}
}}

test_retired_system_is_not_reported if {{
	retired := {{"kind": "System", "metadata": {{"name": "old-ehr"}}, "spec": {{"category": "ehr", "hosting": "on_premise", "status": "retired"}}}}
	count(rule.deny) == 0 with input as {{"systems": [retired]}}
}}
"#
    );
    let org =
        "apiVersion: sansho/v1\nkind: Organization\nmetadata:\n  name: example-hospital\nspec:\n  type: hospital\n";
    let pass = format!(
        "{org}---\napiVersion: sansho/v1\nkind: System\nmetadata:\n  name: ehr\nspec:\n  category: ehr\n  hosting: on_premise\n  status: in_use\n  operator: example-hospital\n"
    );
    let fail = format!(
        "{org}---\napiVersion: sansho/v1\nkind: System\nmetadata:\n  name: unowned-ehr\nspec:\n  category: ehr\n  hosting: on_premise\n  status: in_use\n"
    );
    let mut files = vec![
        (format!("{slug}/{slug}.rego"), policy),
        (format!("{slug}/{slug}_test.rego"), test),
        (format!("{slug}/fixtures/pass/inventory.yaml"), pass),
        (format!("{slug}/fixtures/fail/inventory.yaml"), fail),
    ];
    if req.requirements.is_empty() {
        let rid = custom_requirement_id(id);
        files.push((
            format!("{slug}/catalog.yaml"),
            format!(
                r#"# A requirement of your own, for rules that check something no built-in requirement covers.
# Its id appears in reports, coverage and requirement status like the built-in ones.
catalog:
  sources:
    custom: 院内規程 / In-house rules
requirements:
  - id: {rid}
    source: custom
    section: 運用体制
    title:
      ja: 医療情報システムごとに運用者を定める
      en: Every medical information system has a named operator
    mandatory: true
    applies_to: both
    due: null
    basis: verified
"#
            ),
        ));
    }
    files
}

/// A lint finding: a problem with where it is.
fn at(p: Problem, file: &str, line: u32) -> Problem {
    if line == 0 {
        p.in_file(file.to_string())
    } else {
        p.at(Location {
            file: file.to_string(),
            line,
            column: 1,
            offset: 0,
        })
    }
}

/// The line (1-based) of `key:` inside the file's METADATA comments, or of the package line.
pub fn metadata_line(text: &str, key: &str) -> u32 {
    let needle = format!("{key}:");
    let mut in_meta = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t == "# METADATA" {
            in_meta = true;
            continue;
        }
        if in_meta {
            match t.strip_prefix('#') {
                Some(rest) if rest.trim_start().starts_with(&needle) => return (i + 1) as u32,
                Some(_) => {}
                None => in_meta = false,
            }
        }
    }
    text.lines()
        .position(|l| l.starts_with("package "))
        .map_or(0, |i| (i + 1) as u32)
}

fn has_japanese(s: &str) -> bool {
    s.chars().any(is_japanese)
}

/// More Japanese characters than Latin letters: Japanese text where English belongs (English
/// texts may quote Japanese titles, such as システム運用編).
fn mostly_japanese(s: &str) -> bool {
    let ja = s.chars().filter(|c| is_japanese(*c)).count();
    let latin = s.chars().filter(char::is_ascii_alphabetic).count();
    ja > latin
}

fn is_japanese(c: char) -> bool {
    matches!(c as u32,
            0x3040..=0x30FF   // hiragana, katakana
            | 0x3400..=0x4DBF // CJK extension A
            | 0x4E00..=0x9FFF // CJK unified ideographs
            | 0xFF66..=0xFF9F) // half-width katakana
}

/// Checks beyond what loading enforces, on a loaded pack: every rule has tests beside it that
/// reach its package, the Japanese texts are Japanese and the English ones are not, ids look
/// like ids, and every requirement of a custom catalog is checked by some rule. Only rules from
/// custom directories are checked unless `builtin` is set.
pub fn lint(pack: &PolicySet, catalog: &Catalog, builtin: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    let in_scope = |o: &Origin| builtin || *o != Origin::Builtin;
    let tests: Vec<&crate::policy::RegoFile> = pack.files.iter().filter(|f| f.role == Role::Test).collect();
    for rule in &pack.rules {
        let Some(file) = pack.files.get(rule.file) else {
            continue;
        };
        if !in_scope(&file.origin) {
            continue;
        }
        let m = &rule.meta;
        let line = |key: &str| metadata_line(&file.text, key);
        if !valid_rule_id(&m.id) {
            out.push(at(
                Problem::new(
                    ProblemCode::PolicyMetadata,
                    format!("rule id `{}` is not in the form PREFIX-AREA-NNN", m.id),
                )
                .help("use upper-case letters and digits in parts joined by `-`, e.g. ACME-OPS-001"),
                &file.path,
                line("id"),
            ));
        }
        for (key, text) in [
            ("title_ja", &m.title.ja),
            ("description_ja", &m.description.ja),
            ("remediation_ja", &m.remediation.ja),
        ] {
            if !has_japanese(text) {
                out.push(at(
                    Problem::new(ProblemCode::PolicyMetadata, format!("`{key}` of {} has no Japanese text", m.id))
                        .help("users read sansho in Japanese: write the Japanese text here (the English goes in the key without `_ja`)"),
                    &file.path,
                    line(key),
                ));
            }
        }
        for (key, text) in [
            ("title", &m.title.en),
            ("description", &m.description.en),
            ("remediation_en", &m.remediation.en),
        ] {
            if text.trim().is_empty() || mostly_japanese(text) {
                out.push(at(
                    Problem::new(
                        ProblemCode::PolicyMetadata,
                        format!("`{key}` of {} is not English text", m.id),
                    )
                    .help("write the English text here; the Japanese one goes in the `_ja` key"),
                    &file.path,
                    line(key),
                ));
            }
        }
        let dir = file.path.rsplit_once('/').map_or("", |(d, _)| d);
        let target = format!("data.{}", file.package);
        let covering: Vec<&&crate::policy::RegoFile> = tests
            .iter()
            .filter(|t| t.path.rsplit_once('/').map_or("", |(d, _)| d) == dir && t.text.contains(&target))
            .collect();
        let count: usize = covering.iter().map(|t| crate::testing::find_tests(&t.text).len()).sum();
        if count == 0 {
            out.push(at(
                Problem::new(ProblemCode::PolicyMetadata, format!("rule {} has no tests", m.id)).help(format!(
                    "add a `*_test.rego` file beside it that imports {target} and has at least one passing and one failing `test_*` case (`sansho new policy` writes one)"
                )),
                &file.path,
                line("id"),
            ));
        }
    }
    // Custom requirements that no rule checks and that give no reason are gaps.
    let mut checked: BTreeMap<&str, ()> = BTreeMap::new();
    for r in &pack.rules {
        for q in &r.meta.requirements {
            checked.insert(q.as_str(), ());
        }
    }
    for req in catalog.iter() {
        if req.origin == "built-in" || checked.contains_key(req.id.as_str()) || req.manual.is_some() {
            continue;
        }
        if builtin || pack.files.iter().any(|f| f.origin.label() == req.origin) {
            out.push(
                Problem::new(
                    ProblemCode::PolicyMetadata,
                    format!("requirement `{}` of the custom catalog is checked by no rule", req.id),
                )
                .in_file(req.origin.clone())
                .help("name it in a rule's METADATA `requirements`, or give it a `manual:` reason ({ja, en}) saying why no policy can decide it"),
            );
        }
    }
    out.sort_by(|a, b| {
        (&a.file, a.location.as_ref().map(|l| l.line)).cmp(&(&b.file, b.location.as_ref().map(|l| l.line)))
    });
    out
}

/// The Markdown page of one requirement: what it asks, where it comes from, how well the
/// catalog entry was verified, and how the pack decides it.
pub fn requirement_page(id: &str, pack: &PolicySet, catalog: &Catalog) -> Option<String> {
    let req = catalog.get(id)?;
    let cov = crate::coverage::coverage(catalog, pack)
        .into_iter()
        .find(|c| c.id == id)?;
    let mut s = String::new();
    let _ = writeln!(s, "# {} — {}\n", req.id, req.title.ja);
    let _ = writeln!(s, "*{}*\n", req.title.en);
    let source = catalog
        .source_names
        .get(&req.source)
        .cloned()
        .unwrap_or_else(|| req.source.clone());
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| source / 出典 | {source} |");
    let _ = writeln!(s, "| section / 章 | {} |", req.section);
    if let Some(item) = &req.item {
        let _ = writeln!(s, "| item / 項目 | {item} |");
    }
    let mandatory = match req.mandatory {
        Some(true) => "yes / 必須",
        Some(false) => "no / 任意",
        None => "unknown / 不明",
    };
    let _ = writeln!(s, "| mandatory / 必須 | {mandatory} |");
    let _ = writeln!(s, "| applies to / 対象 | {} |", req.applies_to);
    if let Some(due) = &req.due {
        let _ = writeln!(s, "| due / 期限 | {due} |");
    }
    let _ = writeln!(s, "| basis / 確認度 | `{}` |", req.basis.as_str());
    let _ = writeln!(s, "| treatment / 判定方法 | `{}` |", cov.treatment.as_str());
    let _ = writeln!(s, "| defined in / 定義 | {} |", req.origin);
    if let Some(r) = &req.reference {
        let _ = writeln!(s, "| reference / 参照 | {r} |");
    }
    let _ = writeln!(s);
    if req.basis.is_unverified() {
        let _ = writeln!(
            s,
            "> **Unverified against the primary text / 一次資料で未確認**: this entry was recorded from memory or \
             inference; findings that rest on it alone are reported as warnings.\n"
        );
    }
    if cov.rules.is_empty() {
        let _ = writeln!(
            s,
            "## Rules / ルール\n\nNo rule decides it / 判定するルールはありません。\n"
        );
        if let Some(reason) = &cov.reason {
            let _ = writeln!(s, "{}\n\n{}\n", reason.ja, reason.en);
        }
    } else {
        let _ = writeln!(s, "## Rules / ルール\n");
        for rid in &cov.rules {
            if let Some(rule) = pack.rule(rid) {
                let _ = writeln!(s, "- `{}` {} / {}", rid, rule.meta.title.ja, rule.meta.title.en);
            }
        }
        let _ = writeln!(s);
    }
    if !req.inventory.is_empty() {
        let _ = writeln!(s, "## Inventory fields / インベントリの項目\n");
        for f in &req.inventory {
            let _ = writeln!(s, "- `{f}`");
        }
        let _ = writeln!(s);
    }
    if !req.evidence_hints.is_empty() {
        let _ = writeln!(s, "## Evidence / 根拠資料の例\n");
        for e in &req.evidence_hints {
            let _ = writeln!(s, "- {e}");
        }
        let _ = writeln!(s);
    }
    Some(s)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids() {
        assert!(valid_rule_id("ACME-OPS-001"));
        assert!(valid_rule_id("SNS-BAK-001"));
        assert!(!valid_rule_id("acme-ops-001"));
        assert!(!valid_rule_id("ACME"));
        assert!(!valid_rule_id("ACME--1"));
        assert!(!valid_rule_id("1ACME-OPS"));
        assert_eq!(slug("ACME-OPS-001"), "acme_ops_001");
    }

    #[test]
    fn finds_metadata_lines() {
        let t = "# METADATA\n# title: x\n# custom:\n#   id: A-1\n#   title_ja: y\npackage p\n";
        assert_eq!(metadata_line(t, "id"), 4);
        assert_eq!(metadata_line(t, "title_ja"), 5);
        assert_eq!(metadata_line(t, "nothing"), 6);
    }

    #[test]
    fn japanese_text_is_recognised() {
        assert!(has_japanese("運用者"));
        assert!(has_japanese("バックアップ"));
        assert!(!has_japanese("operator"));
        assert!(!mostly_japanese(
            "Guideline 6.0 システム運用編 11 requires several backup generations"
        ));
        assert!(mostly_japanese("バックアップの世代数が足りない (backup)"));
    }
}
