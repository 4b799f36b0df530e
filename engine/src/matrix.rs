//! The responsibility matrix (責任分界表) and the two-sided cross-check.
//!
//! [`build`] turns the `Contract` documents of one inventory into rows (requirement ids) and
//! columns (the organizations that are party to the contracts), each cell saying who carries
//! the requirement and what backs it — the contract's own evidence and, for the vendor, a `yes`
//! answer in an MDS/SDS disclosure mapped to the requirement ([`crate::disclosure`]).
//!
//! [`cross_check`] compares an institution's inventory with a vendor's: for each contract the
//! two sides share, a requirement one side places with the vendor (or a subcontractor, or
//! shared) and the other does not is a finding, reported in both files. The result is a
//! [`CheckOutcome`], so the `check` renderers print it.
//!
//! Everything here is data; rendering (Markdown, CSV, HTML, JSON, OSCAL) is the CLI's job.

use crate::catalog::{Catalog, Text};
use crate::check::{CheckFailure, CheckOutcome, InputFile, PackInfo, Report, Summary, ToolInfo};
use crate::date::Date;
use crate::eval::{Finding, ResourceRef, Status};
use crate::inventory::{self, Document, Inventory, Kind, LoadOptions};
use crate::metadata::{Level, Severity};
use crate::problem::{Problem, ProblemCode, Problems};
use crate::source::{Location, SourceMap};
use crate::yaml::Seg;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The responsibility matrix of one or more contracts.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// The contracts included, by name.
    pub contracts: Vec<ContractInfo>,
    /// The columns: every organization party to an included contract, institutions first,
    /// then vendors, then subcontractors (each in order of first appearance by contract name).
    pub parties: Vec<Party>,
    /// One row per requirement, in catalog order (ids not in the catalog last, by id).
    pub rows: Vec<Row>,
}

/// One contract of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct ContractInfo {
    pub name: String,
    pub systems: Vec<String>,
    pub location: Location,
}

/// A column: an organization and its role in the contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    pub organization: String,
    /// `institution`, `vendor` or `subcontractor`.
    pub role: String,
    /// The organization's legal name, when the inventory has its Organization document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
}

/// A row: one requirement and the parties that carry it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub requirement: String,
    /// The catalog title; `None` for an id the catalog does not know.
    pub title: Option<Text>,
    /// One cell per (contract, party) that carries the requirement, in column order.
    pub cells: Vec<Cell>,
    /// The contracts that leave this in-scope requirement without an owner (SNS-CONTRACT-019's
    /// scope: the rule's `unassigned` document), by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unassigned_in: Vec<String>,
}

/// Who carries a requirement under one contract.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The organization (a column of the matrix).
    pub party: String,
    pub contract: String,
    /// The owner as the contract writes it (`institution`, `vendor`, `shared`, `subcontractor:<name>`).
    pub owner: String,
    /// `owner` when the party carries it alone, `shared` when it carries a part.
    pub share: Share,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub evidence: Vec<Evidence>,
    /// The responsibility entry in the contract.
    pub location: Location,
}

/// Whether a party carries a requirement alone or shares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    Owner,
    Shared,
}

/// Something that backs a cell.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// `contract` (the entry's `evidence`) or `disclosure` (a yes answer in an MDS/SDS).
    pub source: &'static str,
    pub text: String,
    pub location: Location,
}

impl Matrix {
    /// Whether any row is an in-scope requirement some contract leaves without an owner.
    pub fn has_gaps(&self) -> bool {
        self.rows.iter().any(|r| !r.unassigned_in.is_empty())
    }

    /// The cells of `row` in the column of `party`.
    pub fn cells_of<'a>(&self, row: &'a Row, party: &str) -> Vec<&'a Cell> {
        row.cells.iter().filter(|c| c.party == party).collect()
    }
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(*p)?;
    }
    cur.as_str()
}

fn arr<'a>(v: &'a Value, path: &[&str]) -> &'a [Value] {
    let mut cur = v;
    for p in path {
        match cur.get(*p) {
            Some(n) => cur = n,
            None => return &[],
        }
    }
    cur.as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// The contract's parties by role: (organization, role).
fn parties_of(doc: &Document) -> Vec<(String, String)> {
    arr(&doc.value, &["spec", "parties"])
        .iter()
        .filter_map(|p| {
            Some((
                p.get("organization")?.as_str()?.to_string(),
                p.get("role")?.as_str()?.to_string(),
            ))
        })
        .collect()
}

