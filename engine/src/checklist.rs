//! The MHLW cybersecurity checklist (医療機関におけるサイバーセキュリティ対策チェックリスト)
//! filled in from a check: one list for the institution (医療機関確認用) and one per vendor
//! (事業者確認用), each item answered はい / いいえ from the status of its catalog requirement,
//! with the date it was decided, the target date (目標日) recorded in the inventory for いいえ, and
//! the findings and inventory values behind the answer.
//!
//! The items, their numbers, sections and order per edition are data
//! (`policies/catalog/checklists.yaml`); the wording of each item is the catalog entry's title.
//! Rendering (xlsx, CSV, Markdown, HTML) belongs to the CLI.

use crate::catalog::{Catalog, Text};
use crate::check::CheckOutcome;
use crate::coverage::{Coverage, RequirementStatus};
use crate::date::Date;
use crate::eval::{Finding, Status};
use crate::inventory::{Document, Inventory, Kind};
use crate::metadata::{Level, Treatment};
use crate::problem::{Problem, ProblemCode};
use crate::source::Location;
use crate::yaml::Seg;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The embedded layouts file, below `policies/`.
pub const LAYOUTS_PATH: &str = "catalog/checklists.yaml";

/// Most evidence values listed per item (the rest are counted).
pub const MAX_EVIDENCE: usize = 20;

/// Which list of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 医療機関確認用.
    Institution,
    /// 事業者確認用.
    Vendor,
}

impl ListKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Institution => "institution",
            ListKind::Vendor => "vendor",
        }
    }
}

/// Which lists to fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSelection {
    Institution,
    Vendor,
    All,
}

impl ListSelection {
    fn wants(self, k: ListKind) -> bool {
        matches!(
            (self, k),
            (ListSelection::All, _)
                | (ListSelection::Institution, ListKind::Institution)
                | (ListSelection::Vendor, ListKind::Vendor)
        )
    }
}

