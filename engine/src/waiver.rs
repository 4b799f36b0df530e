//! Waivers: accountable, time-limited exceptions. A `Waiver` document names a rule (or a
//! requirement: every rule that checks it), a resource selector, a reason, an approver and an
//! inclusive expiry date (JST). Matching findings stay in every report with status `waived`
//! and the waiver's reason; they no longer fail the run. An expired waiver suppresses nothing.
//! The waiver-stage rules (`custom.stage: waivers`) then see how many findings each waiver
//! matched (`data.sansho.waiver_matches`) to report expired, expiring and unused waivers.

use crate::catalog::Catalog;
use crate::date::Date;
use crate::eval::Finding;
use crate::inventory::{Inventory, Kind};
use crate::policy::PolicySet;
use crate::problem::{Problem, ProblemCode, Problems};
use crate::source::Location;
use crate::yaml::Seg;
use serde::Serialize;
use std::collections::BTreeMap;

/// A waiver as read from the inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    pub name: String,
    pub rule: Option<String>,
    pub requirement: Option<String>,
    pub kind: Option<Kind>,
    pub resource: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub reason: String,
    pub approver: String,
    pub expires: Date,
    pub ticket: Option<String>,
    pub location: Location,
}

/// What a waived finding carries in reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaiverRef {
    pub name: String,
    pub reason: String,
    pub approver: String,
    pub expires: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    pub location: Location,
}

fn s(v: &serde_json::Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for k in path {
        cur = cur.get(k)?;
    }
    cur.as_str().map(str::to_string)
}

/// The waivers of an inventory, checked against the pack and the catalog: a waiver naming an
/// unknown rule or requirement is a problem (exit 2), never silently ignored.
pub fn read(inv: &Inventory, pack: &PolicySet, catalog: &Catalog) -> Result<Vec<Waiver>, Problems> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for d in inv.documents.iter().filter(|d| d.kind == Kind::Waiver) {
        let v = &d.value;
        let at = |path: &[&str]| inv.locate(d, &path.iter().map(|k| Seg::Key((*k).to_string())).collect::<Vec<_>>());
        let rule = s(v, &["spec", "rule"]);
        let requirement = s(v, &["spec", "requirement"]);
        if let Some(r) = &rule {
            if pack.rule(r).is_none() {
                problems.push(
                    Problem::new(
                        ProblemCode::UnknownReference,
                        format!("waiver `{}` names unknown rule `{r}`", d.name),
                    )
                    .at(at(&["spec", "rule"]))
                    .help("use a rule id from `sansho rules`"),
                );
            }
        }
        if let Some(r) = &requirement {
            if catalog.get(r).is_none() {
                problems.push(
                    Problem::new(
                        ProblemCode::UnknownReference,
                        format!("waiver `{}` names unknown requirement `{r}`", d.name),
                    )
                    .at(at(&["spec", "requirement"]))
                    .help("use a requirement id from `sansho requirements`"),
                );
            }
        }
        let Some(expires) = s(v, &["spec", "expires"]).and_then(|e| Date::parse(&e)) else {
            problems.push(
                Problem::new(
                    ProblemCode::InvalidDate,
                    format!("waiver `{}` has no valid expires date", d.name),
                )
                .at(at(&["spec"])),
            );
            continue;
        };
        let kind = s(v, &["spec", "selector", "kind"]).and_then(|k| Kind::ALL.into_iter().find(|x| x.as_str() == k));
        let labels = v
            .pointer("/spec/selector/labels")
            .and_then(|l| l.as_object())
            .map(|m| {
                m.iter()
                    .filter_map(|(k, x)| x.as_str().map(|x| (k.clone(), x.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        out.push(Waiver {
            name: d.name.clone(),
            rule,
            requirement,
            kind,
            resource: s(v, &["spec", "selector", "name"]),
            labels,
            reason: s(v, &["spec", "reason"]).unwrap_or_default(),
            approver: s(v, &["spec", "approver"]).unwrap_or_default(),
            expires,
            ticket: s(v, &["spec", "ticket"]),
            location: at(&["metadata", "name"]),
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Problems(problems))
    }
}

impl Waiver {
    fn matches(&self, f: &Finding, inv: &Inventory, pack: &PolicySet) -> bool {
        let rule_ok = match (&self.rule, &self.requirement) {
            (Some(r), _) => pack.rule(r).is_some_and(|x| x.meta.id == f.rule),
            (None, Some(q)) => f.requirements.iter().any(|x| x == q),
            (None, None) => false,
        };
        if !rule_ok {
            return false;
        }
        if self.kind.is_some_and(|k| k != f.resource.kind) {
            return false;
        }
        if self.resource.as_ref().is_some_and(|n| n != &f.resource.name) {
            return false;
        }
        if self.labels.is_empty() {
            return true;
        }
        let Some(doc) = inv.get_in(f.resource.kind, &f.resource.name, f.resource.file.as_deref()) else {
            return false;
        };
        // Inventory documents carry metadata.labels; configuration items carry `labels`.
        let labels = match doc.kind {
            Kind::Configuration => doc.value.get("labels"),
            _ => doc.value.pointer("/metadata/labels"),
        };
        self.labels
            .iter()
            .all(|(k, v)| labels.and_then(|l| l.get(k)).and_then(|x| x.as_str()) == Some(v))
    }

    /// Whether the waiver still applies on `as_of` (the expiry day is included).
    pub fn active(&self, as_of: Date) -> bool {
        as_of <= self.expires
    }
}

/// Marks the findings that active waivers cover, and counts the findings each waiver matches
/// (expired waivers count too, so that "unused" is about the selector, not the date).
pub fn apply(
    findings: &mut [Finding],
    waivers: &[Waiver],
    inv: &Inventory,
    pack: &PolicySet,
    as_of: Date,
) -> BTreeMap<String, usize> {
    let mut matches: BTreeMap<String, usize> = waivers.iter().map(|w| (w.name.clone(), 0)).collect();
    for f in findings.iter_mut() {
        for w in waivers {
            if w.matches(f, inv, pack) {
                *matches.entry(w.name.clone()).or_default() += 1;
                if w.active(as_of) && f.waiver.is_none() {
                    f.waiver = Some(WaiverRef {
                        name: w.name.clone(),
                        reason: w.reason.clone(),
                        approver: w.approver.clone(),
                        expires: w.expires.to_string(),
                        ticket: w.ticket.clone(),
                        location: w.location.clone(),
                    });
                }
            }
        }
    }
    matches
}