fn with_role(parties: &[(String, String)], role: &str) -> Vec<String> {
    parties
        .iter()
        .filter(|(_, r)| r == role)
        .map(|(o, _)| o.clone())
        .collect()
}

/// The organizations an owner string stands for, and whether they share it.
fn resolve(owner: &str, parties: &[(String, String)]) -> (Vec<String>, Share) {
    match owner {
        "institution" => (with_role(parties, "institution"), Share::Owner),
        "vendor" => (with_role(parties, "vendor"), Share::Owner),
        "shared" => {
            let mut v = with_role(parties, "institution");
            v.extend(with_role(parties, "vendor"));
            (v, Share::Shared)
        }
        other => match other.strip_prefix("subcontractor:") {
            Some(name) => (vec![name.to_string()], Share::Owner),
            None => (Vec::new(), Share::Owner),
        },
    }
}

/// The contract documents, sorted by name, optionally only `only`.
fn contracts<'a>(inv: &'a Inventory, only: Option<&str>) -> Result<Vec<&'a Document>, Problem> {
    let mut docs: Vec<&Document> = inv.documents.iter().filter(|d| d.kind == Kind::Contract).collect();
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    if docs.is_empty() {
        return Err(Problem::new(ProblemCode::Config, "the inventory has no Contract document")
            .help("a responsibility matrix is built from Contract documents (spec.responsibilities); `sansho schema contract` shows the format"));
    }
    if let Some(name) = only {
        let known: Vec<String> = docs.iter().map(|d| d.name.clone()).collect();
        docs.retain(|d| d.name == name);
        if docs.is_empty() {
            return Err(Problem::new(ProblemCode::Config, format!("no Contract named `{name}`"))
                .help(format!("the contracts are: {}", known.join(", "))));
        }
    }
    Ok(docs)
}

/// Builds the matrix of the contracts in `inv` (all, or only `contract`). `gaps` maps a
/// contract name to the in-scope requirements it leaves without an owner ([`unassigned`]);
/// they become rows (or marks on rows) of their own.
pub fn build(
    inv: &Inventory,
    catalog: &Catalog,
    contract: Option<&str>,
    gaps: &BTreeMap<String, Vec<String>>,
) -> Result<Matrix, Problem> {
    let docs = contracts(inv, contract)?;
    let answers = crate::disclosure::yes_answers(inv)?;
    let mut infos = Vec::new();
    let mut columns: Vec<Party> = Vec::new();
    let mut cells: BTreeMap<String, Vec<Cell>> = BTreeMap::new();
    for doc in &docs {
        let parties = parties_of(doc);
        infos.push(ContractInfo {
            name: doc.name.clone(),
            systems: arr(&doc.value, &["spec", "systems"])
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            location: inv.locate(doc, &[]),
        });
        for (org, role) in &parties {
            if !columns.iter().any(|p| &p.organization == org) {
                columns.push(Party {
                    organization: org.clone(),
                    role: role.clone(),
                    legal_name: inv
                        .get(Kind::Organization, org)
                        .and_then(|o| str_at(&o.value, &["spec", "legal_name"]))
                        .map(str::to_string),
                });
            }
        }
        let vendors = with_role(&parties, "vendor");
        for (i, r) in arr(&doc.value, &["spec", "responsibilities"]).iter().enumerate() {
            let (Some(req), Some(owner)) = (str_at(r, &["requirement"]), str_at(r, &["owner"])) else {
                continue;
            };
            let entry = [key("spec"), key("responsibilities"), Seg::Index(i)];
            let (orgs, share) = resolve(owner, &parties);
            for org in orgs {
                // A subcontractor owner that is not a party (SNS-CONTRACT-014) still gets a
                // column, so its cell is not lost from the table formats.
                if !columns.iter().any(|p| p.organization == org) {
                    columns.push(Party {
                        organization: org.clone(),
                        role: "subcontractor".to_string(),
                        legal_name: inv
                            .get(Kind::Organization, &org)
                            .and_then(|o| str_at(&o.value, &["spec", "legal_name"]))
                            .map(str::to_string),
                    });
                }
                let mut evidence = Vec::new();
                if let Some(e) = str_at(r, &["evidence"]) {
                    let mut p = entry.to_vec();
                    p.push(key("evidence"));
                    evidence.push(Evidence {
                        source: "contract",
                        text: e.to_string(),
                        location: inv.locate(doc, &p),
                    });
                }
                if vendors.contains(&org) {
                    for a in answers
                        .iter()
                        .filter(|a| a.contract == doc.name && a.requirements.iter().any(|x| x == req))
                    {
                        evidence.push(Evidence {
                            source: "disclosure",
                            text: format!("{} {}: yes", a.disclosure, a.question),
                            location: a.location.clone(),
                        });
                    }
                }
                cells.entry(req.to_string()).or_default().push(Cell {
                    party: org,
                    contract: doc.name.clone(),
                    owner: owner.to_string(),
                    share,
                    description: str_at(r, &["description"]).map(str::to_string),
                    evidence,
                    location: inv.locate(doc, &entry),
                });
            }
        }
    }
    let rank = |role: &str| match role {
        "institution" => 0,
        "vendor" => 1,
        _ => 2,
    };
    // Stable: first appearance within each role.
    columns.sort_by_key(|p| rank(&p.role));
    let order: BTreeMap<&str, usize> = catalog.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let col: BTreeMap<String, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, p)| (p.organization.clone(), i))
        .collect();
    let mut unassigned: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for doc in &docs {
        for req in gaps.get(&doc.name).into_iter().flatten() {
            unassigned.entry(req.clone()).or_default().push(doc.name.clone());
            cells.entry(req.clone()).or_default();
        }
    }
    let mut rows: Vec<Row> = cells
        .into_iter()
        .map(|(req, mut cells)| {
            cells.sort_by(|a, b| {
                (col.get(&a.party), &a.contract, &a.location).cmp(&(col.get(&b.party), &b.contract, &b.location))
            });
            Row {
                title: catalog.get(&req).map(|r| r.title.clone()),
                unassigned_in: unassigned.remove(&req).unwrap_or_default(),
                requirement: req,
                cells,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let ka = (
            order.get(a.requirement.as_str()).copied().unwrap_or(usize::MAX),
            &a.requirement,
        );
        let kb = (
            order.get(b.requirement.as_str()).copied().unwrap_or(usize::MAX),
            &b.requirement,
        );
        ka.cmp(&kb)
    });
    Ok(Matrix {
        contracts: infos,
        parties: columns,
        rows,
    })
}