// --- Layouts ------------------------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layouts {
    pub editions: BTreeMap<String, EditionLayout>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionLayout {
    pub title: Text,
    /// The last day of the fiscal year the edition asks いいえ items to be done by.
    pub fiscal_year_end: String,
    pub lists: Vec<ListLayout>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListLayout {
    pub list: ListKind,
    /// The catalog source of the list's requirements.
    pub source: String,
    pub sheet: Text,
    pub title: Text,
    pub sections: Vec<SectionLayout>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionLayout {
    pub number: String,
    pub heading: Text,
    pub items: Vec<ItemLayout>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemLayout {
    pub no: String,
    pub requirement: String,
}

impl Layouts {
    /// The built-in layouts.
    pub fn builtin() -> Result<Layouts, Problem> {
        let text = crate::policy::embedded_file(LAYOUTS_PATH)
            .ok_or_else(|| Problem::new(ProblemCode::Config, "the checklist layouts are missing from this build"))?;
        Layouts::parse(text, &format!("policies/{LAYOUTS_PATH}"))
    }

    pub fn parse(text: &str, shown: &str) -> Result<Layouts, Problem> {
        yaml_serde::from_str(text).map_err(|e| {
            Problem::new(ProblemCode::Config, format!("invalid checklist layouts: {e}"))
                .in_file(shown)
                .help("each edition needs title {ja, en}, fiscal_year_end and lists of sections of items {no, requirement}")
        })
    }

    /// The editions known, in order.
    pub fn edition_names(&self) -> Vec<&str> {
        self.editions.keys().map(String::as_str).collect()
    }

    /// Checks every item against the catalog: the requirement exists, belongs to the list's
    /// source and, when the catalog numbers it, has the same number.
    pub fn validate(&self, catalog: &Catalog) -> Result<(), Problem> {
        for (ed, e) in &self.editions {
            if Date::parse(&e.fiscal_year_end).is_none() {
                return Err(Problem::new(
                    ProblemCode::InvalidDate,
                    format!(
                        "checklist edition `{ed}` has an invalid fiscal_year_end `{}`",
                        e.fiscal_year_end
                    ),
                ));
            }
            for l in &e.lists {
                for item in l.sections.iter().flat_map(|s| &s.items) {
                    let Some(req) = catalog.get(&item.requirement) else {
                        return Err(Problem::new(
                            ProblemCode::UnknownReference,
                            format!(
                                "checklist edition `{ed}` item {} names unknown requirement `{}`",
                                item.no, item.requirement
                            ),
                        )
                        .help("add the requirement to the catalog or fix the id in the layout"));
                    };
                    if req.source != l.source {
                        return Err(Problem::new(
                            ProblemCode::Config,
                            format!(
                                "checklist edition `{ed}` item {}: requirement `{}` is from `{}`, not `{}`",
                                item.no, item.requirement, req.source, l.source
                            ),
                        ));
                    }
                    if req.item.as_deref().is_some_and(|n| n != item.no) {
                        return Err(Problem::new(
                            ProblemCode::Config,
                            format!(
                                "checklist edition `{ed}`: requirement `{}` is item {} in the catalog but {} in the layout",
                                item.requirement,
                                req.item.as_deref().unwrap_or_default(),
                                item.no
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

// --- The filled-in checklist -------------------------------------------------------------

/// The answer written on the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// はい.
    Yes,
    /// いいえ.
    No,
    /// 対象外: no rule of the item applies to this inventory.
    NotApplicable,
    /// 未評価: no rule decides the item (manual); a person must answer it.
    NotEvaluated,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotApplicable => "not_applicable",
            Answer::NotEvaluated => "not_evaluated",
        }
    }

    /// The word on the sheet.
    pub fn label(self) -> Text {
        let (ja, en) = match self {
            Answer::Yes => ("はい", "Yes"),
            Answer::No => ("いいえ", "No"),
            Answer::NotApplicable => ("対象外", "N/A"),
            Answer::NotEvaluated => ("未評価", "Not evaluated"),
        };
        Text {
            ja: ja.to_string(),
            en: en.to_string(),
        }
    }
}

/// What decided an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum DecidedBy {
    /// The policies, on the evaluation date.
    Evaluation,
    /// A valid Attestation for the item (its date is the 確認日).
    Attestation { name: String },
    /// Nothing: a person must answer the item.
    Nobody,
}

/// Where the target date (目標日) of an いいえ answer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// Set, not passed, within the edition's fiscal year.
    Set,
    /// No target date recorded in the inventory.
    Missing,
    /// The target date has passed.
    Past,
    /// Set but after the end of the edition's fiscal year.
    AfterFiscalYear,
}

impl TargetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::Set => "set",
            TargetStatus::Missing => "missing",
            TargetStatus::Past => "past",
            TargetStatus::AfterFiscalYear => "after_fiscal_year",
        }
    }

    /// Whether the sheet should draw attention to it.
    pub fn flagged(self) -> bool {
        self != TargetStatus::Set
    }

    pub fn label(self) -> Text {
        let (ja, en) = match self {
            TargetStatus::Set => ("", ""),
            TargetStatus::Missing => ("目標日が未記入", "no target date"),
            TargetStatus::Past => ("目標日を経過", "target date passed"),
            TargetStatus::AfterFiscalYear => ("目標日が年度末より後", "target date after the fiscal year"),
        };
        Text {
            ja: ja.to_string(),
            en: en.to_string(),
        }
    }
}

/// The 目標日 of an いいえ item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub status: TargetStatus,
    /// Where it is recorded (`spec.checklist.answers[i].target_on`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// The answer recorded by people in the inventory (`spec.checklist.answers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recorded {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub location: Location,
}

/// A finding behind an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemFinding {
    pub rule: String,
    pub level: Level,
    pub status: Status,
    pub title: Text,
    pub message: Text,
    pub resource: String,
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver_expires: Option<String>,
}

/// An inventory value the item's requirement reads (catalog `inventory:`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub kind: Kind,
    pub name: String,
    /// `spec.usb_storage`, or empty for the document itself.
    pub path: String,
    /// Scalars only, shortened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For a whole kind (`Asset`): how many documents of it one file holds (`name` is then
    /// the first of them and `location` its name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<usize>,
    pub location: Location,
}

/// An attestation behind an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttestationRef {
    pub name: String,
    pub attested_on: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    pub valid: bool,
    pub location: Location,
}

/// One item of a list.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItem {
    pub no: String,
    pub requirement: String,
    pub title: Text,
    pub treatment: Coverage,
    pub status: RequirementStatus,
    pub answer: Answer,
    /// 確認日: the evaluation date, or the attestation's date; `None` when not evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_on: Option<String>,
    pub decided_by: DecidedBy,
    /// The catalog's deadline for はい.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Only for いいえ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recorded>,
    /// A recorded はい that the policies answer いいえ (or the reverse).
    pub recorded_mismatch: bool,
    pub rules: Vec<String>,
    pub findings: Vec<ItemFinding>,
    pub evidence: Vec<Evidence>,
    /// Evidence values beyond [`MAX_EVIDENCE`].
    pub evidence_more: usize,
    pub attestations: Vec<AttestationRef>,
    /// Why the item is not evaluated (manual items), from the catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistSection {
    pub number: String,
    pub heading: Text,
    pub items: Vec<ChecklistItem>,
}

