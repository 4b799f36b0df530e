//! How each requirement of the catalog is checked (its treatment and rules), and, after a
//! check, where the inventory stands requirement by requirement.

use crate::catalog::{Catalog, Requirement, Text};
use crate::eval::{Finding, Status};
use crate::inventory::{Inventory, Kind};
use crate::metadata::Treatment;
use crate::policy::PolicySet;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How a requirement is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// A policy decides it from systems, assets, contracts or configurations.
    Automated,
    /// A policy requires a valid Attestation.
    Attested,
    /// No policy can decide it; the catalog says why.
    Manual,
    /// Neither a rule nor a reason: a gap in the pack (a test keeps this empty for the built-in catalog).
    Unassigned,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Automated => "automated",
            Coverage::Attested => "attested",
            Coverage::Manual => "manual",
            Coverage::Unassigned => "unassigned",
        }
    }
}

/// The treatment of one requirement and the rules behind it.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementCoverage {
    pub id: String,
    pub treatment: Coverage,
    pub rules: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
}

/// The treatment of every catalog entry, in catalog order. A requirement with at least one
/// automated rule is automated; with only attested rules, attested; with none, manual when the
/// catalog gives a reason.
pub fn coverage(catalog: &Catalog, pack: &PolicySet) -> Vec<RequirementCoverage> {
    let mut rules_of: BTreeMap<&str, Vec<(&str, Treatment)>> = BTreeMap::new();
    for r in &pack.rules {
        for q in &r.meta.requirements {
            rules_of
                .entry(q.as_str())
                .or_default()
                .push((r.meta.id.as_str(), r.meta.treatment));
        }
    }
    catalog
        .iter()
        .map(|req| {
            let rules = rules_of.get(req.id.as_str()).cloned().unwrap_or_default();
            let treatment = if rules.iter().any(|(_, t)| *t == Treatment::Automated) {
                Coverage::Automated
            } else if !rules.is_empty() {
                Coverage::Attested
            } else if req.manual.is_some() {
                Coverage::Manual
            } else {
                Coverage::Unassigned
            };
            let mut ids: Vec<String> = rules.iter().map(|(id, _)| id.to_string()).collect();
            ids.sort();
            ids.dedup();
            RequirementCoverage {
                id: req.id.clone(),
                treatment,
                rules: ids,
                reason: if rules.is_empty() { req.manual.clone() } else { None },
            }
        })
        .collect()
}

/// Where an inventory stands on one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementStatus {
    Compliant,
    NonCompliant,
    AttestationMissing,
    Waived,
    NotApplicable,
    NotEvaluated,
}

impl RequirementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequirementStatus::Compliant => "compliant",
            RequirementStatus::NonCompliant => "non_compliant",
            RequirementStatus::AttestationMissing => "attestation_missing",
            RequirementStatus::Waived => "waived",
            RequirementStatus::NotApplicable => "not_applicable",
            RequirementStatus::NotEvaluated => "not_evaluated",
        }
    }
}

/// A resource a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ResourceKey {
    pub kind: Kind,
    pub name: String,
    /// The file of a configuration item (its address may repeat across files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// One requirement in scope of a check.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementResult {
    pub id: String,
    pub source: String,
    pub title: Text,
    pub treatment: Coverage,
    pub status: RequirementStatus,
    pub rules: Vec<String>,
    /// Resources with open or waived findings for this requirement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ResourceKey>,
    /// Open findings / waived findings.
    pub findings: usize,
    pub waived: usize,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unverified: bool,
}

/// The parties an inventory speaks for: `institution` when it has a hospital, clinic or pharmacy
/// (or no organization at all), `vendor` when it has a vendor or subcontractor.
pub fn parties(inv: &Inventory) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    for d in inv.documents.iter().filter(|d| d.kind == Kind::Organization) {
        match d.value.pointer("/spec/type").and_then(|v| v.as_str()) {
            Some("vendor") | Some("subcontractor") => out.insert("vendor"),
            _ => out.insert("institution"),
        };
    }
    if out.is_empty() {
        out.insert("institution");
    }
    out
}

