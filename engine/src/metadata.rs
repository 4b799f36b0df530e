//! OPA-style `# METADATA` blocks. regorus ignores comments, so sansho reads them itself: the
//! package-scoped block of a policy file is the one source of the rule's id, titles, severity,
//! level, remediation and requirement ids, and flows to every output and doc.
//!
//! ```rego
//! # METADATA
//! # title: Password rules weaker than the checklist asks
//! # description: ...
//! # custom:
//! #   id: SNS-AUTH-001
//! #   title_ja: パスワードの規則が弱い
//! #   ...
//! package sansho.rules.auth.password_rules
//! ```

use crate::catalog::Text;
use crate::problem::{Problem, ProblemCode};
use serde::{Deserialize, Serialize};

/// How bad a finding is, for people (SARIF `security-severity`, report ordering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
    /// GitHub code scanning's `security-severity` score.
    pub fn score(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "3.0",
            Severity::Info => "0.0",
        }
    }
}

/// What a finding does to a CI run: `error` fails by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "note" => Some(Level::Note),
            _ => None,
        }
    }
}

/// How a requirement is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// A policy decides it from systems, assets, contracts or configurations.
    #[default]
    Automated,
    /// A policy requires a valid Attestation.
    Attested,
}

/// When a rule runs: with the other rules on the inventory, or after waivers were applied
/// (it then sees `data.sansho.waiver_matches`, and its findings cannot be waived).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Findings,
    Waivers,
}

/// A link in `related_resources`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedResource {
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustom {
    id: String,
    severity: Severity,
    level: Level,
    requirements: Vec<String>,
    applies_to: Vec<String>,
    resources: Vec<String>,
    title_ja: String,
    description_ja: String,
    remediation_en: String,
    remediation_ja: String,
    #[serde(default)]
    treatment: Treatment,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    stage: Stage,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    #[serde(default)]
    scope: Option<String>,
    title: String,
    description: String,
    #[serde(default)]
    related_resources: Vec<RelatedResource>,
    // Accepted for OPA compatibility; sansho does not use them.
    #[serde(default)]
    #[allow(dead_code)]
    authors: Option<serde_json::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    organizations: Option<serde_json::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    schemas: Option<serde_json::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    entrypoint: Option<bool>,
    custom: RawCustom,
}

/// The metadata of one rule, as sansho uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub remediation: Text,
    pub severity: Severity,
    pub level: Level,
    pub requirements: Vec<String>,
    pub applies_to: Vec<String>,
    /// The kinds of document the rule examines (JUnit lists the ones without a finding as passes).
    pub resources: Vec<crate::inventory::Kind>,
    pub treatment: Treatment,
    pub related_resources: Vec<RelatedResource>,
    /// Former ids of this rule (ids are never reused; a renamed rule keeps its old id here).
    pub aliases: Vec<String>,
    pub stage: Stage,
}

/// A METADATA block found in a file.
#[derive(Debug, Clone)]
pub struct Block {
    /// 1-based line of the `# METADATA` comment.
    pub line: u32,
    /// The YAML text of the block (comment markers removed).
    pub yaml: String,
    /// 1-based line of the first non-comment line after the block.
    pub annotates_line: u32,
    /// That line's text, trimmed.
    pub annotates: String,
}

