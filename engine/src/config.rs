//! `sansho.yaml`: the settings of one inventory — parameters of the pack (thresholds the
//! guidelines leave to the institution) and limits. Strict: unknown keys and unknown
//! parameters are problems with a location, so a typo never silently falls back to a default.
//!
//! ```yaml
//! parameters:
//!   access_log_review_max_days: 90
//! limits:
//!   max_file_bytes: 67108864
//!   rule_timeout_seconds: 60
//!   max_memory_mib: 4096
//! ```

use crate::problem::{Problem, ProblemCode, Problems};
use crate::source::Location;
use crate::yaml::{self, Seg};
use std::collections::BTreeMap;
use std::path::Path;

/// What `sansho.yaml` says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file it was read from, when there was one.
    pub path: Option<String>,
    /// The file's SHA-256, for reproducible reports.
    pub sha256: Option<String>,
    pub parameters: BTreeMap<String, serde_json::Value>,
    pub max_file_bytes: Option<u64>,
    pub max_files: Option<usize>,
    pub rule_timeout_seconds: Option<u64>,
    pub max_memory_mib: Option<u64>,
}

const TOP_KEYS: [&str; 2] = ["parameters", "limits"];

/// What is wrong with `value` for parameter `name` whose default is `default` (the types
/// already agree), judged from the default: a count or a number of days that is not negative
/// may not become negative, a list of requirement ids stays one, and the checklist edition
/// must be one sansho has.
fn out_of_range(
    name: &str,
    default: &serde_json::Value,
    value: &serde_json::Value,
    catalog: &crate::Catalog,
) -> Option<(String, String)> {
    use serde_json::Value;
    match (default, value) {
        (Value::Number(d), Value::Number(v)) if d.as_f64()? >= 0.0 && v.as_f64()? < 0.0 => Some((
            format!("parameter `{name}` is {v}; it cannot be negative"),
            format!("give 0 or more (the default is {d})"),
        )),
        (Value::Array(d), Value::Array(v))
            if !d.is_empty() && d.iter().all(|x| x.as_str().is_some_and(|id| catalog.get(id).is_some())) =>
        {
            let unknown: Vec<String> = v
                .iter()
                .filter(|x| x.as_str().is_none_or(|id| catalog.get(id).is_none()))
                .map(|x| format!("`{}`", x.as_str().map_or_else(|| x.to_string(), str::to_string)))
                .collect();
            (!unknown.is_empty()).then(|| {
                (
                    format!(
                        "parameter `{name}` names unknown requirement ids: {}",
                        unknown.join(", ")
                    ),
                    "list requirement ids from `sansho requirements`".to_string(),
                )
            })
        }
        (_, Value::String(v)) if name == "checklist_current_edition" => {
            let editions = crate::checklist::Layouts::builtin().ok()?;
            let names = editions.edition_names();
            (!names.contains(&v.as_str())).then(|| {
                (
                    format!("parameter `{name}` is `{v}`, an edition sansho does not have"),
                    format!("editions: {}", names.join(", ")),
                )
            })
        }
        _ => None,
    }
}
const LIMIT_KEYS: [&str; 4] = ["max_file_bytes", "max_files", "rule_timeout_seconds", "max_memory_mib"];

impl Config {
    /// Reads and checks a config file against the known parameters (`defaults`).
    /// `catalog`: the requirement ids a parameter listing requirements may name.
    pub fn load(
        path: &Path,
        defaults: &BTreeMap<String, serde_json::Value>,
        catalog: &crate::Catalog,
    ) -> Result<Config, Problems> {
        let shown = path.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(path).map_err(|e| {
            Problem::new(ProblemCode::Config, format!("cannot read the config file: {e}"))
                .in_file(shown.clone())
                .help("check the path given to --config")
        })?;
        let text = String::from_utf8(bytes.clone()).map_err(|_| {
            Problem::new(ProblemCode::NotUtf8, "the config file is not UTF-8")
                .in_file(shown.clone())
                .help("save sansho.yaml as UTF-8")
        })?;
        let mut cfg = Config::parse(&text, &shown, defaults, catalog)?;
        cfg.sha256 = Some(crate::source::sha256_hex(&bytes));
        Ok(cfg)
    }

