//! Evaluation: the pack's Rego, the inventory as `input`, the evaluation date and parameters
//! under `data.sansho`, and each rule's `deny` set turned into located [`Finding`]s.
//!
//! A rule's `deny` set holds objects:
//! `{"resource": {"kind": "System", "name": "…"}, "path": "spec.authentication.two_factor",
//!   "message": {"ja": "…", "en": "…"}, "level": "warning"?}` — `sansho.lib.finding` builds them.
//! Anything else is a policy error, and any policy error fails the run (fail closed).

use crate::catalog::{Catalog, Text};
use crate::date::Date;
use crate::inventory::{Inventory, Kind};
use crate::metadata::{Level, Severity, Stage};
use crate::policy::{PolicySet, Role, Rule};
use crate::problem::{Problem, ProblemCode, Problems};
use crate::source::Location;
use crate::yaml;
use serde::Serialize;
use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::time::Duration;

/// Settings of one evaluation.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The date deadlines and ages are computed against.
    pub as_of: Date,
    /// Parameters given to policies as `data.sansho.params` (defaults merged with sansho.yaml).
    pub params: BTreeMap<String, serde_json::Value>,
    /// Wall-clock limit for one rule's evaluation.
    pub rule_timeout: Duration,
    /// Threads evaluating rules (1 = sequential). Output does not depend on it.
    pub workers: usize,
    /// Told which rules are being evaluated, for a memory ceiling watched beside the
    /// evaluation (see [`crate::watch`]).
    pub watch: Option<std::sync::Arc<crate::MemoryWatch>>,
    /// Up to this many documents the rules of a worker share engines (16 rules each); above, each rule
    /// gets its own (see [`evaluate`]). Output does not depend on it.
    pub shared_engine_max_documents: usize,
}

/// Default time limit for one rule.
pub const DEFAULT_RULE_TIMEOUT: Duration = Duration::from_secs(60);
/// Default memory ceiling of a check (see [`crate::watch`]): 4 GiB.
pub const DEFAULT_MEMORY_LIMIT: u64 = 4 << 30;

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            as_of: Date::today_jst(),
            params: BTreeMap::new(),
            rule_timeout: DEFAULT_RULE_TIMEOUT,
            workers: 1,
            watch: None,
            shared_engine_max_documents: SHARED_ENGINE_MAX_DOCUMENTS,
        }
    }
}

/// The resource a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ResourceRef {
    pub kind: Kind,
    /// `metadata.name`, or a configuration item's address (`aws_s3_bucket.records`).
    pub name: String,
    /// The file of a configuration item (addresses repeat across Terraform roots).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// One located finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub title: Text,
    pub requirements: Vec<String>,
    pub level: Level,
    pub severity: Severity,
    pub message: Text,
    pub resource: ResourceRef,
    /// The value path the policy reported (`spec.authentication.two_factor`).
    pub path: String,
    pub location: Location,
    /// `open`, or `waived` when an active waiver covers it.
    pub status: Status,
    /// The waiver that covers the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<crate::waiver::WaiverRef>,
}

/// Whether a finding counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Waived,
}

impl Finding {
    /// Open findings count towards the result; waived ones are reported only.
    pub fn is_open(&self) -> bool {
        self.status == Status::Open
    }
}

/// The result of evaluating every rule.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub findings: Vec<Finding>,
    /// Ids of the rules evaluated, in id order.
    pub rules: Vec<String>,
    /// Wall time of each rule's evaluation (rule id order), for `sansho bench`; never part of
    /// a report, which must not depend on timing.
    pub rule_times: Vec<(String, Duration)>,
}

/// Converts a JSON value for regorus (the same conversion as the input's, without copying the
/// JSON first).
fn to_regorus(v: &serde_json::Value) -> regorus::Value {
    Interner::default().value(v)
}

/// Writes `input` (from [`input_value`] or [`take_input`]) to `path` as one line of JSON:
/// the document the policies see, objects with their keys in the order Rego gives them
/// (sorted). It is written as it is serialised, without a JSON copy of the inventory.
pub fn write_input(input: &regorus::Value, path: &std::path::Path) -> Result<(), Problem> {
    let io = |e: std::io::Error| {
        Problem::new(ProblemCode::Io, format!("cannot write {}: {e}", path.display()))
            .help("check that the directory exists and is writable")
    };
    crate::write::replace_file(path, |w| {
        serde_json::to_writer(&mut *w, input)?;
        w.write_all(b"\n")
    })
    .map_err(io)
}

/// Builds the regorus `input` straight from the documents: the same value as
/// `regorus::Value::from(inv.to_input())`, without the intermediate copy of every document
/// (on a large inventory that copy alone was the size of the JSON documents), and with every
/// object key and every short string allocated once however often it repeats (field names,
/// enumerations, dates, party names).
pub fn input_value(inv: &Inventory) -> regorus::Value {
    build_input(inv, &mut Interner::default(), |_| None)
}

/// The kinds whose bodies [`take_input`] gives up: the bulk of a large inventory, and read
/// after evaluation only through their metadata (waiver labels) and positions.
pub(crate) const TAKEN_KINDS: [Kind; 3] = [Kind::System, Kind::Asset, Kind::Contract];