fn in_scope(req: &Requirement, parties: &BTreeSet<&str>) -> bool {
    req.applies_to == "both" || parties.contains(req.applies_to.as_str())
}

/// The status of every requirement in scope (by `applies_to` and the organizations of the
/// inventory), in catalog order.
pub fn requirement_results(
    catalog: &Catalog,
    pack: &PolicySet,
    inv: &Inventory,
    findings: &[Finding],
) -> Vec<RequirementResult> {
    let parties = parties(inv);
    let cov: BTreeMap<String, RequirementCoverage> =
        coverage(catalog, pack).into_iter().map(|c| (c.id.clone(), c)).collect();
    let mut by_req: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        for q in &f.requirements {
            by_req.entry(q.as_str()).or_default().push(f);
        }
    }
    let kinds_present: BTreeSet<Kind> = inv.documents.iter().map(|d| d.kind).collect();
    let attested: BTreeSet<&str> = pack
        .rules
        .iter()
        .filter(|r| r.meta.treatment == Treatment::Attested)
        .map(|r| r.meta.id.as_str())
        .collect();
    // A rule applies when the inventory has documents of a kind it looks at.
    let applicable: BTreeSet<&str> = pack
        .rules
        .iter()
        .filter(|r| r.meta.resources.is_empty() || r.meta.resources.iter().any(|k| kinds_present.contains(k)))
        .map(|r| r.meta.id.as_str())
        .collect();
    catalog
        .iter()
        .filter(|req| in_scope(req, &parties))
        .map(|req| {
            let c = cov.get(&req.id);
            let rules: Vec<String> = c.map(|c| c.rules.clone()).unwrap_or_default();
            let treatment = c.map_or(Coverage::Unassigned, |c| c.treatment);
            let fs = by_req.get(req.id.as_str()).cloned().unwrap_or_default();
            let open: Vec<&&Finding> = fs.iter().filter(|f| f.status == Status::Open).collect();
            let waived = fs.len() - open.len();
            let applicable = rules.iter().any(|id| applicable.contains(id.as_str()));
            let status = if rules.is_empty() {
                RequirementStatus::NotEvaluated
            } else if !open.is_empty() {
                if open.iter().all(|f| attested.contains(f.rule.as_str())) {
                    RequirementStatus::AttestationMissing
                } else {
                    RequirementStatus::NonCompliant
                }
            } else if waived > 0 {
                RequirementStatus::Waived
            } else if !applicable {
                RequirementStatus::NotApplicable
            } else {
                RequirementStatus::Compliant
            };
            let mut resources: Vec<ResourceKey> = fs
                .iter()
                .map(|f| ResourceKey {
                    kind: f.resource.kind,
                    name: f.resource.name.clone(),
                    file: f.resource.file.clone(),
                })
                .collect();
            resources.sort();
            resources.dedup();
            RequirementResult {
                id: req.id.clone(),
                source: req.source.clone(),
                title: req.title.clone(),
                treatment,
                status,
                rules,
                resources,
                findings: open.len(),
                waived,
                unverified: req.basis.is_unverified(),
            }
        })
        .collect()
}

/// Per-source counts of requirement statuses, in catalog source order.
#[derive(Debug, Clone, Serialize)]
pub struct SourceSummary {
    pub source: String,
    pub total: usize,
    pub counts: BTreeMap<&'static str, usize>,
}

pub fn source_summaries(results: &[RequirementResult]) -> Vec<SourceSummary> {
    let mut out: Vec<SourceSummary> = Vec::new();
    for r in results {
        let i = match out.iter().position(|s| s.source == r.source) {
            Some(i) => i,
            None => {
                out.push(SourceSummary {
                    source: r.source.clone(),
                    total: 0,
                    counts: BTreeMap::new(),
                });
                out.len() - 1
            }
        };
        out[i].total += 1;
        *out[i].counts.entry(r.status.as_str()).or_default() += 1;
    }
    out
}

