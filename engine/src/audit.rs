//! The audit report (`sansho report`): what auditors and management read — where the inventory
//! stands per requirement source, the non-compliant requirements with their findings and the
//! inventory lines behind them, the waivers with their expiry, the coverage of the pack, and a
//! header that makes the report reproducible (evaluation date, versions, SHA-256 of every
//! input). Built from a [`CheckOutcome`]; rendering (HTML) belongs to the CLI.

use crate::catalog::Text;
use crate::check::{CheckOutcome, InputFile};
use crate::coverage::{self, Coverage, RequirementStatus};
use crate::date::Date;
use crate::eval::Status;
use crate::inventory::Kind;
use crate::source::Location;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Lines shown before and after the recorded line of a finding.
pub const SNIPPET_CONTEXT: u32 = 3;

/// One line of an inventory snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetLine {
    pub number: u32,
    pub text: String,
    /// The recorded line.
    pub hit: bool,
}

/// A finding of a non-compliant requirement, with the inventory lines around it.
#[derive(Debug, Clone, Serialize)]
pub struct AuditFinding {
    pub rule: String,
    pub level: crate::metadata::Level,
    pub status: Status,
    pub title: Text,
    pub message: Text,
    pub resource: String,
    pub location: Location,
    pub snippet: Vec<SnippetLine>,
}

/// A requirement that is not met.
#[derive(Debug, Clone, Serialize)]
pub struct OpenRequirement {
    pub id: String,
    pub source: String,
    pub title: Text,
    pub status: RequirementStatus,
    pub findings: Vec<AuditFinding>,
}

/// Requirement statuses of one source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceStatus {
    pub source: String,
    pub title: Text,
    pub total: usize,
    /// Counts per status, every status present (zero when none).
    pub counts: BTreeMap<&'static str, usize>,
    /// Of the compliant requirements, those met by a valid attestation (treatment `attested`).
    pub attested: usize,
}

/// How the pack treats the requirements of one source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceCoverage {
    pub source: String,
    pub title: Text,
    pub total: usize,
    pub automated: usize,
    pub attested: usize,
    pub manual: usize,
    pub unassigned: usize,
}

/// A waiver in the inventory.
#[derive(Debug, Clone, Serialize)]
pub struct WaiverStatus {
    pub name: String,
    /// The rule or requirement it covers.
    pub covers: String,
    pub reason: String,
    pub approver: String,
    pub expires: String,
    /// Negative when expired.
    pub days_left: i64,
    pub active: bool,
    /// Findings it covers in this run.
    pub findings: usize,
    pub location: Location,
}

/// An input file of the run.
#[derive(Debug, Clone, Serialize)]
pub struct AuditInput {
    pub path: String,
    pub sha256: String,
    /// `inventory`, `waiver` (a file holding Waiver documents) or `config`.
    pub role: &'static str,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    pub evaluated_at: String,
    pub sansho_version: &'static str,
    pub pack_version: &'static str,
    pub rules: usize,
    pub custom_policies: Vec<String>,
    pub result: &'static str,
    pub summary: crate::check::Summary,
    pub inputs: Vec<AuditInput>,
    pub sources: Vec<SourceStatus>,
    pub open_requirements: Vec<OpenRequirement>,
    pub waivers: Vec<WaiverStatus>,
    pub coverage: Vec<SourceCoverage>,
}

/// The statuses in the order reports show them.
pub const STATUSES: [RequirementStatus; 6] = [
    RequirementStatus::Compliant,
    RequirementStatus::NonCompliant,
    RequirementStatus::AttestationMissing,
    RequirementStatus::Waived,
    RequirementStatus::NotApplicable,
    RequirementStatus::NotEvaluated,
];