/// As [`input_value`], and leaves each system, asset and contract with its envelope only
/// (`apiVersion`, `kind`, `metadata`, and a System's `spec.configurations`; positions are kept
/// whole). Each document is converted and then given up
/// before the next, so the JSON of those kinds and its regorus copy are never both held in
/// full: on a large inventory the peak of a check is then the loaded inventory's size, not that
/// plus the input. Documents converted while loading ([`crate::LoadOptions::prepare_input`])
/// are taken as they are.
pub fn take_input(inv: &mut Inventory) -> regorus::Value {
    let mut strings = Interner::default();
    // Per kind: the converted documents, for the taken kinds only.
    let mut taken: Vec<Option<Vec<regorus::Value>>> = Kind::ALL.map(|k| TAKEN_KINDS.contains(&k).then(Vec::new)).into();
    for d in inv.documents.iter_mut() {
        if let Some(Some(list)) = taken.get_mut(d.kind.index()) {
            match d.input.take() {
                Some(done) => list.push(done),
                None => {
                    list.push(strings.value(&d.value));
                    d.value = envelope(std::mem::take(&mut d.value));
                }
            }
        }
    }
    build_input(inv, &mut strings, |kind| {
        taken.get_mut(kind.index()).and_then(Option::take)
    })
}

/// What a taken document keeps of its JSON: `apiVersion`, `kind`, `metadata` (names, labels
/// for waivers), and a System's `spec.configurations` (the links loading resolves after every
/// file is read), in maps without spare room.
pub(crate) fn envelope(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => serde_json::Value::Object(
            m.into_iter()
                .filter_map(|(k, v)| match k.as_str() {
                    "apiVersion" | "kind" | "metadata" => Some((k, v)),
                    "spec" => {
                        let links = v.get("configurations")?.clone();
                        Some((k, serde_json::json!({ "configurations": links })))
                    }
                    _ => None,
                })
                .collect(),
        ),
        other => other,
    }
}

/// Builds the input in [`Inventory::input_layout`]'s shape; `converted` gives the documents of
/// a kind already converted (in inventory order), or `None` to convert them here.
fn build_input(
    inv: &Inventory,
    strings: &mut Interner,
    mut converted: impl FnMut(Kind) -> Option<Vec<regorus::Value>>,
) -> regorus::Value {
    fn docs(list: Vec<&crate::inventory::Document>, strings: &mut Interner) -> regorus::Value {
        regorus::Value::from(
            list.into_iter()
                .map(|d| d.input.clone().unwrap_or_else(|| strings.value(&d.value)))
                .collect::<Vec<_>>(),
        )
    }
    let mut obj = BTreeMap::new();
    for (kind, (key, part)) in Kind::ALL.into_iter().zip(inv.input_layout()) {
        let value = match part {
            crate::inventory::InputPart::Documents(list) => match converted(kind) {
                Some(done) => regorus::Value::from(done),
                None => docs(list, strings),
            },
            crate::inventory::InputPart::Groups(groups) => regorus::Value::from(
                groups
                    .into_iter()
                    .map(|(format, list)| (strings.string(format), docs(list, strings)))
                    .collect::<BTreeMap<_, _>>(),
            ),
        };
        obj.insert(strings.string(key), value);
    }
    regorus::Value::from(obj)
}

/// Shares one regorus string per distinct short text, and one array or object per distinct
/// content, while converting values.
///
/// Inventories repeat themselves: the same operating system record, log event list or
/// `{"enabled": true, "method": "ip_allowlist"}` appears under thousands of documents. regorus
/// values are immutable and reference counted, so each distinct array or object is built once
/// and shared, like the strings. Sharing never changes a value: containers are matched by the
/// identity of their elements (the same shared string or container, an equal integer, null,
/// a boolean), and only containers made entirely of such elements are shared.
#[derive(Default)]
pub(crate) struct Interner {
    seen: foldhash::HashMap<Box<str>, regorus::Value>,
    shared: foldhash::HashSet<Shared>,
}

impl Interner {
    /// Strings longer than this are rarely repeated (descriptions, notes) and not shared.
    const MAX_LEN: usize = 128;

    pub(crate) fn string(&mut self, s: &str) -> regorus::Value {
        if s.len() > Self::MAX_LEN {
            return regorus::Value::from(s);
        }
        if let Some(v) = self.seen.get(s) {
            return v.clone();
        }
        let v = regorus::Value::from(s);
        self.seen.insert(s.into(), v.clone());
        v
    }

    pub(crate) fn value(&mut self, v: &serde_json::Value) -> regorus::Value {
        self.convert(v).0
    }

    /// The value, and whether it is shared (or a scalar that [`Shared`] compares exactly).
    fn convert(&mut self, v: &serde_json::Value) -> (regorus::Value, bool) {
        match v {
            serde_json::Value::Null => (regorus::Value::Null, true),
            serde_json::Value::Bool(b) => (regorus::Value::from(*b), true),
            // Integers only: regorus's numeric equality says 1 == 1.0, which are written
            // differently, so a container holding a fraction is not shared.
            serde_json::Value::Number(n) => (regorus::Value::from(v.clone()), !n.is_f64()),
            serde_json::Value::String(s) => (self.string(s), s.len() <= Self::MAX_LEN),
            serde_json::Value::Array(items) => {
                let mut all = true;
                let items = items
                    .iter()
                    .map(|i| {
                        let (v, shared) = self.convert(i);
                        all &= shared;
                        v
                    })
                    .collect::<Vec<_>>();
                self.share(regorus::Value::from(items), all)
            }
            serde_json::Value::Object(map) => {
                let mut all = true;
                let entries = map
                    .iter()
                    .map(|(k, v)| {
                        let (v, shared) = self.convert(v);
                        all &= shared && k.len() <= Self::MAX_LEN;
                        (self.string(k), v)
                    })
                    .collect::<BTreeMap<_, _>>();
                self.share(regorus::Value::from(entries), all)
            }
        }
    }

