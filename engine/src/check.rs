//! `check`: the whole job in one call — load the catalog, the pack and the inventory, evaluate,
//! and return a [`Report`] (the stable JSON contract) together with what renderers need
//! (sources for snippets, rule metadata).

use crate::catalog::Catalog;
use crate::config::Config;
use crate::date::Date;
use crate::eval::{self, EvalOptions, Finding};
use crate::inventory::{self, Inventory, Kind, LoadOptions};
use crate::metadata::Level;
use crate::policy::{Origin, PolicySet};
use crate::problem::{Problem, ProblemCode, Problems};
use crate::source::SourceMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// sansho's version, which is also the built-in pack's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What to check and how.
#[derive(Debug, Clone)]
pub struct CheckRequest {
    pub inventory: PathBuf,
    /// `sansho.yaml`; when `None`, `<inventory>/sansho.yaml` is used if it exists.
    pub config: Option<PathBuf>,
    pub policy_dirs: Vec<PathBuf>,
    pub builtin: bool,
    pub as_of: Date,
    pub fail_on: Level,
    /// Overrides of the config file's limits.
    pub max_file_bytes: Option<u64>,
    pub max_files: Option<usize>,
    pub rule_timeout: Option<Duration>,
    /// Memory ceiling of the check, in MiB (default: sansho.yaml's `limits.max_memory_mib`,
    /// else 4096); enforced only through `watch`.
    pub max_memory_mib: Option<u64>,
    /// Given the ceiling and told what the check is doing, for the caller's thread that
    /// watches the memory in use ([`crate::watch`]). Without one, nothing limits memory.
    pub watch: Option<std::sync::Arc<crate::MemoryWatch>>,
    pub workers: usize,
    /// Extra files or directories holding Waiver documents.
    pub waiver_paths: Vec<PathBuf>,
    /// Ignore every waiver: show the true state.
    pub no_waivers: bool,
    /// Give up the bodies of systems, assets and contracts while the policies' input is built
    /// ([`eval::take_input`]): the outcome's inventory then keeps their envelope (`apiVersion`,
    /// `kind`, `metadata`) and every position ([`Inventory::positions`]) — all the report and
    /// its renderings read — and a large check needs about a fifth less memory. For callers
    /// that use only the report.
    pub slim_inventory: bool,
    /// See [`LoadOptions::positions_on_demand`] (default on).
    pub positions_on_demand: bool,
    /// Write the policies' input, as JSON, to this file once it is built and before any rule
    /// runs ([`eval::write_input`]): it is there even when a waiver or a policy then fails.
    pub dump_input: Option<PathBuf>,
}

impl CheckRequest {
    pub fn new(inventory: impl Into<PathBuf>, as_of: Date) -> CheckRequest {
        CheckRequest {
            inventory: inventory.into(),
            config: None,
            policy_dirs: Vec::new(),
            builtin: true,
            as_of,
            fail_on: Level::Error,
            max_file_bytes: None,
            max_files: None,
            rule_timeout: None,
            max_memory_mib: None,
            watch: None,
            workers: 1,
            waiver_paths: Vec::new(),
            no_waivers: false,
            slim_inventory: false,
            positions_on_demand: true,
            dump_input: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ToolInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub policy_pack: PackInfo,
}

#[derive(Debug, Clone, Serialize)]
pub struct PackInfo {
    pub version: &'static str,
    pub rules: usize,
    pub builtin: bool,
    pub custom: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputFile {
    pub path: String,
    pub sha256: String,
    /// `inventory` or `config`.
    pub role: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: BTreeMap<String, usize>,
    pub rules: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Findings covered by an active waiver (not counted in errors, warnings, notes).
    pub waived: usize,
    pub fail_on: Level,
    /// `pass` when no finding is at or above `fail_on`.
    pub result: &'static str,
}

/// The stable JSON contract of `sansho check --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub tool: ToolInfo,
    pub evaluated_at: String,
    pub inputs: Vec<InputFile>,
    pub parameters: BTreeMap<String, serde_json::Value>,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    /// Every catalog requirement in scope, with its status.
    pub requirements: Vec<crate::coverage::RequirementResult>,
    /// Requirement statuses counted per source.
    pub sources: Vec<crate::coverage::SourceSummary>,
}

impl Report {
    /// Whether the run fails at its fail level.
    pub fn failed(&self) -> bool {
        self.summary.result == "fail"
    }
}

/// A successful check: the report and what renderers need.
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    pub report: Report,
    pub inventory: Inventory,
    pub pack: PolicySet,
    pub catalog: Catalog,
    /// Where the time went (never part of the report).
    pub timings: Timings,
}

/// Wall time of the phases of a check, for `sansho bench`.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Catalog, pack, config and inventory (parse, schema validation).
    pub load: Duration,
    /// Engine set-up, the input conversion and every rule.
    pub evaluate: Duration,
    /// Requirement status and the report.
    pub report: Duration,
    /// Each rule's evaluation, in rule id order.
    pub rules: Vec<(String, Duration)>,
}