/// The name of a status in reports.
pub fn status_label(s: RequirementStatus) -> Text {
    let (ja, en) = match s {
        RequirementStatus::Compliant => ("適合", "met"),
        RequirementStatus::NonCompliant => ("不適合", "not met"),
        RequirementStatus::AttestationMissing => ("宣誓なし", "attestation missing"),
        RequirementStatus::Waived => ("例外承認", "waived"),
        RequirementStatus::NotApplicable => ("対象外", "not applicable"),
        RequirementStatus::NotEvaluated => ("未評価", "not evaluated"),
    };
    Text {
        ja: ja.to_string(),
        en: en.to_string(),
    }
}

fn snippet(outcome: &CheckOutcome, loc: &Location) -> Vec<SnippetLine> {
    let Some(file) = outcome.inventory.sources.find(&loc.file) else {
        return Vec::new();
    };
    file.text()
        .map_or_else(Vec::new, |text| snippet_of(text, loc.offset as usize, loc.line))
}

/// The lines around the line holding byte `offset` (line number `line`), found by walking
/// out from the offset: the cost does not grow with the size of the file.
fn snippet_of(text: &str, offset: usize, line: u32) -> Vec<SnippetLine> {
    let offset = offset.min(text.len());
    let bytes = text.as_bytes();
    // Start of the recorded line, then up to SNIPPET_CONTEXT lines before it.
    let mut start = bytes[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut first = line;
    while first > 1 && first + SNIPPET_CONTEXT > line && start > 0 {
        start = bytes[..start - 1]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        first -= 1;
    }
    let mut out = Vec::new();
    let mut number = first;
    let mut rest = &text[start..];
    while number <= line.saturating_add(SNIPPET_CONTEXT) && !rest.is_empty() {
        let (l, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        out.push(SnippetLine {
            number,
            text: l.trim_start_matches('\u{feff}').trim_end_matches('\r').to_string(),
            hit: number == line,
        });
        rest = next;
        number += 1;
    }
    out
}

/// Builds the report of a check run.
pub fn build(outcome: &CheckOutcome) -> AuditReport {
    let r = &outcome.report;
    let as_of = Date::parse(&r.evaluated_at);
    let waiver_files: BTreeSet<&str> = outcome
        .inventory
        .documents
        .iter()
        .filter(|d| d.kind == Kind::Waiver)
        .filter_map(|d| outcome.inventory.sources.get(d.file).map(|f| f.display.as_str()))
        .collect();
    let inputs = r
        .inputs
        .iter()
        .map(|i: &InputFile| AuditInput {
            path: i.path.clone(),
            sha256: i.sha256.clone(),
            role: if i.role == "inventory" && waiver_files.contains(i.path.as_str()) {
                "waiver"
            } else {
                i.role
            },
        })
        .collect();
    let sources = r
        .sources
        .iter()
        .map(|s| SourceStatus {
            source: s.source.clone(),
            title: outcome.catalog.source_title(&s.source),
            total: s.total,
            counts: STATUSES
                .iter()
                .map(|st| (st.as_str(), s.counts.get(st.as_str()).copied().unwrap_or(0)))
                .collect(),
            attested: r
                .requirements
                .iter()
                .filter(|q| {
                    q.source == s.source
                        && q.status == RequirementStatus::Compliant
                        && q.treatment == Coverage::Attested
                })
                .count(),
        })
        .collect();
    let open_requirements = r
        .requirements
        .iter()
        .filter(|q| {
            matches!(
                q.status,
                RequirementStatus::NonCompliant | RequirementStatus::AttestationMissing
            )
        })
        .map(|q| OpenRequirement {
            id: q.id.clone(),
            source: q.source.clone(),
            title: q.title.clone(),
            status: q.status,
            findings: r
                .findings
                .iter()
                .filter(|f| f.is_open() && f.requirements.contains(&q.id))
                .map(|f| AuditFinding {
                    rule: f.rule.clone(),
                    level: f.level,
                    status: f.status,
                    title: f.title.clone(),
                    message: f.message.clone(),
                    resource: format!("{}/{}", f.resource.kind.as_str(), f.resource.name),
                    location: f.location.clone(),
                    snippet: snippet(outcome, &f.location),
                })
                .collect(),
        })
        .collect();
    let mut waivers: Vec<WaiverStatus> = crate::waiver::read(&outcome.inventory, &outcome.pack, &outcome.catalog)
        .unwrap_or_default()
        .into_iter()
        .map(|w| {
            let days_left = as_of.map_or(0, |d| d.days_until(w.expires));
            WaiverStatus {
                covers: w.rule.clone().or(w.requirement.clone()).unwrap_or_default(),
                findings: r
                    .findings
                    .iter()
                    .filter(|f| f.waiver.as_ref().is_some_and(|x| x.name == w.name))
                    .count(),
                active: as_of.is_some_and(|d| w.active(d)),
                name: w.name,
                reason: w.reason,
                approver: w.approver,
                expires: w.expires.to_string(),
                days_left,
                location: w.location,
            }
        })
        .collect();
    waivers.sort_by(|a, b| (&a.expires, &a.name).cmp(&(&b.expires, &b.name)));
    let cov = coverage::coverage(&outcome.catalog, &outcome.pack);
    let mut by_source: Vec<SourceCoverage> = Vec::new();
    for (req, c) in outcome.catalog.iter().zip(&cov) {
        let i = match by_source.iter().position(|s| s.source == req.source) {
            Some(i) => i,
            None => {
                by_source.push(SourceCoverage {
                    source: req.source.clone(),
                    title: outcome.catalog.source_title(&req.source),
                    total: 0,
                    automated: 0,
                    attested: 0,
                    manual: 0,
                    unassigned: 0,
                });
                by_source.len() - 1
            }
        };
        let s = &mut by_source[i];
        s.total += 1;
        match c.treatment {
            Coverage::Automated => s.automated += 1,
            Coverage::Attested => s.attested += 1,
            Coverage::Manual => s.manual += 1,
            Coverage::Unassigned => s.unassigned += 1,
        }
    }
    AuditReport {
        evaluated_at: r.evaluated_at.clone(),
        sansho_version: r.tool.version,
        pack_version: r.tool.policy_pack.version,
        rules: r.tool.policy_pack.rules,
        custom_policies: r.tool.policy_pack.custom.clone(),
        result: r.summary.result,
        summary: r.summary.clone(),
        inputs,
        sources,
        open_requirements,
        waivers,
        coverage: by_source,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_the_lines_around_the_offset() {
        let text = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let at = text.find('e').unwrap();
        let s = snippet_of(text, at, 5);
        let got: Vec<(u32, &str, bool)> = s.iter().map(|l| (l.number, l.text.as_str(), l.hit)).collect();
        assert_eq!(
            got,
            [
                (2, "b", false),
                (3, "c", false),
                (4, "d", false),
                (5, "e", true),
                (6, "f", false),
                (7, "g", false),
                (8, "h", false)
            ]
        );
        // At the top and the bottom of a file, CRLF line ends.
        let s = snippet_of("x\r\ny\r\n", 0, 1);
        assert_eq!(s.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["x", "y"]);
        assert!(s[0].hit);
        let s = snippet_of("x\ny", 2, 2);
        assert_eq!(
            s.iter().map(|l| (l.number, l.hit)).collect::<Vec<_>>(),
            [(1, false), (2, true)]
        );
    }

    #[test]
    fn coverage_counts_add_up_to_the_catalog() {
        let (catalog, pack) = crate::check::load_pack(true, &[])
            .map_err(|p| format!("{p:?}"))
            .unwrap();
        let cov = coverage::coverage(&catalog, &pack);
        assert_eq!(cov.len(), catalog.len());
        let labels: BTreeSet<String> = STATUSES.iter().map(|s| status_label(*s).ja).collect();
        assert_eq!(labels.len(), STATUSES.len(), "every status has its own label");
    }
}