    /// The copy of `v` seen before, if its elements are all shared.
    fn share(&mut self, value: regorus::Value, elements_shared: bool) -> (regorus::Value, bool) {
        use std::hash::{BuildHasher, Hasher};
        if !elements_shared {
            return (value, false);
        }
        // Hashed once, here, while the container is fresh in the cache: the table keeps the
        // hash, so growing it does not visit every container again.
        let mut h = self.shared.hasher().build_hasher();
        let (kind, len) = shape(&value);
        h.write_u8(kind);
        h.write_usize(len);
        for (kind, id) in identities(&value) {
            h.write_u8(kind);
            h.write_u64(id);
        }
        let v = Shared {
            hash: h.finish(),
            value,
        };
        if let Some(before) = self.shared.get(&v) {
            return (before.value.clone(), true);
        }
        let out = v.value.clone();
        self.shared.insert(v);
        (out, true)
    }
}

/// An array or object whose elements are all shared values or scalars, compared by the
/// elements' identity: a shared string or container by its address, an integer, null or a
/// boolean by value. Two such containers are equal only if their elements are the same.
struct Shared {
    /// Of the shape and the identities, by the table's hasher.
    hash: u64,
    value: regorus::Value,
}

/// A container element's identity: a kind and a value or an address.
fn identity(v: &regorus::Value) -> (u8, u64) {
    use regorus::Value as V;
    let addr = |p: *const u8| p.addr() as u64;
    match v {
        V::Null => (0, 0),
        V::Bool(b) => (1, u64::from(*b)),
        V::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => (2, u),
            (None, Some(i)) => (3, i as u64),
            _ => (4, 0),
        },
        V::String(s) => (5, addr(regorus::Rc::as_ptr(s).cast())),
        V::Array(a) => (6, addr(regorus::Rc::as_ptr(a).cast())),
        V::Object(o) => (7, addr(regorus::Rc::as_ptr(o).cast())),
        V::Set(s) => (8, addr(regorus::Rc::as_ptr(s).cast())),
        V::Undefined => (9, 0),
    }
}

/// Whether a container is an object or an array, and its length.
fn shape(v: &regorus::Value) -> (u8, usize) {
    match v {
        regorus::Value::Object(o) => (0, o.len()),
        regorus::Value::Array(a) => (1, a.len()),
        _ => (2, 0),
    }
}

/// The identity of each key and value of an object, or item of an array.
fn identities(v: &regorus::Value) -> impl Iterator<Item = (u8, u64)> + '_ {
    let (object, array) = match v {
        regorus::Value::Object(o) => (Some(o.iter()), None),
        regorus::Value::Array(a) => (None, Some(a.iter())),
        _ => (None, None),
    };
    let entries = object
        .into_iter()
        .flatten()
        .flat_map(|(k, v)| [identity(k), identity(v)]);
    entries.chain(array.into_iter().flatten().map(identity))
}

impl std::hash::Hash for Shared {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        // Integers of one identity are equal numbers (serde_json gives u64 for every
        // non-negative integer), so identities decide.
        self.hash == other.hash
            && shape(&self.value) == shape(&other.value)
            && identities(&self.value).eq(identities(&other.value))
    }
}

impl Eq for Shared {}

fn policy_problem(code: ProblemCode, file: &str, msg: String) -> Problem {
    // regorus messages carry `--> file:line:col`; surface the line when present.
    let mut p = Problem::new(code, msg.clone()).in_file(file.to_string());
    if let Some(rest) = msg.split(&format!("{file}:")).nth(1) {
        let mut nums = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
        if let (Some(l), Some(c)) = (nums.next(), nums.next()) {
            if let (Ok(line), Ok(column)) = (l.parse(), c.parse()) {
                p = p.at(Location {
                    file: file.to_string(),
                    line,
                    column,
                    offset: 0,
                });
            }
        }
    }
    p
}

fn syntax_problem(path: &str, e: impl std::fmt::Display) -> Problem {
    policy_problem(ProblemCode::PolicySyntax, path, format!("{e}"))
        .help("fix the Rego syntax (sansho reads Rego v1: `if` and `contains` are required)")
}

/// The data document policies see besides `input`: `{"sansho": {"as_of", "params",
/// "requirements"}}` — the evaluation date, the parameters (defaults merged with sansho.yaml)
/// and the catalog facts policies may need (deadlines, verification), so that a deadline lives
/// in one place: the catalog entry. (Waiver-stage rules also get `sansho.waiver_matches`.)
pub fn policy_data(
    catalog: &Catalog,
    as_of: Date,
    params: &BTreeMap<String, serde_json::Value>,
) -> Result<serde_json::Value, Problems> {
    let requirements: serde_json::Map<String, serde_json::Value> = catalog
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                serde_json::json!({"due": r.due, "basis": r.basis, "item": r.item, "title": r.title}),
            )
        })
        .collect();
    // The MDS/SDS question list (data, not Rego), so rules can read what an answer is about.
    let questions: serde_json::Map<String, serde_json::Value> = crate::disclosure::questions()?
        .questions
        .iter()
        .map(|q| {
            (
                q.id.clone(),
                serde_json::json!({"requirements": q.requirements, "applies_to": q.applies_to, "text": q.text}),
            )
        })
        .collect();
    Ok(serde_json::json!({
        "sansho": {
            "as_of": as_of.to_string(),
            "params": params,
            "requirements": requirements,
            "disclosure_questions": questions,
        }
    }))
}

/// Adds the data files of custom policy directories (OPA's data layout) to an engine.
fn add_pack_data(engine: &mut regorus::Engine, pack: &PolicySet) -> Result<(), Problems> {
    if pack.data.is_empty() {
        return Ok(());
    }
    engine
        .add_data(to_regorus(&serde_json::Value::Object(pack.data.clone())))
        .map_err(|e| Problems::from(Problem::new(ProblemCode::Config, format!("data files rejected: {e}"))))
}