/// A short name of a requirement source, for summaries.
pub fn source_title(source: &str) -> Text {
    let (ja, en) = match source {
        "checklist_r7_institution" => ("チェックリスト R7 医療機関確認用", "Checklist R7 (institution)"),
        "checklist_r7_vendor" => ("チェックリスト R7 事業者確認用", "Checklist R7 (vendor)"),
        "guideline6" => ("安全管理ガイドライン 第6.0版", "MHLW Guideline 6.0"),
        "vendor2" => ("提供事業者ガイドライン 第2.0版", "Vendor guideline 2.0"),
        "mds_sds" => ("MDS/SDS", "MDS/SDS"),
        "sansho" => ("sansho 運用ルール", "sansho governance"),
        other => (other, other),
    };
    Text {
        ja: ja.to_string(),
        en: en.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_reasons_are_bilingual_and_not_stale() {
        let (catalog, pack) = crate::check::load_pack(true, &[])
            .map_err(|p| format!("{p:?}"))
            .unwrap_or_default();
        assert!(!pack.rules.is_empty());
        let cov = coverage(&catalog, &pack);
        let manual: Vec<_> = cov.iter().filter(|c| c.treatment == Coverage::Manual).collect();
        assert!(manual.len() >= 10, "{}", manual.len());
        for c in &manual {
            let reason = c.reason.as_ref().map(|t| (t.ja.trim().len(), t.en.trim().len()));
            assert!(
                matches!(reason, Some((ja, en)) if ja > 10 && en > 10),
                "{}: {reason:?}",
                c.id
            );
        }
        // A requirement a rule now checks must not keep a reason saying no rule can.
        for req in catalog.iter().filter(|r| r.manual.is_some()) {
            let c = cov.iter().find(|c| c.id == req.id);
            assert!(
                c.is_some_and(|c| c.treatment == Coverage::Manual),
                "{} has a manual reason but rules check it: drop the reason",
                req.id
            );
        }
    }

    #[test]
    fn treatment_prefers_automated_over_attested() {
        let (catalog, pack) = crate::check::load_pack(true, &[])
            .map_err(|p| format!("{p:?}"))
            .unwrap_or_default();
        let cov = coverage(&catalog, &pack);
        let two_fa = cov.iter().find(|c| c.id == "chk.r7.inst.2.10");
        assert!(
            two_fa.is_some_and(|c| c.treatment == Coverage::Automated && c.rules.contains(&"SNS-AUTH-002".to_string()))
        );
    }

    #[test]
    fn the_builtin_pack_meets_its_coverage_targets() {
        let (catalog, pack) = crate::check::load_pack(true, &[])
            .map_err(|p| format!("{p:?}"))
            .unwrap_or_default();
        let cov = coverage(&catalog, &pack);
        assert!(
            cov.len() > 200 && !pack.rules.is_empty(),
            "the built-in pack did not load"
        );
        let unassigned: Vec<&str> = cov
            .iter()
            .filter(|c| c.treatment == Coverage::Unassigned)
            .map(|c| c.id.as_str())
            .collect();
        assert!(
            unassigned.is_empty(),
            "requirements without a treatment: {unassigned:?}"
        );
        // Every checklist item (not the usage notes `chk.r7.meta.*`) is automated or attested.
        for c in cov
            .iter()
            .filter(|c| c.id.starts_with("chk.r7.") && !c.id.starts_with("chk.r7.meta."))
        {
            assert!(
                matches!(c.treatment, Coverage::Automated | Coverage::Attested),
                "{} is {}",
                c.id,
                c.treatment.as_str()
            );
        }
        // At least 60 % of the Guideline 6.0 items are automated.
        let g6: Vec<_> = catalog
            .iter()
            .zip(&cov)
            .filter(|(r, _)| r.source == "guideline6")
            .collect();
        assert!(g6.len() > 100, "{}", g6.len());
        let automated = g6.iter().filter(|(_, c)| c.treatment == Coverage::Automated).count();
        assert!(
            automated * 100 >= g6.len() * 60,
            "{automated} of {} automated",
            g6.len()
        );
    }
}