/// A check that could not be trusted.
#[derive(Debug, Clone)]
pub struct CheckFailure {
    pub problems: Problems,
    /// Files read before the failure, for snippets.
    pub sources: SourceMap,
}

impl From<Problems> for CheckFailure {
    fn from(problems: Problems) -> CheckFailure {
        CheckFailure {
            problems,
            sources: SourceMap::default(),
        }
    }
}

impl From<Problem> for CheckFailure {
    fn from(p: Problem) -> CheckFailure {
        Problems::from(p).into()
    }
}

/// Loads the catalog and the pack (built-in and custom directories).
pub fn load_pack(builtin: bool, policy_dirs: &[PathBuf]) -> Result<(Catalog, PolicySet), Problems> {
    load_pack_with(builtin, policy_dirs, true)
}

/// As [`load_pack`]; `strict_metadata` false accepts custom Rego without METADATA (tests).
pub fn load_pack_with(
    builtin: bool,
    policy_dirs: &[PathBuf],
    strict_metadata: bool,
) -> Result<(Catalog, PolicySet), Problems> {
    let mut files = Vec::new();
    if builtin {
        files.extend(PolicySet::builtin());
    } else {
        // Libraries and parameters of the built-in pack stay available to custom rules.
        files.extend(
            PolicySet::builtin()
                .into_iter()
                .filter(|(p, _, _)| (p.contains("/lib/") && !p.ends_with("_test.rego")) || p == "policies/params.yaml"),
        );
    }
    let mut problems = Vec::new();
    for d in policy_dirs {
        match PolicySet::read_dir(d) {
            Ok(f) => files.extend(f),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    // The rules' METADATA is parsed while the catalog is (each takes a few milliseconds, a
    // good part of a small check).
    let (catalog, metas) = std::thread::scope(|s| {
        let metas = s.spawn(|| crate::policy::parse_metadata(&files));
        let catalog = Catalog::builtin();
        (catalog, metas.join())
    });
    let mut catalog = catalog?;
    let pack = match metas {
        Ok(metas) => PolicySet::build_parsed(files, metas, &mut catalog, strict_metadata)?,
        Err(_) => PolicySet::build_with(files, &mut catalog, strict_metadata)?,
    };
    Ok((catalog, pack))
}

/// Runs a whole check.
pub fn check(req: &CheckRequest) -> Result<CheckOutcome, CheckFailure> {
    let started = std::time::Instant::now();
    // The schemas the inventory is validated against compile while the pack loads.
    // (Joined by hand, so that a failure there cannot surface as a panic of the scope: the
    // validators are then compiled on first use, as before.)
    let (catalog, pack) = std::thread::scope(|s| {
        let warming = s.spawn(crate::schema::warm);
        let pack = load_pack(req.builtin, &req.policy_dirs);
        let _ = warming.join();
        pack
    })?;
    if pack.rules.is_empty() {
        return Err(Problem::new(ProblemCode::Config, "no rules to evaluate")
            .help("drop --no-builtin, or give --policy a directory with policies")
            .into());
    }
    let config_path = match &req.config {
        Some(p) => Some(p.clone()),
        None => inventory::config_file(&req.inventory)?,
    };
    let config = match &config_path {
        Some(p) => Config::load(p, &pack.params, &catalog)?,
        None => Config::default(),
    };
    let stage = |s: crate::watch::Stage| {
        if let Some(w) = &req.watch {
            w.stage(s);
        }
    };
    if let Some(w) = &req.watch {
        w.set_limit(Some(
            req.max_memory_mib
                .or(config.max_memory_mib)
                .map_or(eval::DEFAULT_MEMORY_LIMIT, |m| m.saturating_mul(1 << 20)),
        ));
    }
    stage(crate::watch::Stage::Loading);
    let defaults = LoadOptions::default();
    let load_opts = LoadOptions {
        max_file_bytes: req
            .max_file_bytes
            .or(config.max_file_bytes)
            .unwrap_or(defaults.max_file_bytes),
        max_files: req.max_files.or(config.max_files).unwrap_or(defaults.max_files),
        prepare_input: req.slim_inventory,
        positions_on_demand: req.positions_on_demand,
        ..defaults
    };
    let mut roots = vec![req.inventory.clone()];
    roots.extend(req.waiver_paths.iter().cloned());
    let mut inv = inventory::load_many(&roots, &load_opts).map_err(|f| CheckFailure {
        problems: f.problems,
        sources: f.sources,
    })?;
    // A file given with --waivers holds waivers only: a system there would join the
    // inventory unnoticed.
    let waiver_roots: Vec<String> = req
        .waiver_paths
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let strays: Vec<Problem> = inv
        .documents
        .iter()
        .filter(|d| d.kind != Kind::Waiver)
        .filter_map(|d| {
            let shown = &inv.sources.get(d.file)?.display;
            waiver_roots
                .iter()
                .any(|r| shown == r || shown.starts_with(&format!("{}/", r.trim_end_matches('/'))))
                .then(|| {
                    Problem::new(
                        ProblemCode::Config,
                        format!("{} `{}` is in a file given with --waivers", d.kind.as_str(), d.name),
                    )
                    .at(inv.locate(d, &[]))
                    .help("--waivers reads Waiver documents only; move the document into the inventory")
                })
        })
        .collect();
    if !strays.is_empty() {
        return Err(CheckFailure {
            problems: Problems(strays),
            sources: inv.sources.clone(),
        });
    }
    if req.no_waivers {
        inv.remove_kind(Kind::Waiver);
    }
    let loaded = started.elapsed();
    stage(crate::watch::Stage::Evaluating);
    let input = if req.slim_inventory {
        eval::take_input(&mut inv)
    } else {
        eval::input_value(&inv)
    };
    let failed = |problems: Problems, inv: &Inventory| CheckFailure {
        problems,
        sources: inv.sources.clone(),
    };
    // Before the waivers are read and the rules run, so that the input that broke one is there.
    if let Some(path) = &req.dump_input {
        eval::write_input(&input, path).map_err(|p| failed(p.into(), &inv))?;
    }
    let waivers = crate::waiver::read(&inv, &pack, &catalog).map_err(|p| failed(p, &inv))?;
    let mut params = pack.params.clone();
    params.extend(config.parameters.clone());
    let opts = EvalOptions {
        as_of: req.as_of,
        params: params.clone(),
        rule_timeout: req
            .rule_timeout
            .or(config.rule_timeout_seconds.map(Duration::from_secs))
            .unwrap_or(eval::DEFAULT_RULE_TIMEOUT),
        workers: req.workers,
        watch: req.watch.clone(),
        ..EvalOptions::default()
    };
    let evaluation =
        eval::evaluate_input(input, &inv, &pack, &catalog, &opts, &waivers).map_err(|p| failed(p, &inv))?;
    let evaluated = started.elapsed();
    stage(crate::watch::Stage::Reporting);
    let report = build_report(req, &inv, &pack, &catalog, &config, params, evaluation.findings);
    let timings = Timings {
        load: loaded,
        evaluate: evaluated.saturating_sub(loaded),
        report: started.elapsed().saturating_sub(evaluated),
        rules: evaluation.rule_times,
    };
    Ok(CheckOutcome {
        report,
        inventory: inv,
        pack,
        catalog,
        timings,
    })
}

fn build_report(
    req: &CheckRequest,
    inv: &Inventory,
    pack: &PolicySet,
    catalog: &Catalog,
    config: &Config,
    parameters: BTreeMap<String, serde_json::Value>,
    findings: Vec<Finding>,
) -> Report {
    let count = |l: Level| findings.iter().filter(|f| f.is_open() && f.level == l).count();
    let failing = findings.iter().any(|f| f.is_open() && f.level >= req.fail_on);
    let mut inputs: Vec<InputFile> = inv
        .sources
        .files()
        .iter()
        .map(|f| InputFile {
            path: f.display.clone(),
            sha256: f.sha256.clone(),
            role: "inventory",
        })
        .collect();
    if let (Some(p), Some(h)) = (&config.path, &config.sha256) {
        inputs.push(InputFile {
            path: p.clone(),
            sha256: h.clone(),
            role: "config",
        });
    }
    let documents = Kind::ALL
        .into_iter()
        .map(|k| (k.input_key().to_string(), inv.count(k)))
        .collect();
    let custom: Vec<String> = {
        let mut c: Vec<String> = pack
            .files
            .iter()
            .filter_map(|f| match &f.origin {
                Origin::Custom(d) => Some(d.clone()),
                Origin::Builtin => None,
            })
            .collect();
        c.dedup();
        c
    };
    let requirements = crate::coverage::requirement_results(catalog, pack, inv, &findings);
    let sources = crate::coverage::source_summaries(&requirements);
    Report {
        tool: ToolInfo {
            name: "sansho",
            version: VERSION,
            policy_pack: PackInfo {
                version: VERSION,
                rules: pack.rules.len(),
                builtin: req.builtin,
                custom,
            },
        },
        evaluated_at: req.as_of.to_string(),
        inputs,
        parameters,
        summary: Summary {
            files: inv.sources.files().len(),
            documents,
            rules: pack.rules.len(),
            findings: findings.len(),
            errors: count(Level::Error),
            warnings: count(Level::Warning),
            notes: count(Level::Note),
            waived: findings.iter().filter(|f| !f.is_open()).count(),
            fail_on: req.fail_on,
            result: if failing { "fail" } else { "pass" },
        },
        findings,
        requirements,
        sources,
    }
}

/// Convenience for tests and embedders: check the inventory at `path` on `as_of`.
pub fn check_path(path: &Path, as_of: Date) -> Result<CheckOutcome, CheckFailure> {
    check(&CheckRequest::new(path, as_of))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// Giving up the document bodies changes nothing in the report (findings, waivers matched
    /// by label, requirement status), for every bundled example.
    #[test]
    fn slim_inventory_gives_the_same_report() {
        for root in crate::example_roots() {
            let run = |slim: bool| {
                let mut req = CheckRequest::new(&root, Date::new(2026, 11, 25).unwrap());
                req.slim_inventory = slim;
                let outcome = check(&req).unwrap();
                serde_json::to_string(&outcome.report).unwrap()
            };
            let full = run(false);
            assert!(full.contains("\"findings\""), "{full}");
            assert_eq!(run(true), full, "{}", root.display());
        }
    }

    /// The dumped input is what the policies see: read back, it equals the input built from
    /// the whole inventory, for every bundled example, with bodies given up while loading.
    #[test]
    fn dumped_input_is_the_policies_input() {
        let dir = tempfile::tempdir().unwrap();
        for root in crate::example_roots() {
            let path = dir.path().join("input.json");
            let mut req = CheckRequest::new(&root, Date::new(2026, 11, 25).unwrap());
            req.slim_inventory = true;
            req.dump_input = Some(path.clone());
            check(&req).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.ends_with("}\n") && text.matches('\n').count() == 1,
                "{}",
                root.display()
            );
            let dumped = regorus::Value::from_json_str(&text).unwrap();
            let whole = inventory::load(&root, &LoadOptions::default()).unwrap();
            assert_eq!(dumped, eval::input_value(&whole), "{}", root.display());
            assert!(!dumped["systems"].as_array().unwrap().is_empty(), "{}", root.display());
        }
    }

    /// A directory that cannot be written fails the check with the file named.
    #[test]
    fn an_unwritable_dump_fails_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let mut req = CheckRequest::new(crate::example_roots().remove(0), Date::new(2026, 11, 25).unwrap());
        req.dump_input = Some(dir.path().join("missing").join("input.json"));
        let failure = check(&req).err().unwrap();
        let p = &failure.problems.0[0];
        assert_eq!(p.code, ProblemCode::Io);
        assert!(p.message.contains("missing/input.json"), "{}", p.message);
    }
}