/// Builds a regorus engine holding the pack (policies and libraries, not tests).
pub fn build_engine(pack: &PolicySet, catalog: &Catalog, opts: &EvalOptions) -> Result<regorus::Engine, Problems> {
    let mut engine = build_engine_of(pack, opts, |_| true)?;
    let data = policy_data(catalog, opts.as_of, &opts.params)?;
    engine
        .add_data(to_regorus(&data))
        .map_err(|e| Problems::from(Problem::new(ProblemCode::Config, format!("parameters rejected: {e}"))))?;
    add_pack_data(&mut engine, pack)?;
    Ok(engine)
}

/// As [`build_engine`] without the data, with only the non-test files whose index `keep`
/// accepts.
fn build_engine_of(
    pack: &PolicySet,
    opts: &EvalOptions,
    keep: impl Fn(usize) -> bool,
) -> Result<regorus::Engine, Problems> {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(false);
    engine.set_strict_builtin_errors(true);
    if let Some(interval) = NonZeroU32::new(64) {
        engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig {
            limit: opts.rule_timeout,
            check_interval: interval,
        });
    }
    let mut problems = Vec::new();
    for (_, f) in pack
        .files
        .iter()
        .enumerate()
        .filter(|(i, f)| f.role != Role::Test && keep(*i))
    {
        if let Err(e) = engine.add_policy(f.path.clone(), f.text.clone()) {
            problems.push(syntax_problem(&f.path, e));
        }
    }
    if problems.is_empty() {
        Ok(engine)
    } else {
        Err(Problems(problems))
    }
}

/// Evaluates every rule of `pack` against `inv`, applies `waivers`, then runs the
/// waiver-stage rules.
///
/// On a large inventory each rule runs in an engine of its own holding the libraries, the
/// helper files and that rule's file only: regorus resolves every `data.…` reference (each
/// `lib.` call) by walking all loaded modules, so an engine with the whole pack pays for 60-odd
/// modules on every call. On a small one up to 16 rules of a worker share an engine, prepared once.
/// The input and the data are converted once and shared (regorus values are reference counted).
pub fn evaluate(
    inv: &Inventory,
    pack: &PolicySet,
    catalog: &Catalog,
    opts: &EvalOptions,
    waivers: &[crate::waiver::Waiver],
) -> Result<Evaluation, Problems> {
    evaluate_input(input_value(inv), inv, pack, catalog, opts, waivers)
}

/// As [`evaluate`], with the input already built from `inv` ([`input_value`] or
/// [`take_input`]).
pub fn evaluate_input(
    input: regorus::Value,
    inv: &Inventory,
    pack: &PolicySet,
    catalog: &Catalog,
    opts: &EvalOptions,
    waivers: &[crate::waiver::Waiver],
) -> Result<Evaluation, Problems> {
    let (first, after): (Vec<&Rule>, Vec<&Rule>) = pack.rules.iter().partition(|r| r.meta.stage == Stage::Findings);
    let rule_files: std::collections::BTreeSet<usize> = pack.rules.iter().map(|r| r.file).collect();
    let data = to_regorus(&policy_data(catalog, opts.as_of, &opts.params)?);
    // The libraries and helper files are parsed once; each engine is a clone (modules and
    // values are shared) plus its rules' files.
    let mut base = build_engine_of(pack, opts, |i| !rule_files.contains(&i))?;
    base.add_data(data)
        .map_err(|e| Problems::from(Problem::new(ProblemCode::Config, format!("parameters rejected: {e}"))))?;
    add_pack_data(&mut base, pack)?;
    base.set_input(input);
    let engine_for = |base: &regorus::Engine, rules: &[&Rule]| -> Result<regorus::Engine, Problems> {
        let mut engine = base.clone();
        let mut problems = Vec::new();
        for f in rules.iter().filter_map(|r| pack.files.get(r.file)) {
            if let Err(e) = engine.add_policy(f.path.clone(), f.text.clone()) {
                problems.push(syntax_problem(&f.path, e));
            }
        }
        if problems.is_empty() {
            Ok(engine)
        } else {
            Err(Problems(problems))
        }
    };
    // Preparing an engine (analysis, loop hoisting) costs about as much as a small inventory's
    // whole evaluation: with few documents, the rules of a worker share engines of
    // SHARED_ENGINE_RULES rules each; with many, each rule gets its own (the per-reference
    // module walk then dominates).
    let group = if inv.documents.len() <= opts.shared_engine_max_documents {
        SHARED_ENGINE_RULES
    } else {
        1
    };
    let ctx = Ctx {
        inv,
        pack,
        catalog,
        watch: opts.watch.as_deref(),
    };
    let mut times = Vec::new();
    let (mut findings, mut places): (Vec<Finding>, Vec<_>) = run_rules(
        &|r| engine_for(&base, r),
        first,
        (opts.workers, group),
        &ctx,
        &mut times,
    )?
    .into_iter()
    .unzip();
    let matches = crate::waiver::apply(&mut findings, waivers, inv, pack, opts.as_of);
    for f in findings.iter_mut().filter(|f| f.waiver.is_some()) {
        f.status = Status::Waived;
    }
    if !after.is_empty() {
        let extra = to_regorus(&serde_json::json!({"sansho": {"waiver_matches": matches}}));
        base.add_data(extra)
            .map_err(|e| Problems::from(Problem::new(ProblemCode::Config, format!("waiver data rejected: {e}"))))?;
        let (more, more_places): (Vec<Finding>, Vec<_>) = run_rules(
            &|r| engine_for(&base, r),
            after,
            (opts.workers, group),
            &ctx,
            &mut times,
        )?
        .into_iter()
        .unzip();
        findings.extend(more);
        places.extend(more_places);
    }
    // The policies' input is freed before any file is read again to locate findings.
    drop(base);
    locate_all(&mut findings, &places, inv, opts.workers);
    sort_findings(&mut findings);
    times.sort();
    Ok(Evaluation {
        findings,
        rules: pack.rules.iter().map(|r| r.meta.id.clone()).collect(),
        rule_times: times,
    })
}