/// Where the pack defines the scope of a contract's split (the gap rule's `unassigned`).
pub const UNASSIGNED_RULE: &str = "data.sansho.rules.contract.responsibility_gap.unassigned";

/// Evaluates [`UNASSIGNED_RULE`] on `inv`: contract name → requirements without an owner.
/// A pack without the rule (custom only) gives no gaps.
pub fn unassigned(
    inv: &Inventory,
    pack: &crate::PolicySet,
    catalog: &Catalog,
    opts: &crate::EvalOptions,
) -> Result<BTreeMap<String, Vec<String>>, Problems> {
    let mut engine = crate::eval::build_engine(pack, catalog, opts)?;
    engine.set_input(crate::eval::input_value(inv));
    let value = match engine.eval_rule(UNASSIGNED_RULE.to_string()) {
        Ok(v) => v,
        Err(e) => {
            return Err(Problems::from(Problem::new(
                ProblemCode::PolicyRuntime,
                format!("{UNASSIGNED_RULE} failed: {e}"),
            )))
        }
    };
    let json: Value = serde_json::to_value(&value).unwrap_or(Value::Null);
    let mut out = BTreeMap::new();
    if let Some(map) = json.as_object() {
        for (name, reqs) in map {
            let list: Vec<String> = reqs
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_str().map(str::to_string))
                .collect();
            out.insert(name.clone(), list);
        }
    }
    Ok(out)
}