/// The organization a list is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgRef {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    /// Described from the other side (`spec.counterparty: true`).
    pub counterparty: bool,
}

impl OrgRef {
    /// The legal name when known, else the inventory name.
    pub fn display(&self) -> &str {
        self.legal_name.as_deref().unwrap_or(&self.name)
    }
}

/// Answers counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ListSummary {
    pub items: usize,
    pub yes: usize,
    pub no: usize,
    pub not_applicable: usize,
    pub not_evaluated: usize,
    /// いいえ items whose target date is missing, passed or after the fiscal year.
    pub targets_flagged: usize,
}

/// One filled-in list (one sheet).
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistList {
    pub list: ListKind,
    pub sheet: Text,
    pub title: Text,
    pub organizations: Vec<OrgRef>,
    pub summary: ListSummary,
    pub sections: Vec<ChecklistSection>,
}

impl ChecklistList {
    pub fn items(&self) -> impl Iterator<Item = &ChecklistItem> {
        self.sections.iter().flat_map(|s| &s.items)
    }
}

/// The whole checklist for one check run.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    pub edition: String,
    pub title: Text,
    pub evaluated_at: String,
    pub fiscal_year_end: String,
    pub sansho_version: &'static str,
    pub lists: Vec<ChecklistList>,
}

// --- Building ---------------------------------------------------------------------------------

fn str_at<'a>(v: &'a serde_json::Value, ptr: &str) -> Option<&'a str> {
    v.pointer(ptr).and_then(|x| x.as_str())
}

fn is_vendor_org(d: &Document) -> bool {
    matches!(str_at(&d.value, "/spec/type"), Some("vendor" | "subcontractor"))
}

fn is_counterparty(d: &Document) -> bool {
    d.value.pointer("/spec/counterparty").and_then(|v| v.as_bool()) == Some(true)
}

fn org_ref(d: &Document) -> OrgRef {
    OrgRef {
        name: d.name.clone(),
        legal_name: str_at(&d.value, "/spec/legal_name").map(str::to_string),
        counterparty: is_counterparty(d),
    }
}

/// Every string under a key named `vendor` anywhere in `v`.
fn vendor_fields(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "vendor" {
                    if let Some(s) = x.as_str() {
                        out.insert(s.to_string());
                    }
                }
                vendor_fields(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| vendor_fields(x, out)),
        _ => {}
    }
}

/// Vendor organizations per document, by kind and name.
type Attribution = BTreeMap<Kind, BTreeMap<String, BTreeSet<String>>>;

fn vendors_of<'a>(attr: &'a Attribution, kind: Kind, name: &str) -> Option<&'a BTreeSet<String>> {
    attr.get(&kind).and_then(|m| m.get(name))
}