/// The problem of a rule whose evaluation failed: a limit it hit (named as such, with the
/// setting to raise), a built-in sansho does not offer, or another runtime error.
fn evaluation_failure(rule: &Rule, file: &str, e: &anyhow::Error) -> Problem {
    let msg = format!("{e}");
    let (code, help) = match e.downcast_ref::<regorus::LimitError>() {
        Some(regorus::LimitError::TimeLimitExceeded { limit, .. }) => (
            ProblemCode::Limit,
            format!(
                "the rule ran longer than {} s; make it cheaper (index joins instead of nested scans) or raise --rule-timeout / limits.rule_timeout_seconds",
                limit.as_secs()
            ),
        ),
        Some(_) => (ProblemCode::Limit, "the rule hit an evaluation limit; simplify it".to_string()),
        None if msg.contains("could not find function") => (
            ProblemCode::PolicyRuntime,
            "sansho gives policies no network, environment or file-system built-ins (http.send, opa.runtime, net.lookup_ip_addr…): a policy sees only `input` (the inventory) and `data.sansho` (docs/authoring.md, \"Sandbox\")"
                .to_string(),
        ),
        None => (
            ProblemCode::PolicyRuntime,
            "the rule failed while evaluating; run `sansho test` on it, and check the input fields it reads".to_string(),
        ),
    };
    policy_problem(code, file, format!("rule {} failed: {msg}", rule.meta.id)).help(help)
}

/// Makes the engine a rule runs in.
type EngineFor<'a> = dyn Fn(&[&Rule]) -> Result<regorus::Engine, Problems> + Sync + 'a;

/// Up to this many documents, the rules of a worker share engines (see `evaluate`). Measured
/// with interleaved runs (2026-12-05): shared engines 5 % faster at 1 000 generated systems
/// (4 200 documents: 427.5 against 450.9 ms), even at 3 000 (12 600), 2 % slower at 10 000.
pub const SHARED_ENGINE_MAX_DOCUMENTS: usize = 5000;

/// Rules per shared engine. Every `data.…` reference walks the engine's modules, while each
/// engine is prepared on its own: 16 was faster than one engine per worker on the example
/// hospital (48.8 against 50.5 ms, median of 60 interleaved runs) and on 100 generated systems
/// (117.5 against 124.0 ms), and than 4 or 8.
const SHARED_ENGINE_RULES: usize = 16;

/// Runs rules on `workers` threads, `group` rules per engine; the result depends on neither.
///
/// The rules are taken in groups, the costliest first (a rule's cost estimated by the number of
/// documents of the kinds it examines), each worker taking the next group when it is done with
/// one: a fixed share per worker left one finishing long after the other. Findings, problems and
/// times are sorted afterwards, so the order in which rules ran leaves no trace.
fn run_rules<'a>(
    engine_for: &EngineFor<'_>,
    mut rules: Vec<&Rule>,
    (workers, group): (usize, usize),
    ctx: &Ctx<'a>,
    times: &mut Vec<(String, Duration)>,
) -> Result<Vec<Placed<'a>>, Problems> {
    let mut of_kind = [0usize; Kind::ALL.len()];
    for d in &ctx.inv.documents {
        if let Some(n) = of_kind.get_mut(d.kind.index()) {
            *n += 1;
        }
    }
    let cost = |r: &Rule| -> usize { r.meta.resources.iter().filter_map(|k| of_kind.get(k.index())).sum() };
    rules.sort_by_key(|r| std::cmp::Reverse(cost(r)));
    let groups: Vec<&[&Rule]> = rules.chunks(group.max(1)).collect();
    let results: Vec<ChunkResult> = crate::threads::each_taking_next(
        &groups,
        workers,
        || (),
        |(), part| eval_chunk(engine_for, group, part, ctx),
    )
    .into_iter()
    .map(|r| {
        r.unwrap_or_else(|| {
            (
                Err(vec![Problem::new(
                    ProblemCode::PolicyRuntime,
                    "an evaluation worker stopped unexpectedly",
                )]),
                Vec::new(),
            )
        })
    })
    .collect();
    let mut findings = Vec::new();
    let mut problems = Vec::new();
    for (r, t) in results {
        times.extend(t);
        match r {
            Ok(f) => findings.extend(f),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(findings)
    } else {
        problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.message.cmp(&b.message)));
        // A broken library file is reported by the engine of every rule: once is enough.
        problems.dedup_by(|a, b| a.file == b.file && a.message == b.message);
        Err(Problems(problems))
    }
}

/// What every worker reads while it evaluates rules.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    inv: &'a Inventory,
    pack: &'a PolicySet,
    catalog: &'a Catalog,
    /// Told which rules are being evaluated.
    watch: Option<&'a crate::MemoryWatch>,
}

/// One worker's findings (or problems) and the time each of its rules took.
type ChunkResult<'a> = (Result<Vec<Placed<'a>>, Vec<Problem>>, Vec<(String, Duration)>);

/// The order of every output: file, line, column, rule, resource.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            &a.location.file,
            a.location.line,
            a.location.column,
            &a.rule,
            &a.resource,
            &a.path,
            &a.message,
        )
            .cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
                &b.rule,
                &b.resource,
                &b.path,
                &b.message,
            ))
    });
}