/// Loads the inventory at `path` (with its `sansho.yaml` parameters, if any) and builds its
/// matrix, gaps included, as of `as_of`.
pub fn matrix_of(path: &Path, contract: Option<&str>, as_of: Date) -> Result<(Matrix, Inventory), CheckFailure> {
    let (catalog, pack) = crate::check::load_pack(true, &[])?;
    let inv = load(path)?;
    let with_sources = |p: Problems| CheckFailure {
        problems: p,
        sources: inv.sources.clone(),
    };
    let config = match inventory::config_file(path).map_err(|p| with_sources(p.into()))? {
        Some(p) => crate::config::Config::load(&p, &pack.params, &catalog).map_err(with_sources)?,
        None => crate::config::Config::default(),
    };
    let mut params = pack.params.clone();
    params.extend(config.parameters.clone());
    let opts = crate::EvalOptions {
        as_of,
        params,
        ..crate::EvalOptions::default()
    };
    let gaps = unassigned(&inv, &pack, &catalog, &opts).map_err(with_sources)?;
    let m = build(&inv, &catalog, contract, &gaps).map_err(|p| {
        with_sources(Problems::from(if p.file.is_some() {
            p
        } else {
            p.in_file(path.to_string_lossy().to_string())
        }))
    })?;
    Ok((m, inv))
}

// --- Cross-check --------------------------------------------------------------------------

/// The cross-check's finding kinds: (id, title ja, title en).
pub const CROSS_CHECK_RULES: [(&str, &str, &str); 4] = [
    (
        "SNS-XCHECK-001",
        "医療機関は事業者が担うとしているが、事業者は担うとしていない要件",
        "The institution places a requirement with the vendor; the vendor does not claim it",
    ),
    (
        "SNS-XCHECK-002",
        "事業者は担うとしているが、医療機関の契約は事業者に割り当てていない要件",
        "The vendor claims a requirement the institution's contract does not place with it",
    ),
    (
        "SNS-XCHECK-003",
        "双方の契約で責任主体が異なる要件",
        "The two sides name different owners for a requirement",
    ),
    (
        "SNS-XCHECK-004",
        "相手方のインベントリに対応する契約がない",
        "The other side's inventory has no matching contract",
    ),
];

fn rule_title(id: &str) -> Text {
    let (ja, en) = CROSS_CHECK_RULES
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, ja, en)| (*ja, *en))
        .unwrap_or(("", ""));
    Text {
        ja: ja.to_string(),
        en: en.to_string(),
    }
}