    /// Parses config text; `shown` names it in problems.
    pub fn parse(
        text: &str,
        shown: &str,
        defaults: &BTreeMap<String, serde_json::Value>,
        catalog: &crate::Catalog,
    ) -> Result<Config, Problems> {
        let docs = yaml::parse_yaml(text, &yaml::Limits::default()).map_err(|e| {
            Problem::new(ProblemCode::Config, format!("invalid YAML: {e}")).at(Location::new(shown, e.pos))
        })?;
        let mut cfg = Config {
            path: Some(shown.to_string()),
            ..Config::default()
        };
        let mut docs = docs.into_iter();
        let Some(doc) = docs.next() else {
            return Ok(cfg);
        };
        // (A lone `---` at the end is an empty document, not a second one.)
        if let Some(second) = docs.find(|d| !d.value.is_null()) {
            // Read as one file, a second document would be silently ignored.
            return Err(
                Problem::new(ProblemCode::Config, "sansho.yaml holds more than one YAML document")
                    .at(Location::new(shown, second.pos.lookup(&[]).0))
                    .help("merge the documents into one (drop the `---` line)")
                    .into(),
            );
        }
        let at = |path: &[Seg]| Location::new(shown, doc.pos.lookup(path).0);
        let key = |k: &str| Seg::Key(k.to_string());
        let mut problems = Vec::new();
        let top = match &doc.value {
            serde_json::Value::Object(m) => m.clone(),
            serde_json::Value::Null => serde_json::Map::new(),
            _ => {
                return Err(Problem::new(ProblemCode::Config, "sansho.yaml must be a mapping")
                    .at(at(&[]))
                    .into());
            }
        };
        for k in top.keys() {
            if !TOP_KEYS.contains(&k.as_str()) {
                problems.push(
                    Problem::new(ProblemCode::Config, format!("unknown setting `{k}`"))
                        .at(at(&[key(k)]))
                        .help(format!("sansho.yaml knows: {}", TOP_KEYS.join(", "))),
                );
            }
        }
        if let Some(params) = top.get("parameters") {
            match params.as_object() {
                Some(m) => {
                    for (k, v) in m {
                        let here = at(&[key("parameters"), key(k)]);
                        match defaults.get(k) {
                            None => problems.push(
                                Problem::new(ProblemCode::Config, format!("unknown parameter `{k}`"))
                                    .at(here)
                                    .help(format!(
                                        "known parameters: {}",
                                        defaults.keys().cloned().collect::<Vec<_>>().join(", ")
                                    )),
                            ),
                            Some(d) if !same_type(d, v) => problems.push(
                                Problem::new(
                                    ProblemCode::Config,
                                    format!("parameter `{k}` must be {}, like its default {d}", type_name(d)),
                                )
                                .at(here),
                            ),
                            Some(d) => match out_of_range(k, d, v, catalog) {
                                Some((message, help)) => {
                                    problems.push(Problem::new(ProblemCode::Config, message).at(here).help(help))
                                }
                                None => {
                                    cfg.parameters.insert(k.clone(), v.clone());
                                }
                            },
                        }
                    }
                }
                None if params.is_null() => {}
                None => problems.push(
                    Problem::new(ProblemCode::Config, "`parameters` must be a mapping").at(at(&[key("parameters")])),
                ),
            }
        }
        if let Some(limits) = top.get("limits").filter(|l| !l.is_null()) {
            if !limits.is_object() {
                problems.push(
                    Problem::new(ProblemCode::Config, "`limits` must be a mapping")
                        .at(at(&[key("limits")]))
                        .help(format!(
                            "write `limits:` followed by some of: {}",
                            LIMIT_KEYS.join(", ")
                        )),
                );
            }
            for (k, v) in limits.as_object().cloned().unwrap_or_default() {
                let here = at(&[key("limits"), key(&k)]);
                let n = v.as_u64().filter(|n| *n > 0);
                match (k.as_str(), n) {
                    ("max_file_bytes", Some(n)) => cfg.max_file_bytes = Some(n),
                    ("max_files", Some(n)) => cfg.max_files = usize::try_from(n).ok(),
                    ("rule_timeout_seconds", Some(n)) => cfg.rule_timeout_seconds = Some(n),
                    ("max_memory_mib", Some(n)) => cfg.max_memory_mib = Some(n),
                    (k, _) if LIMIT_KEYS.contains(&k) => problems.push(
                        Problem::new(
                            ProblemCode::Config,
                            format!("limit `{k}` must be a positive whole number"),
                        )
                        .at(here),
                    ),
                    (k, _) => problems.push(
                        Problem::new(ProblemCode::Config, format!("unknown limit `{k}`"))
                            .at(here)
                            .help(format!("known limits: {}", LIMIT_KEYS.join(", "))),
                    ),
                }
            }
        }
        if problems.is_empty() {
            Ok(cfg)
        } else {
            Err(Problems(problems))
        }
    }
}

fn same_type(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (a, b) {
        (V::Number(x), V::Number(y)) => x.is_f64() || !y.is_f64(),
        (V::String(_), V::String(_))
        | (V::Bool(_), V::Bool(_))
        | (V::Array(_), V::Array(_))
        | (V::Object(_), V::Object(_)) => true,
        _ => false,
    }
}

fn type_name(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => "a number",
        serde_json::Value::Number(_) => "a whole number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a mapping",
        serde_json::Value::Null => "null",
    }
}