/// Which vendor organizations each document belongs to: a vendor organization to itself, a
/// system to its vendor and maintainer, an asset to those of its systems and its own
/// maintainer, a contract to its vendor and subcontractor parties.
fn vendor_attribution(inv: &Inventory) -> Attribution {
    let mut out = Attribution::new();
    let mut system_vendors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in &inv.documents {
        let mut set = BTreeSet::new();
        match d.kind {
            Kind::Organization if is_vendor_org(d) => {
                set.insert(d.name.clone());
            }
            Kind::System => {
                if let Some(spec) = d.value.get("spec") {
                    vendor_fields(spec, &mut set);
                }
                system_vendors.insert(d.name.clone(), set.clone());
            }
            Kind::Asset => {
                if let Some(spec) = d.value.get("spec") {
                    vendor_fields(spec, &mut set);
                }
            }
            Kind::Contract => {
                for p in d
                    .value
                    .pointer("/spec/parties")
                    .and_then(|p| p.as_array())
                    .into_iter()
                    .flatten()
                {
                    if matches!(str_at(p, "/role"), Some("vendor" | "subcontractor")) {
                        if let Some(o) = str_at(p, "/organization") {
                            set.insert(o.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
        out.entry(d.kind).or_default().insert(d.name.clone(), set);
    }
    // Assets also belong to the vendors of their systems.
    for d in inv.documents.iter().filter(|d| d.kind == Kind::Asset) {
        let systems: Vec<String> = d
            .value
            .pointer("/spec/systems")
            .and_then(|s| s.as_array())
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect();
        let extra: BTreeSet<String> = systems
            .iter()
            .filter_map(|s| system_vendors.get(s))
            .flatten()
            .cloned()
            .collect();
        out.entry(d.kind)
            .or_default()
            .entry(d.name.clone())
            .or_default()
            .extend(extra);
    }
    out
}

/// Whose documents and findings a list looks at.
enum Scope {
    /// The institution list: institution organizations and every other document.
    Institution,
    /// The vendor's own inventory: every document but institution organizations.
    OwnVendor(String),
    /// A vendor described by the institution: what belongs to it.
    Counterparty(String),
}

impl Scope {
    fn covers(&self, d: &Document, attribution: &Attribution) -> bool {
        self.covers_given(d, || vendors_of(attribution, d.kind, &d.name))
    }

    /// As [`Scope::covers`], with the document's vendors (looked up only when needed).
    fn covers_given<'v>(&self, d: &Document, vendors: impl FnOnce() -> Option<&'v BTreeSet<String>>) -> bool {
        match self {
            Scope::Institution => d.kind != Kind::Organization || !is_vendor_org(d),
            Scope::OwnVendor(v) => d.kind != Kind::Organization || d.name == *v,
            Scope::Counterparty(v) => vendors().is_some_and(|s| s.contains(v)),
        }
    }

    fn covers_resource(&self, kind: Kind, name: &str, inv: &Inventory, attr: &Attribution) -> bool {
        match inv.get(kind, name) {
            Some(d) => self.covers(d, attr),
            // A finding about something not in the inventory (should not happen): keep it on
            // the institution's own list only.
            None => matches!(self, Scope::Institution | Scope::OwnVendor(_)),
        }
    }
}

fn parse_path(s: &str) -> (Option<Kind>, Vec<String>) {
    let mut parts = s.split('.');
    let kind = parts.next().and_then(Kind::parse);
    (kind, parts.map(str::to_string).collect())
}

fn short_value(v: &serde_json::Value) -> Option<String> {
    let s = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    Some(out)
}

struct Ctx<'a> {
    outcome: &'a CheckOutcome,
    as_of: Date,
    fiscal_year_end: Date,
    attribution: &'a Attribution,
    /// Each document's vendors, in inventory order (every vendor list asks of every document).
    doc_vendors: Vec<Option<&'a BTreeSet<String>>>,
    attested_rules: BTreeSet<&'a str>,
    max_attestation_age: Option<i64>,
    coverage: BTreeMap<String, crate::coverage::RequirementCoverage>,
    /// The report's findings by requirement, in report order (each item reads its own).
    findings_by_requirement: HashMap<&'a str, Vec<&'a Finding>>,
}

/// The documents a list speaks for, by kind, in inventory order: found once per list, read by
/// the evidence of each of its items.
type Covered<'d> = BTreeMap<Kind, Vec<&'d Document>>;

impl Ctx<'_> {
    fn inv(&self) -> &Inventory {
        &self.outcome.inventory
    }

    fn evidence(&self, covered: &Covered<'_>, paths: &[String]) -> (Vec<Evidence>, usize) {
        let mut out = Vec::new();
        for p in paths {
            let (Some(kind), segs) = parse_path(p) else { continue };
            let of_kind = covered.get(&kind).map_or(&[][..], Vec::as_slice);
            if segs.is_empty() {
                // The kind itself (`Asset`: the ledger is the inventory): one line per file.
                let mut per_file: BTreeMap<String, (usize, &Document)> = BTreeMap::new();
                for &d in of_kind {
                    let file = self
                        .inv()
                        .sources
                        .get(d.file)
                        .map(|f| f.display.clone())
                        .unwrap_or_default();
                    per_file.entry(file).or_insert((0, d)).0 += 1;
                }
                for (n, d) in per_file.into_values() {
                    out.push(Evidence {
                        kind,
                        name: d.name.clone(),
                        path: String::new(),
                        value: None,
                        documents: Some(n),
                        location: self
                            .inv()
                            .locate(d, &[Seg::Key("metadata".into()), Seg::Key("name".into())]),
                    });
                }
                continue;
            }
            for &d in of_kind {
                let ptr: String = segs.iter().map(|s| format!("/{s}")).collect();
                let Some(v) = d.value.pointer(&ptr) else { continue };
                let seg: Vec<Seg> = segs.iter().map(|s| Seg::Key(s.clone())).collect();
                out.push(Evidence {
                    kind,
                    name: d.name.clone(),
                    path: segs.join("."),
                    value: short_value(v),
                    documents: None,
                    location: self.inv().locate(d, &seg),
                });
            }
        }
        out.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.column, &a.path).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
                &b.path,
            ))
        });
        out.dedup();
        let more = out.len().saturating_sub(MAX_EVIDENCE);
        out.truncate(MAX_EVIDENCE);
        (out, more)
    }

    fn attestation_valid(&self, d: &Document) -> bool {
        let Some(on) = str_at(&d.value, "/spec/attested_on").and_then(Date::parse) else {
            return false;
        };
        if on > self.as_of {
            return false;
        }
        match str_at(&d.value, "/spec/valid_until").and_then(Date::parse) {
            Some(until) => self.as_of <= until,
            None => self
                .max_attestation_age
                .is_none_or(|max| on.days_until(self.as_of) <= max),
        }
    }

    fn attestations(&self, req: &str, scope: &Scope) -> Vec<AttestationRef> {
        let mut out: Vec<AttestationRef> = self
            .inv()
            .documents
            .iter()
            .filter(|d| d.kind == Kind::Attestation)
            .filter(|d| {
                str_at(&d.value, "/spec/requirement") == Some(req)
                    || d.value
                        .pointer("/spec/requirements")
                        .and_then(|r| r.as_array())
                        .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(req)))
            })
            .filter(|d| {
                // About a subject in scope, or about the whole inventory.
                match (
                    str_at(&d.value, "/spec/subject/kind").and_then(Kind::parse),
                    str_at(&d.value, "/spec/subject/name"),
                ) {
                    (Some(k), Some(n)) => match self.inv().get(k, n) {
                        Some(doc) => scope.covers(doc, self.attribution),
                        None => false,
                    },
                    _ => matches!(scope, Scope::Institution | Scope::OwnVendor(_)),
                }
            })
            .map(|d| AttestationRef {
                name: d.name.clone(),
                attested_on: str_at(&d.value, "/spec/attested_on").unwrap_or_default().to_string(),
                valid_until: str_at(&d.value, "/spec/valid_until").map(str::to_string),
                valid: self.attestation_valid(d),
                location: self
                    .inv()
                    .locate(d, &[Seg::Key("metadata".into()), Seg::Key("name".into())]),
            })
            .collect();
        out.sort_by(|a, b| (&b.attested_on, &a.name).cmp(&(&a.attested_on, &b.name)));
        out
    }

    /// The recorded answer for `req` in the list's organizations (`spec.checklist.answers`).
    fn recorded(&self, req: &str, edition: &str, orgs: &[&Document]) -> Option<(Recorded, Option<String>, Location)> {
        for o in orgs {
            let ed = str_at(&o.value, "/spec/checklist/edition");
            if ed.is_some_and(|e| e != edition) {
                continue;
            }
            let answers = o.value.pointer("/spec/checklist/answers").and_then(|a| a.as_array());
            for (i, a) in answers.into_iter().flatten().enumerate() {
                if str_at(a, "/requirement") != Some(req) {
                    continue;
                }
                let base = vec![
                    Seg::Key("spec".into()),
                    Seg::Key("checklist".into()),
                    Seg::Key("answers".into()),
                    Seg::Index(i),
                ];
                let mut tpath = base.clone();
                tpath.push(Seg::Key("target_on".into()));
                return Some((
                    Recorded {
                        answer: str_at(a, "/answer").map(str::to_string),
                        checked_on: str_at(a, "/checked_on").map(str::to_string),
                        note: str_at(a, "/note").map(str::to_string),
                        location: self.inv().locate(o, &base),
                    },
                    str_at(a, "/target_on").map(str::to_string),
                    self.inv().locate(o, &tpath),
                ));
            }
        }
        None
    }

    fn item(
        &self,
        layout: &ItemLayout,
        edition: &str,
        scope: &Scope,
        orgs: &[&Document],
        catalog: &Catalog,
        covered: &Covered<'_>,
    ) -> ChecklistItem {
        let report = &self.outcome.report;
        let req = catalog.get(&layout.requirement);
        let result = report.requirements.iter().find(|r| r.id == layout.requirement);
        let cov = self.coverage.get(&layout.requirement);
        let rules = cov.as_ref().map(|c| c.rules.clone()).unwrap_or_default();
        let treatment = cov.as_ref().map_or(Coverage::Unassigned, |c| c.treatment);
        let findings: Vec<&Finding> = self
            .findings_by_requirement
            .get(layout.requirement.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|f| scope.covers_resource(f.resource.kind, &f.resource.name, self.inv(), self.attribution))
            .collect();
        let open: Vec<&&Finding> = findings.iter().filter(|f| f.is_open()).collect();
        let waived = findings.len() - open.len();
        // The overall status decides applicability; the scoped findings decide the rest.
        let overall = result.map_or(RequirementStatus::NotEvaluated, |r| r.status);
        let status = if rules.is_empty() || overall == RequirementStatus::NotEvaluated {
            RequirementStatus::NotEvaluated
        } else if !open.is_empty() {
            if open.iter().all(|f| self.attested_rules.contains(f.rule.as_str())) {
                RequirementStatus::AttestationMissing
            } else {
                RequirementStatus::NonCompliant
            }
        } else if waived > 0 {
            RequirementStatus::Waived
        } else if overall == RequirementStatus::NotApplicable {
            RequirementStatus::NotApplicable
        } else {
            RequirementStatus::Compliant
        };
        let answer = match status {
            RequirementStatus::Compliant => Answer::Yes,
            RequirementStatus::NonCompliant | RequirementStatus::AttestationMissing | RequirementStatus::Waived => {
                Answer::No
            }
            RequirementStatus::NotApplicable => Answer::NotApplicable,
            RequirementStatus::NotEvaluated => Answer::NotEvaluated,
        };
        let attestations = self.attestations(&layout.requirement, scope);
        let deciding = attestations.iter().find(|a| a.valid);
        let (checked_on, decided_by) = match (answer, deciding) {
            (Answer::NotEvaluated, _) => (None, DecidedBy::Nobody),
            (Answer::Yes, Some(a)) => (
                Some(a.attested_on.clone()),
                DecidedBy::Attestation { name: a.name.clone() },
            ),
            _ => (Some(self.as_of.to_string()), DecidedBy::Evaluation),
        };
        let rec = self.recorded(&layout.requirement, edition, orgs);
        let target = (answer == Answer::No).then(|| {
            let (date, location) = match &rec {
                Some((_, Some(t), loc)) => (Some(t.clone()), Some(loc.clone())),
                _ => (None, None),
            };
            let status = match date.as_deref().map(Date::parse) {
                None | Some(None) => TargetStatus::Missing,
                Some(Some(d)) if d < self.as_of => TargetStatus::Past,
                Some(Some(d)) if d > self.fiscal_year_end => TargetStatus::AfterFiscalYear,
                Some(Some(_)) => TargetStatus::Set,
            };
            Target { date, status, location }
        });
        let recorded = rec.map(|(r, _, _)| r);
        let recorded_mismatch = recorded
            .as_ref()
            .and_then(|r| r.answer.as_deref())
            .is_some_and(|a| (a == "yes" && answer == Answer::No) || (a == "no" && answer == Answer::Yes));
        let mut item_findings: Vec<ItemFinding> = findings
            .iter()
            .map(|f| ItemFinding {
                rule: f.rule.clone(),
                level: f.level,
                status: f.status,
                title: f.title.clone(),
                message: f.message.clone(),
                resource: format!("{}/{}", f.resource.kind.as_str(), f.resource.name),
                location: f.location.clone(),
                waiver: f.waiver.as_ref().map(|w| w.name.clone()),
                waiver_expires: f.waiver.as_ref().map(|w| w.expires.clone()),
            })
            .collect();
        item_findings.sort_by(|a, b| {
            (a.status, &a.location.file, a.location.line, &a.rule).cmp(&(
                b.status,
                &b.location.file,
                b.location.line,
                &b.rule,
            ))
        });
        let (evidence, evidence_more) = match req {
            Some(r) => self.evidence(covered, &r.inventory),
            None => (Vec::new(), 0),
        };
        ChecklistItem {
            no: layout.no.clone(),
            requirement: layout.requirement.clone(),
            title: req.map(|r| r.title.clone()).unwrap_or_default(),
            treatment,
            status,
            answer,
            checked_on,
            decided_by,
            due: req.and_then(|r| r.due.clone()),
            target,
            recorded,
            recorded_mismatch,
            rules,
            findings: item_findings,
            evidence,
            evidence_more,
            attestations,
            reason: req.and_then(|r| r.manual.clone()),
        }
    }

    fn list(
        &self,
        layout: &ListLayout,
        edition: &str,
        scope: &Scope,
        orgs: Vec<&Document>,
        catalog: &Catalog,
    ) -> ChecklistList {
        let mut covered = Covered::new();
        for (d, &vendors) in self.inv().documents.iter().zip(&self.doc_vendors) {
            if scope.covers_given(d, || vendors) {
                covered.entry(d.kind).or_default().push(d);
            }
        }
        let sections: Vec<ChecklistSection> = layout
            .sections
            .iter()
            .map(|s| ChecklistSection {
                number: s.number.clone(),
                heading: s.heading.clone(),
                items: s
                    .items
                    .iter()
                    .map(|i| self.item(i, edition, scope, &orgs, catalog, &covered))
                    .collect(),
            })
            .collect();
        let mut summary = ListSummary::default();
        for i in sections.iter().flat_map(|s| &s.items) {
            summary.items += 1;
            match i.answer {
                Answer::Yes => summary.yes += 1,
                Answer::No => summary.no += 1,
                Answer::NotApplicable => summary.not_applicable += 1,
                Answer::NotEvaluated => summary.not_evaluated += 1,
            }
            if i.target.as_ref().is_some_and(|t| t.status.flagged()) {
                summary.targets_flagged += 1;
            }
        }
        ChecklistList {
            list: layout.list,
            sheet: layout.sheet.clone(),
            title: layout.title.clone(),
            organizations: orgs.iter().map(|d| org_ref(d)).collect(),
            summary,
            sections,
        }
    }
}