fn eval_chunk<'a>(engine_for: &EngineFor<'_>, group: usize, rules: &[&Rule], ctx: &Ctx<'a>) -> ChunkResult<'a> {
    let Ctx {
        inv,
        pack,
        catalog,
        watch,
    } = *ctx;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut times = Vec::new();
    for part in rules.chunks(group.max(1)) {
        let started = std::time::Instant::now();
        let mut engine = match engine_for(part) {
            Ok(e) => e,
            Err(p) => {
                problems.extend(p.0);
                continue;
            }
        };
        let built = started.elapsed();
        for (i, rule) in part.iter().enumerate() {
            let file = pack.files.get(rule.file).map(|f| f.path.as_str()).unwrap_or("<policy>");
            let started = std::time::Instant::now();
            if let Some(w) = watch {
                w.rule_started(&rule.meta.id, file);
            }
            let result = engine.eval_rule(rule.entrypoint.clone());
            if let Some(w) = watch {
                w.rule_done(&rule.meta.id);
            }
            // The engine's set-up is counted with the first rule it runs.
            let took = started.elapsed() + if i == 0 { built } else { Duration::ZERO };
            times.push((rule.meta.id.clone(), took));
            match result {
                Ok(v) => match findings_of(rule, &v, inv, catalog, file) {
                    Ok(f) => out.extend(f),
                    Err(p) => problems.push(p),
                },
                Err(e) => problems.push(evaluation_failure(rule, file, &e)),
            }
        }
    }
    let result = if problems.is_empty() { Ok(out) } else { Err(problems) };
    (result, times)
}

fn text_of(v: &regorus::Value) -> Option<Text> {
    let ja = v["ja"].as_string().ok()?.to_string();
    let en = v["en"].as_string().ok()?.to_string();
    if ja.trim().is_empty() || en.trim().is_empty() {
        return None;
    }
    Some(Text { ja, en })
}

/// Turns one rule's `deny` value into findings.
fn findings_of<'a>(
    rule: &Rule,
    v: &regorus::Value,
    inv: &'a Inventory,
    catalog: &Catalog,
    file: &str,
) -> Result<Vec<Placed<'a>>, Problem> {
    let bad = |msg: String| {
        Problem::new(ProblemCode::PolicyOutput, format!("rule {}: {msg}", rule.meta.id))
            .in_file(file.to_string())
            .help("each element of `deny` must be an object {resource: {kind, name}, path, message: {ja, en}}; build it with sansho.lib.finding")
    };
    let items: Vec<&regorus::Value> = match v {
        regorus::Value::Undefined => Vec::new(),
        regorus::Value::Set(s) => s.iter().collect(),
        regorus::Value::Array(a) => a.iter().collect(),
        other => return Err(bad(format!("`deny` must be a set, found {other}"))),
    };
    let mut out = Vec::new();
    let mut places = Vec::new();
    for item in items {
        let kind_s = item["resource"]["kind"]
            .as_string()
            .map_err(|_| bad(format!("finding without resource.kind: {item}")))?;
        let name = item["resource"]["name"]
            .as_string()
            .map_err(|_| bad(format!("finding without resource.name: {item}")))?;
        let kind = Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == kind_s.as_ref())
            .ok_or_else(|| bad(format!("unknown resource kind `{kind_s}`")))?;
        let file = match &item["resource"]["file"] {
            regorus::Value::Undefined | regorus::Value::Null => None,
            f => Some(
                f.as_string()
                    .map_err(|_| bad(format!("resource.file must be a string: {f}")))?
                    .to_string(),
            ),
        };
        if file.is_none() && inv.count_named(kind, name) > 1 {
            return Err(bad(format!(
                "finding names {kind_s} `{name}`, which is in several files; give resource.file (sansho.lib.config_finding does)"
            )));
        }
        let doc = inv.get_in(kind, name, file.as_deref()).ok_or_else(|| {
            bad(format!(
                "finding names {kind_s} `{name}`, which is not in the inventory"
            ))
        })?;
        let file = (kind == Kind::Configuration)
            .then(|| inv.sources.get(doc.file).map(|f| f.display.clone()))
            .flatten();
        let path_s = match &item["path"] {
            regorus::Value::Undefined | regorus::Value::Null => String::new(),
            p => p
                .as_string()
                .map_err(|_| bad(format!("path must be a string: {p}")))?
                .to_string(),
        };
        let segs = if path_s.is_empty() {
            Vec::new()
        } else {
            yaml::parse_path(&path_s).ok_or_else(|| bad(format!("malformed path `{path_s}`")))?
        };
        let message =
            text_of(&item["message"]).ok_or_else(|| bad(format!("finding without message {{ja, en}}: {item}")))?;
        let mut level = match &item["level"] {
            regorus::Value::Undefined | regorus::Value::Null => rule.meta.level,
            l => l
                .as_string()
                .ok()
                .and_then(|s| Level::parse(s))
                .ok_or_else(|| bad(format!("level must be error, warning or note: {l}")))?,
        };
        // A finding may narrow the requirements it is about to a subset of the rule's (a rule
        // that checks a table of documents, say); it may never name others.
        let requirements = match &item["requirements"] {
            regorus::Value::Undefined | regorus::Value::Null => rule.meta.requirements.clone(),
            regorus::Value::Array(ids) => {
                let mut out = Vec::new();
                for id in ids.iter() {
                    let id = id
                        .as_string()
                        .map_err(|_| bad(format!("requirements must be strings: {id}")))?
                        .to_string();
                    if !rule.meta.requirements.contains(&id) {
                        return Err(bad(format!(
                            "finding names requirement `{id}`, which the rule's METADATA does not list"
                        )));
                    }
                    out.push(id);
                }
                if out.is_empty() {
                    return Err(bad("finding with an empty requirements list".to_string()));
                }
                out
            }
            other => return Err(bad(format!("requirements must be an array: {other}"))),
        };
        // A finding about unverified requirements only may not be an error.
        let unverified = requirements
            .iter()
            .all(|r| catalog.get(r).is_some_and(|q| q.basis.is_unverified()));
        if unverified && level > Level::Warning {
            level = Level::Warning;
        }
        out.push(Finding {
            rule: rule.meta.id.clone(),
            title: rule.meta.title.clone(),
            requirements,
            level,
            severity: rule.meta.severity,
            message,
            resource: ResourceRef {
                kind,
                name: name.to_string(),
                file,
            },
            path: path_s,
            // Found once evaluation is over (`locate_all`).
            location: Location::new("", doc.pos.pos),
            status: Status::Open,
            waiver: None,
        });
        places.push((doc, segs));
    }
    Ok(out.into_iter().zip(places).collect())
}