/// Organizations the inventory speaks for (not described as a counterparty), with their type.
fn own_orgs(inv: &Inventory) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = inv
        .documents
        .iter()
        .filter(|d| d.kind == Kind::Organization)
        .filter(|d| d.value.pointer("/spec/counterparty").and_then(Value::as_bool) != Some(true))
        .map(|d| {
            (
                d.name.clone(),
                str_at(&d.value, &["spec", "type"]).unwrap_or_default().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

struct Side<'a> {
    inv: &'a Inventory,
    doc: &'a Document,
    /// requirement → (entry index, owner), first entry of each.
    entries: BTreeMap<String, (usize, String)>,
}

impl<'a> Side<'a> {
    fn new(inv: &'a Inventory, doc: &'a Document) -> Side<'a> {
        let mut entries = BTreeMap::new();
        for (i, r) in arr(&doc.value, &["spec", "responsibilities"]).iter().enumerate() {
            if let (Some(req), Some(owner)) = (str_at(r, &["requirement"]), str_at(r, &["owner"])) {
                entries.entry(req.to_string()).or_insert((i, owner.to_string()));
            }
        }
        Side { inv, doc, entries }
    }

    /// Where to point for `req`: its entry's owner, or the list when it has none.
    fn at(&self, req: &str) -> (String, Location) {
        match self.entries.get(req) {
            Some((i, _)) => (
                format!("spec.responsibilities[{i}].owner"),
                self.inv.locate(
                    self.doc,
                    &[key("spec"), key("responsibilities"), Seg::Index(*i), key("owner")],
                ),
            ),
            None => (
                "spec.responsibilities".to_string(),
                self.inv.locate(self.doc, &[key("spec"), key("responsibilities")]),
            ),
        }
    }
}

fn finding(rule: &str, req: &[&str], side: &Side<'_>, path: String, location: Location, message: Text) -> Finding {
    let mut requirements: Vec<String> = req.iter().map(|s| s.to_string()).collect();
    requirements.extend(["v2.4.2".to_string(), "g6.sys.3.3".to_string()]);
    Finding {
        rule: rule.to_string(),
        title: rule_title(rule),
        requirements,
        level: Level::Error,
        severity: Severity::High,
        message,
        resource: ResourceRef {
            kind: Kind::Contract,
            name: side.doc.name.clone(),
            file: None,
        },
        path,
        location,
        status: Status::Open,
        waiver: None,
    }
}

fn owner_ja(o: Option<&str>) -> String {
    match o {
        None => "記載なし".to_string(),
        Some(o) => o.to_string(),
    }
}

fn owner_en(o: Option<&str>) -> String {
    match o {
        None => "nothing".to_string(),
        Some(o) => o.to_string(),
    }
}

/// Compares one pair of contracts; findings in both files.
fn compare(inst: &Side<'_>, vend: &Side<'_>, out: &mut Vec<Finding>) {
    let reqs: BTreeSet<&String> = inst.entries.keys().chain(vend.entries.keys()).collect();
    for req in reqs {
        let a = inst.entries.get(req).map(|(_, o)| o.as_str());
        let b = vend.entries.get(req).map(|(_, o)| o.as_str());
        let carried = |o: Option<&str>| matches!(o, Some(o) if o != "institution");
        let rule = match (carried(a), carried(b)) {
            (true, false) => "SNS-XCHECK-001",
            (false, true) => "SNS-XCHECK-002",
            (true, true) if a != b => "SNS-XCHECK-003",
            _ => continue,
        };
        let (ia, ib) = (inst.doc.name.as_str(), vend.doc.name.as_str());
        let ifile = inst.inv.locate(inst.doc, &[]).file;
        let vfile = vend.inv.locate(vend.doc, &[]).file;
        let message = Text {
            ja: format!(
                "{req}: 医療機関の契約 {ia}({ifile})では {}、事業者の契約 {ib}({vfile})では {} です。責任分界は双方で一致している必要があります(提供事業者ガイドライン 4.2、ガイドライン第6.0版 システム運用編 3 遵守事項③)。",
                owner_ja(a),
                owner_ja(b)
            ),
            en: format!(
                "{req}: the institution's contract {ia} ({ifile}) says {}, the vendor's contract {ib} ({vfile}) says {}; both sides must agree on the split (vendor guideline 4.2, Guideline 6.0 system operation 3 ③).",
                owner_en(a),
                owner_en(b)
            ),
        };
        for side in [inst, vend] {
            let (path, loc) = side.at(req);
            out.push(finding(rule, &[req.as_str()], side, path, loc, message.clone()));
        }
    }
}

fn unmatched(side: &Side<'_>, other_dir: &str, out: &mut Vec<Finding>) {
    let parties = parties_of(side.doc);
    let (i, v) = (
        with_role(&parties, "institution").join(", "),
        with_role(&parties, "vendor").join(", "),
    );
    out.push(finding(
        "SNS-XCHECK-004",
        &[],
        side,
        "spec.parties".to_string(),
        side.inv.locate(side.doc, &[key("spec"), key("parties")]),
        Text {
            ja: format!(
                "契約 {}({i} と {v})に対応する契約が {other_dir} にありません。双方が同じ契約と責任分界を持っている必要があります(提供事業者ガイドライン 4.2)。",
                side.doc.name
            ),
            en: format!(
                "Contract {} (between {i} and {v}) has no matching contract in {other_dir}; both sides need the same contract and split (vendor guideline 4.2).",
                side.doc.name
            ),
        },
    ));
}

/// The contracts between `insts` and `vends` in `inv`, by name.
fn between<'a>(inv: &'a Inventory, insts: &[String], vends: &[String]) -> Vec<&'a Document> {
    let mut v: Vec<&Document> = inv
        .documents
        .iter()
        .filter(|d| d.kind == Kind::Contract)
        .filter(|d| {
            let p = parties_of(d);
            with_role(&p, "institution").iter().any(|o| insts.contains(o))
                && with_role(&p, "vendor").iter().any(|o| vends.contains(o))
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// Cross-checks two loaded inventories. Contracts pair by name, then by the same
/// (institution, vendor) parties; only contracts between the institution inventory's own
/// institution and the vendor inventory's own vendor are compared.
pub fn cross_check_inventories(
    institution: &Inventory,
    vendor: &Inventory,
    institution_dir: &str,
    vendor_dir: &str,
) -> Result<Vec<Finding>, Problem> {
    let insts: Vec<String> = own_orgs(institution)
        .into_iter()
        .filter(|(_, t)| matches!(t.as_str(), "hospital" | "clinic" | "pharmacy"))
        .map(|(n, _)| n)
        .collect();
    let vends: Vec<String> = own_orgs(vendor)
        .into_iter()
        .filter(|(_, t)| t == "vendor")
        .map(|(n, _)| n)
        .collect();
    if insts.is_empty() {
        return Err(Problem::new(
            ProblemCode::Config,
            format!(
                "{institution_dir}: no Organization of type hospital, clinic or pharmacy that the inventory speaks for"
            ),
        )
        .help("--institution takes the institution's own inventory (its Organization without `counterparty: true`)"));
    }
    if vends.is_empty() {
        return Err(Problem::new(
            ProblemCode::Config,
            format!("{vendor_dir}: no Organization of type vendor that the inventory speaks for"),
        )
        .help(
            "--vendor takes the vendor's own inventory (its Organization of type vendor, without `counterparty: true`)",
        ));
    }
    let left = between(institution, &insts, &vends);
    let mut right = between(vendor, &insts, &vends);
    let mut out = Vec::new();
    let mut pairs = Vec::new();
    let mut lonely = Vec::new();
    for a in &left {
        let pa = parties_of(a);
        let pos = right.iter().position(|b| b.name == a.name).or_else(|| {
            right.iter().position(|b| {
                let pb = parties_of(b);
                with_role(&pa, "institution") == with_role(&pb, "institution")
                    && with_role(&pa, "vendor") == with_role(&pb, "vendor")
            })
        });
        match pos {
            Some(i) => pairs.push((*a, right.remove(i))),
            None => lonely.push(*a),
        }
    }
    for (a, b) in pairs {
        compare(&Side::new(institution, a), &Side::new(vendor, b), &mut out);
    }
    for a in lonely {
        unmatched(&Side::new(institution, a), vendor_dir, &mut out);
    }
    for b in right {
        unmatched(&Side::new(vendor, b), institution_dir, &mut out);
    }
    out.sort_by(|a, b| (&a.location, &a.rule, &a.message.en).cmp(&(&b.location, &b.rule, &b.message.en)));
    Ok(out)
}

fn load(dir: &Path) -> Result<Inventory, CheckFailure> {
    inventory::load(dir, &LoadOptions::default()).map_err(|f| CheckFailure {
        problems: f.problems,
        sources: f.sources,
    })
}

/// Loads both inventories and cross-checks them; the outcome renders like `sansho check`'s.
pub fn cross_check(institution: &Path, vendor: &Path, as_of: Date) -> Result<CheckOutcome, CheckFailure> {
    let (catalog, pack) = crate::check::load_pack(true, &[])?;
    let a = load(institution)?;
    let b = load(vendor)?;
    let mut sources = SourceMap::default();
    for f in a.sources.files().iter().chain(b.sources.files()) {
        sources.add_file(f);
    }
    let findings =
        cross_check_inventories(&a, &b, &institution.to_string_lossy(), &vendor.to_string_lossy()).map_err(|p| {
            CheckFailure {
                problems: Problems::from(p),
                sources: sources.clone(),
            }
        })?;
    let inputs = a
        .sources
        .files()
        .iter()
        .map(|f| (f, "institution"))
        .chain(b.sources.files().iter().map(|f| (f, "vendor")))
        .map(|(f, role)| InputFile {
            path: f.display.clone(),
            sha256: f.sha256.clone(),
            role,
        })
        .collect();
    let mut documents = BTreeMap::new();
    for k in Kind::ALL {
        documents.insert(k.input_key().to_string(), a.count(k) + b.count(k));
    }
    let errors = findings.len();
    let report = Report {
        tool: ToolInfo {
            name: "sansho",
            version: crate::check::VERSION,
            policy_pack: PackInfo {
                version: crate::check::VERSION,
                rules: CROSS_CHECK_RULES.len(),
                builtin: true,
                custom: Vec::new(),
            },
        },
        evaluated_at: as_of.to_string(),
        inputs,
        parameters: BTreeMap::new(),
        summary: Summary {
            files: sources.files().len(),
            documents,
            rules: CROSS_CHECK_RULES.len(),
            findings: errors,
            errors,
            warnings: 0,
            notes: 0,
            waived: 0,
            fail_on: Level::Error,
            result: if errors > 0 { "fail" } else { "pass" },
        },
        findings,
        requirements: Vec::new(),
        sources: Vec::new(),
    };
    let mut inventory = Inventory::default();
    inventory.sources = sources;
    Ok(CheckOutcome {
        report,
        inventory,
        pack,
        catalog,
        timings: crate::check::Timings::default(),
    })
}