/// Finds every `# METADATA` block of a Rego file.
pub fn find_blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if t == "# METADATA" || t == "#METADATA" {
            let start = i;
            let mut yaml = String::new();
            i += 1;
            while i < lines.len() && lines[i].trim_start().starts_with('#') {
                let body = lines[i].trim_start().trim_start_matches('#');
                let body = body.strip_prefix(' ').unwrap_or(body);
                yaml.push_str(body);
                yaml.push('\n');
                i += 1;
            }
            let annotates = lines.get(i).map(|l| l.trim().to_string()).unwrap_or_default();
            out.push(Block {
                line: u32::try_from(start + 1).unwrap_or(u32::MAX),
                yaml,
                annotates_line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                annotates,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// The package of a Rego file (`package a.b.c`) and its 1-based line.
pub fn package_of(text: &str) -> Option<(String, u32)> {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        let Some(rest) = t.strip_prefix("package") else {
            continue;
        };
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let name = rest.split('#').next().unwrap_or_default();
        return Some((canonical_package(name), u32::try_from(i + 1).unwrap_or(u32::MAX)));
    }
    None
}

/// A package name as regorus reads it, in one spelling: `data.a["b"].c` and `a . b.c` are
/// both `a.b.c`.
fn canonical_package(name: &str) -> String {
    let joined: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    // Escapes in a quoted key are what regorus reads: `["sans\u0068o"]` is `sansho`.
    let mut decoded = String::new();
    let mut rest = joined.as_str();
    while let Some(start) = rest.find('"') {
        decoded.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        let end = after
            .char_indices()
            .scan(false, |escaped, (i, c)| {
                let close = c == '"' && !*escaped;
                *escaped = c == '\\' && !*escaped;
                Some((i, close))
            })
            .find_map(|(i, close)| close.then_some(i))
            .unwrap_or(after.len());
        let quoted = &after[..end];
        decoded
            .push_str(&serde_json::from_str::<String>(&format!("\"{quoted}\"")).unwrap_or_else(|_| quoted.to_string()));
        decoded.push('"');
        rest = after.get(end + 1..).unwrap_or_default();
    }
    decoded.push_str(rest);
    let dotted = decoded
        .replace("[\"", ".")
        .replace("[`", ".")
        .replace(['"', '`', ']'], "");
    let dotted = dotted.strip_prefix('.').unwrap_or(&dotted);
    dotted.strip_prefix("data.").unwrap_or(dotted).to_string()
}

fn id_ok(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        && parts
            .first()
            .is_some_and(|p| p.bytes().next().is_some_and(|c| c.is_ascii_uppercase()))
}

/// Parses and checks the package-scoped METADATA block of a policy file. `file` is shown in
/// problems.
pub fn parse_rule_meta(text: &str, file: &str) -> Result<RuleMeta, Problem> {
    let problem = |line: u32, msg: String, help: &str| {
        let pos = crate::source::Pos {
            offset: 0,
            line,
            column: 1,
        };
        Problem::new(ProblemCode::PolicyMetadata, msg)
            .at(crate::source::Location::new(file, pos))
            .help(help.to_string())
    };
    let blocks = find_blocks(text);
    let Some(block) = blocks.iter().find(|b| b.annotates.starts_with("package ")) else {
        return Err(problem(
            1,
            "the policy has no `# METADATA` block before its `package` line".to_string(),
            "add a METADATA block with title, description and custom: id, severity, level, requirements, applies_to, title_ja, description_ja, remediation_en, remediation_ja (see docs/authoring.md or `sansho new policy`)",
        ));
    };
    let raw: RawMeta = yaml_serde::from_str(&block.yaml).map_err(|e| {
        let line = e.location().map(|l| block.line + u32::try_from(l.line()).unwrap_or(0)).unwrap_or(block.line);
        problem(
            line,
            format!("invalid METADATA: {e}"),
            "METADATA is YAML inside `# ` comments; required: title, description, custom {id, severity, level, requirements, applies_to, title_ja, description_ja, remediation_en, remediation_ja}",
        )
    })?;
    if let Some(scope) = &raw.scope {
        if scope != "package" {
            return Err(problem(
                block.line,
                format!("the block before `package` has scope `{scope}`"),
                "use `scope: package` or leave scope out",
            ));
        }
    }
    let c = raw.custom;
    if !id_ok(&c.id) {
        return Err(problem(
            block.line,
            format!(
                "rule id `{}` is not of the form PREFIX-PART (upper-case letters and digits)",
                c.id
            ),
            "use an id such as SNS-AUTH-001 or ACME-NET-7",
        ));
    }
    let nonempty = [
        ("title", &raw.title),
        ("description", &raw.description),
        ("custom.title_ja", &c.title_ja),
        ("custom.description_ja", &c.description_ja),
        ("custom.remediation_en", &c.remediation_en),
        ("custom.remediation_ja", &c.remediation_ja),
    ];
    for (k, v) in nonempty {
        if v.trim().is_empty() {
            return Err(problem(
                block.line,
                format!("METADATA `{k}` is empty in rule {}", c.id),
                "write the text in both Japanese and English",
            ));
        }
    }
    if c.requirements.is_empty() {
        return Err(problem(
            block.line,
            format!("rule {} names no requirement", c.id),
            "list the catalog ids it checks under custom.requirements",
        ));
    }
    if c.applies_to.is_empty() || c.applies_to.iter().any(|a| a != "institution" && a != "vendor") {
        return Err(problem(
            block.line,
            format!("rule {}: applies_to must list institution and/or vendor", c.id),
            "e.g. applies_to: [institution, vendor]",
        ));
    }
    let mut resources = Vec::new();
    for r in &c.resources {
        match crate::inventory::Kind::ALL.into_iter().find(|k| k.as_str() == r) {
            Some(k) => resources.push(k),
            None => {
                return Err(problem(
                    block.line,
                    format!("rule {}: unknown resource kind `{r}`", c.id),
                    "resources lists kinds: Organization, System, Asset, Contract, Attestation, Waiver, Configuration",
                ));
            }
        }
    }
    if resources.is_empty() {
        return Err(problem(
            block.line,
            format!("rule {} lists no resources", c.id),
            "e.g. resources: [System]",
        ));
    }
    Ok(RuleMeta {
        id: c.id,
        title: Text {
            ja: c.title_ja.trim().to_string(),
            en: raw.title.trim().to_string(),
        },
        description: Text {
            ja: c.description_ja.trim().to_string(),
            en: raw.description.trim().to_string(),
        },
        remediation: Text {
            ja: c.remediation_ja.trim().to_string(),
            en: c.remediation_en.trim().to_string(),
        },
        severity: c.severity,
        level: c.level,
        requirements: c.requirements,
        applies_to: c.applies_to,
        resources,
        treatment: c.treatment,
        related_resources: raw.related_resources,
        aliases: c.aliases,
        stage: c.stage,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const GOOD: &str = r#"# METADATA
# title: Weak passwords
# description: Checks passwords.
# custom:
#   id: SNS-AUTH-001
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.7]
#   applies_to: [institution]
#   resources: [System]
#   title_ja: 弱いパスワード
#   description_ja: パスワードを確認する。
#   remediation_en: Require 8 characters.
#   remediation_ja: 8文字以上にする。
package sansho.rules.auth.weak

import rego.v1
"#;

    #[test]
    fn parses_a_complete_block() {
        let m = parse_rule_meta(GOOD, "p.rego").unwrap();
        assert_eq!(m.id, "SNS-AUTH-001");
        assert_eq!(m.title.ja, "弱いパスワード");
        assert_eq!(m.level, Level::Error);
        assert_eq!(package_of(GOOD).unwrap(), ("sansho.rules.auth.weak".to_string(), 15));
        // Every spelling regorus accepts for one package is one name.
        for spelling in [
            "package sansho.lib",
            "package\tsansho.lib # the library",
            "package data.sansho.lib",
            "package sansho[\"lib\"]",
            "package data[\"sansho\"][`lib`]",
            "package data[\"sans\\u0068o\"].lib",
            "package sansho[\"l\\u0069b\"]",
        ] {
            assert_eq!(package_of(spelling).unwrap().0, "sansho.lib", "{spelling}");
        }
        assert_eq!(
            package_of("packaged := 1\npackage a.b").unwrap(),
            ("a.b".to_string(), 2)
        );
    }

    #[test]
    fn rejects_missing_block_unknown_keys_and_bad_ids() {
        let e = parse_rule_meta("package x\n", "p.rego").unwrap_err();
        assert_eq!(e.code, ProblemCode::PolicyMetadata);
        let typo = GOOD.replace("#   severity: high", "#   severty: high");
        let e = parse_rule_meta(&typo, "p.rego").unwrap_err();
        assert!(e.message.contains("severty"), "{}", e.message);
        let bad = GOOD.replace("SNS-AUTH-001", "sns_auth");
        assert!(parse_rule_meta(&bad, "p.rego")
            .unwrap_err()
            .message
            .contains("not of the form"));
        let lvl = GOOD.replace("level: error", "level: fatal");
        assert!(parse_rule_meta(&lvl, "p.rego").is_err());
        let noja = GOOD.replace("#   title_ja: 弱いパスワード\n", "");
        assert!(parse_rule_meta(&noja, "p.rego")
            .unwrap_err()
            .message
            .contains("title_ja"));
    }

    #[test]
    fn error_lines_point_into_the_block() {
        let typo = GOOD.replace("#   severity: high", "#   severity: [high");
        let e = parse_rule_meta(&typo, "p.rego").unwrap_err();
        assert!(e.location.unwrap().line > 1);
    }
}