/// A finding, and the document and value path its location is found from.
type Placed<'a> = (Finding, (&'a crate::inventory::Document, Vec<yaml::Seg>));

/// Sets each finding's location (the value its path names), on up to `workers` threads.
///
/// Done after evaluation, once the policies' input is freed: a path outside a document's
/// envelope is found by parsing its lines again, from a file text read again if it was let go
/// after loading (`SourceMap::add_released`), and a large inventory's findings point into
/// nearly every file. Each thread takes the findings of one file at a time, so that a file is
/// read again by one thread while the other parses another.
fn locate_all(
    findings: &mut [Finding],
    places: &[(&crate::inventory::Document, Vec<yaml::Seg>)],
    inv: &Inventory,
    workers: usize,
) {
    let mut by_file: BTreeMap<crate::source::FileId, Vec<usize>> = BTreeMap::new();
    for (i, (doc, _)) in places.iter().enumerate() {
        by_file.entry(doc.file).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = by_file.into_values().collect();
    let locate = |group: &Vec<usize>| -> Vec<(usize, Location)> {
        group
            .iter()
            .filter_map(|&i| places.get(i).map(|(doc, segs)| (i, inv.locate(doc, segs))))
            .collect()
    };
    // A thread that panicked leaves its findings at their document (not reached: locating
    // does not panic).
    let located = crate::threads::each_taking_next(&groups, workers, || (), |(), g| locate(g));
    for (i, loc) in located.into_iter().flatten().flatten() {
        if let Some(f) = findings.get_mut(i) {
            f.location = loc;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod engine_layout_tests {
    use super::*;

    /// One engine per worker or one per rule, one thread or two: the same findings.
    #[test]
    fn findings_do_not_depend_on_engine_sharing_or_threads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/hospital");
        let inv = crate::inventory::load(&root, &crate::inventory::LoadOptions::default()).unwrap();
        let (catalog, pack) = crate::check::load_pack(true, &[]).unwrap();
        let waivers = crate::waiver::read(&inv, &pack, &catalog).unwrap();
        let run = |shared: usize, workers: usize| {
            let opts = EvalOptions {
                as_of: Date::new(2026, 11, 25).unwrap(),
                params: pack.params.clone(),
                workers,
                shared_engine_max_documents: shared,
                ..EvalOptions::default()
            };
            evaluate(&inv, &pack, &catalog, &opts, &waivers).unwrap().findings
        };
        let reference = run(usize::MAX, 1);
        assert!(reference.len() >= 5, "{reference:?}");
        assert!(reference.iter().any(|f| f.status == Status::Waived));
        assert_eq!(run(0, 1), reference);
        assert_eq!(run(0, 2), reference);
        assert_eq!(run(usize::MAX, 2), reference);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod input_tests {
    use super::*;

    /// The directly built input equals the input converted from its JSON form, for every
    /// bundled example (configurations, numbers, nested lists, Japanese text included).
    #[test]
    fn input_value_matches_the_json_input() {
        for root in crate::example_roots() {
            let inv = crate::inventory::load(&root, &crate::inventory::LoadOptions::default()).unwrap();
            let expected = regorus::Value::from(inv.to_input());
            assert_ne!(expected, regorus::Value::Undefined);
            assert_eq!(input_value(&inv), expected, "{}", root.display());
        }
    }

    /// Taking the input gives the same value, and leaves the taken kinds their envelope and
    /// every position (what findings, waivers and reports read afterwards).
    #[test]
    fn taken_input_matches_and_keeps_envelopes() {
        let mut slimmed = 0;
        for root in crate::example_roots() {
            let inv = crate::inventory::load(&root, &crate::inventory::LoadOptions::default()).unwrap();
            let mut taken = inv.clone();
            assert_eq!(take_input(&mut taken), input_value(&inv), "{}", root.display());
            assert_eq!(taken.documents.len(), inv.documents.len());
            for (before, after) in inv.documents.iter().zip(&taken.documents) {
                assert_eq!(
                    (before.kind, &before.name, inv.positions(before)),
                    (after.kind, &after.name, taken.positions(after))
                );
                if TAKEN_KINDS.contains(&before.kind) {
                    for key in ["apiVersion", "kind", "metadata"] {
                        assert_eq!(after.value.get(key), before.value.get(key), "{key}");
                    }
                    // A system's links (spec.configurations) stay: loading resolves them.
                    let links = before.value.pointer("/spec/configurations");
                    assert_eq!(after.value.pointer("/spec/configurations"), links);
                    assert_eq!(
                        after.value.as_object().map(|m| m.len()),
                        Some(3 + usize::from(links.is_some()))
                    );
                    assert!(after
                        .value
                        .get("spec")
                        .is_none_or(|s| s.as_object().map(|m| m.len()) == Some(1)));
                    assert!(before.value.get("spec").is_some());
                    slimmed += 1;
                } else {
                    assert_eq!(after.value, before.value);
                }
            }
        }
        assert!(slimmed >= 10, "{slimmed}");
    }

    /// Documents checked and converted on the reading threads (`prepare_input`) give the same
    /// input, envelopes, positions (those cut to the envelope found again) and problems as converting after loading, on any number of
    /// threads, for every example and for inventories the schema rejects.
    #[test]
    fn input_prepared_while_loading_is_the_same() {
        use crate::inventory::{load, LoadOptions};
        let prepared = |workers: usize| LoadOptions {
            prepare_input: true,
            workers,
            ..LoadOptions::default()
        };
        let mut converted = 0;
        let mut cut = 0;
        for root in crate::example_roots() {
            let mut plain = load(&root, &LoadOptions::default()).unwrap();
            // Positions kept whole are those found again on demand.
            let whole = LoadOptions {
                positions_on_demand: false,
                ..LoadOptions::default()
            };
            let whole = load(&root, &whole).unwrap();
            assert!(whole.documents.iter().all(|d| *whole.positions(d) == d.pos));
            assert!(whole
                .documents
                .iter()
                .zip(&plain.documents)
                .all(|(w, p)| w.pos == *plain.positions(p)));
            let expected = take_input(&mut plain);
            for workers in [1, 2] {
                let mut early = load(&root, &prepared(workers)).unwrap();
                converted += early.documents.iter().filter(|d| d.input.is_some()).count();
                cut += early.documents.iter().filter(|d| d.pos != *early.positions(d)).count();
                assert!(early
                    .documents
                    .iter()
                    .all(|d| d.input.is_some() == TAKEN_KINDS.contains(&d.kind)));
                assert_eq!(input_value(&early), expected, "{}", root.display());
                assert_eq!(take_input(&mut early), expected, "{}", root.display());
                assert!(early.documents.iter().all(|d| d.input.is_none()));
                assert!(early.shape() == plain.shape(), "{}", root.display());
            }
        }
        assert!(converted >= 20, "{converted}");
        // Most prepared documents kept only their envelope's positions.
        assert!(cut * 2 > converted, "{cut} of {converted}");
        let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/bad");
        let mut rejected = 0;
        for entry in std::fs::read_dir(bad).unwrap() {
            let root = entry.unwrap().path();
            let plain = load(&root, &LoadOptions::default()).unwrap_err();
            let early = load(&root, &prepared(2)).unwrap_err();
            assert_eq!(early.problems.0, plain.problems.0, "{}", root.display());
            rejected += 1;
        }
        assert!(rejected >= 10, "{rejected}");
    }

    #[test]
    fn interned_strings_equal_fresh_ones() {
        let v = serde_json::json!({"a": ["x", "x", 1, 2.5, -3, null, true, {"a": "x"}], "long": "y".repeat(300)});
        let mut strings = Interner::default();
        assert_eq!(strings.value(&v), regorus::Value::from(v.clone()));
    }

    fn same_allocation(a: &regorus::Value, b: &regorus::Value) -> bool {
        identity(a) == identity(b) && matches!(a, regorus::Value::Object(_) | regorus::Value::Array(_))
    }

    /// Containers of equal content are built once and shared; those holding a fraction or a
    /// string too long to share are not; every converted value equals a fresh conversion.
    #[test]
    fn equal_containers_are_shared_and_equal_fresh_ones() {
        let doc = |name: &str, extra: serde_json::Value| {
            serde_json::json!({
                "name": name,
                "os": {"name": "Windows 11", "version": "24H2", "years": [2024, 2029], "eol": null, "ok": true},
                "events": ["login", "logout"],
                "ratio": {"value": 0.5},
                "note": {"text": "n".repeat(200)},
                "extra": extra,
            })
        };
        let a = doc("a", serde_json::json!({"x": 1}));
        let b = doc("b", serde_json::json!({"x": 1.0}));
        let mut strings = Interner::default();
        let (ra, rb) = (strings.value(&a), strings.value(&b));
        assert_eq!(ra, regorus::Value::from(a.clone()));
        assert_eq!(rb, regorus::Value::from(b.clone()));
        let field = |v: &regorus::Value, k: &str| v[&regorus::Value::from(k)].clone();
        assert!(same_allocation(&field(&ra, "os"), &field(&rb, "os")));
        assert!(same_allocation(&field(&ra, "events"), &field(&rb, "events")));
        assert!(!same_allocation(&field(&ra, "ratio"), &field(&rb, "ratio")));
        assert!(!same_allocation(&field(&ra, "note"), &field(&rb, "note")));
        // 1 and 1.0 are equal numbers to regorus but are not the same value: not shared.
        assert!(!same_allocation(&field(&ra, "extra"), &field(&rb, "extra")));
        assert!(!same_allocation(&ra, &rb));
        // A different element, order or kind is another container.
        let c = serde_json::json!([["login", "logout"], ["logout", "login"], ["login"], {"0": "login"}, ["login", "logout"]]);
        let rc = strings.value(&c);
        let item = |i: usize| rc[&regorus::Value::from(i as u64)].clone();
        assert!(same_allocation(&item(0), &field(&ra, "events")));
        assert!(same_allocation(&item(4), &item(0)));
        for i in 1..4 {
            assert!(!same_allocation(&item(i), &item(0)), "{i}");
        }
        assert_eq!(rc, regorus::Value::from(c));
    }

    /// On a generated inventory, each document converted through one interner (sharing
    /// strings and containers across documents) equals its fresh conversion.
    #[test]
    fn shared_conversion_of_a_generated_inventory_equals_fresh_ones() {
        let opts = crate::generate::GenerateOptions::new(60, 7, Date::new(2026, 11, 25).unwrap());
        let mut strings = Interner::default();
        let mut documents = 0;
        for (path, text) in crate::generate::generate(&opts).files {
            if !path.ends_with(".yaml") {
                continue;
            }
            for doc in yaml_serde::Deserializer::from_str(&text) {
                let v: serde_json::Value = serde::Deserialize::deserialize(doc).unwrap();
                assert_eq!(strings.value(&v), regorus::Value::from(v), "{path}");
                documents += 1;
            }
        }
        assert!(documents > 100, "{documents}");
        assert!(strings.shared.len() > 100, "{}", strings.shared.len());
    }
}