/// Fills in the checklist of `edition` from a check run. The institution list is made when the
/// inventory has an institution organization (or no organization); one vendor list per vendor
/// organization. Asking for a list the inventory has no organization for is a problem.
pub fn build(outcome: &CheckOutcome, edition: &str, lists: ListSelection) -> Result<Checklist, Problem> {
    let layouts = Layouts::builtin()?;
    build_with(outcome, &layouts, edition, lists)
}

/// As [`build`], with given layouts.
pub fn build_with(
    outcome: &CheckOutcome,
    layouts: &Layouts,
    edition: &str,
    lists: ListSelection,
) -> Result<Checklist, Problem> {
    let catalog = &outcome.catalog;
    layouts.validate(catalog)?;
    let Some(ed) = layouts.editions.get(edition) else {
        return Err(
            Problem::new(ProblemCode::Config, format!("unknown checklist edition `{edition}`"))
                .help(format!("known editions: {}", layouts.edition_names().join(", "))),
        );
    };
    let as_of = Date::parse(&outcome.report.evaluated_at)
        .ok_or_else(|| Problem::new(ProblemCode::InvalidDate, "the check has no valid evaluation date"))?;
    let fiscal_year_end = Date::parse(&ed.fiscal_year_end).ok_or_else(|| {
        Problem::new(
            ProblemCode::InvalidDate,
            format!("edition `{edition}` has an invalid fiscal_year_end"),
        )
    })?;
    let inv = &outcome.inventory;
    let attribution = vendor_attribution(inv);
    let ctx = Ctx {
        outcome,
        as_of,
        fiscal_year_end,
        attribution: &attribution,
        doc_vendors: inv
            .documents
            .iter()
            .map(|d| vendors_of(&attribution, d.kind, &d.name))
            .collect(),
        attested_rules: outcome
            .pack
            .rules
            .iter()
            .filter(|r| r.meta.treatment == Treatment::Attested)
            .map(|r| r.meta.id.as_str())
            .collect(),
        max_attestation_age: outcome
            .report
            .parameters
            .get("attestation_max_age_days")
            .and_then(|v| v.as_i64()),
        coverage: crate::coverage::coverage(catalog, &outcome.pack)
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect(),
        findings_by_requirement: {
            let mut by: HashMap<&str, Vec<&Finding>> = HashMap::new();
            for f in &outcome.report.findings {
                // A requirement listed twice on a finding counts it once, as `contains` did.
                let mut seen = BTreeSet::new();
                for q in &f.requirements {
                    if seen.insert(q.as_str()) {
                        by.entry(q.as_str()).or_default().push(f);
                    }
                }
            }
            by
        },
    };
    let orgs: Vec<&Document> = inv.documents.iter().filter(|d| d.kind == Kind::Organization).collect();
    // The institution list is answered by the institution the inventory speaks for, not by a
    // counterparty institution described in a vendor's inventory.
    let institutions: Vec<&Document> = orgs
        .iter()
        .copied()
        .filter(|d| !is_vendor_org(d) && !is_counterparty(d))
        .collect();
    let vendors: Vec<&Document> = orgs.iter().copied().filter(|d| is_vendor_org(d)).collect();
    let mut out = Vec::new();
    for l in &ed.lists {
        if !lists.wants(l.list) {
            continue;
        }
        match l.list {
            ListKind::Institution => {
                if institutions.is_empty() && orgs.iter().any(|d| !is_vendor_org(d) || !is_counterparty(d)) {
                    continue;
                }
                out.push(ctx.list(l, edition, &Scope::Institution, institutions.clone(), catalog));
            }
            ListKind::Vendor => {
                for v in &vendors {
                    let scope = if is_counterparty(v) {
                        Scope::Counterparty(v.name.clone())
                    } else {
                        Scope::OwnVendor(v.name.clone())
                    };
                    out.push(ctx.list(l, edition, &scope, vec![*v], catalog));
                }
            }
        }
    }
    if out.is_empty() {
        let what = match lists {
            ListSelection::Institution => "an institution (hospital, clinic or pharmacy)",
            ListSelection::Vendor => "a vendor",
            ListSelection::All => "an organization",
        };
        return Err(Problem::new(
            ProblemCode::Config,
            format!("the inventory has no organization for this list: it needs {what} Organization document"),
        )
        .help("add the Organization document, or choose another --list"));
    }
    Ok(Checklist {
        edition: edition.to_string(),
        title: ed.title.clone(),
        evaluated_at: outcome.report.evaluated_at.clone(),
        fiscal_year_end: ed.fiscal_year_end.clone(),
        sansho_version: crate::check::VERSION,
        lists: out,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_r7_layout_matches_the_catalog_exactly() {
        let catalog = Catalog::builtin().unwrap();
        let layouts = Layouts::builtin().unwrap();
        layouts.validate(&catalog).unwrap();
        let r7 = &layouts.editions["r7"];
        for l in &r7.lists {
            let prefix = match l.list {
                ListKind::Institution => "chk.r7.inst.",
                ListKind::Vendor => "chk.r7.vend.",
            };
            let mut in_layout: Vec<&str> = l
                .sections
                .iter()
                .flat_map(|s| &s.items)
                .map(|i| i.requirement.as_str())
                .collect();
            let n = in_layout.len();
            in_layout.sort();
            in_layout.dedup();
            assert_eq!(n, in_layout.len(), "an item is listed twice");
            let mut in_catalog: Vec<&str> = catalog
                .iter()
                .filter(|r| r.id.starts_with(prefix))
                .map(|r| r.id.as_str())
                .collect();
            in_catalog.sort();
            assert_eq!(in_layout, in_catalog, "{prefix}");
        }
    }

    #[test]
    fn a_layout_naming_an_unknown_requirement_is_rejected() {
        let catalog = Catalog::builtin().unwrap();
        let text = "editions:\n  x:\n    title: {ja: a, en: a}\n    fiscal_year_end: '2026-03-31'\n    lists:\n      - list: institution\n        source: checklist_r7_institution\n        sheet: {ja: a, en: a}\n        title: {ja: a, en: a}\n        sections:\n          - number: '1'\n            heading: {ja: a, en: a}\n            items:\n              - {no: '1-①', requirement: chk.r7.inst.9.9}\n";
        let l = Layouts::parse(text, "x.yaml").unwrap();
        let err = l.validate(&catalog).unwrap_err();
        assert!(err.message.contains("chk.r7.inst.9.9"), "{}", err.message);
        let wrong_no = text.replace("chk.r7.inst.9.9", "chk.r7.inst.2.1");
        let err = Layouts::parse(&wrong_no, "x.yaml")
            .unwrap()
            .validate(&catalog)
            .unwrap_err();
        assert!(err.message.contains("item 2-①"), "{}", err.message);
    }

    #[test]
    fn a_manual_item_is_not_evaluated_with_its_reason() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/hospital");
        let outcome = crate::check::check_path(&root, Date::parse("2026-11-25").unwrap())
            .map_err(|f| format!("{:?}", f.problems))
            .unwrap();
        let text = "editions:\n  t:\n    title: {ja: t, en: t}\n    fiscal_year_end: '2026-03-31'\n    lists:\n      - list: institution\n        source: checklist_r7_institution\n        sheet: {ja: a, en: a}\n        title: {ja: a, en: a}\n        sections:\n          - number: '0'\n            heading: {ja: a, en: a}\n            items:\n              - {no: '0-1', requirement: chk.r7.meta.use}\n              - {no: '1-①', requirement: chk.r7.inst.1.1}\n";
        let layouts = Layouts::parse(text, "t.yaml").unwrap();
        let c = build_with(&outcome, &layouts, "t", ListSelection::Institution).unwrap();
        let items: Vec<&ChecklistItem> = c.lists[0].items().collect();
        assert_eq!(items[0].answer, Answer::NotEvaluated);
        assert_eq!(items[0].decided_by, DecidedBy::Nobody);
        assert!(items[0].checked_on.is_none(), "nobody checked it");
        assert!(items[0]
            .reason
            .as_ref()
            .is_some_and(|r| !r.ja.is_empty() && !r.en.is_empty()));
        assert_eq!(items[1].answer, Answer::Yes);
        assert_eq!(c.lists[0].summary.not_evaluated, 1);
        assert_eq!(c.lists[0].summary.yes, 1);
        // Asking for a list the layout does not have is an error, not an empty document.
        let v = build_with(&outcome, &layouts, "t", ListSelection::Vendor);
        assert!(v.is_err(), "the layout has no vendor list");
    }
}
