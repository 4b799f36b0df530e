//! The JSON Schemas of the inventory kinds (draft 2020-12, embedded) and validation of
//! documents against them. Schema errors become [`Problem`]s located at the offending value.

use crate::inventory::Kind;
use crate::problem::{Problem, ProblemCode};
use crate::yaml::Seg;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use jsonschema::Validator;
use std::sync::OnceLock;

/// The published schema of a kind, as JSON text.
pub fn schema_text(kind: Kind) -> &'static str {
    match kind {
        Kind::Organization => include_str!("../schemas/organization.schema.json"),
        Kind::System => include_str!("../schemas/system.schema.json"),
        Kind::Asset => include_str!("../schemas/asset.schema.json"),
        Kind::Contract => include_str!("../schemas/contract.schema.json"),
        Kind::Attestation => include_str!("../schemas/attestation.schema.json"),
        Kind::Waiver => include_str!("../schemas/waiver.schema.json"),
        Kind::Configuration => include_str!("../schemas/configuration.schema.json"),
    }
}

type Compiled = Result<Validator, String>;

/// The published schema of a kind, parsed once per process (`Null` if the embedded text were
/// not JSON, which a unit test rules out).
pub fn schema_value(kind: Kind) -> &'static serde_json::Value {
    static CELLS: [OnceLock<serde_json::Value>; Kind::ALL.len()] = [const { OnceLock::new() }; Kind::ALL.len()];
    CELLS[kind.index()].get_or_init(|| serde_json::from_str(schema_text(kind)).unwrap_or_default())
}

fn validator(kind: Kind) -> &'static Compiled {
    static CELLS: [OnceLock<Compiled>; Kind::ALL.len()] = [const { OnceLock::new() }; Kind::ALL.len()];
    CELLS[kind.index()].get_or_init(|| {
        let schema = schema_value(kind);
        if schema.is_null() {
            return Err("the embedded schema is not JSON".to_string());
        }
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            // RFC 3339's full-date allows year 0000, which no date arithmetic of the pack (nor
            // the proleptic calendar sansho computes deadlines in) has: the date sansho reads.
            .with_format("date", |s: &str| crate::date::Date::parse(s).is_some())
            .build(schema)
            .map_err(|e| e.to_string())
    })
}

/// Compiles every kind's validator now (each is otherwise compiled on first use), so that a
/// caller can do it on a spare thread while it reads other things.
pub fn warm() {
    for kind in Kind::ALL {
        let _ = validator(kind);
    }
}

/// A schema violation: where (as a value path) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub path: Vec<Seg>,
    pub code: ProblemCode,
    pub message: String,
    pub help: Option<String>,
}

/// Validates one document against its kind's schema. Returns every violation, in a stable order.
pub fn validate(kind: Kind, doc: &serde_json::Value) -> Result<Vec<Violation>, Problem> {
    let v = match validator(kind) {
        Ok(v) => v,
        Err(e) => {
            return Err(Problem::new(
                ProblemCode::Config,
                format!("the built-in schema for {} does not compile: {e}", kind.as_str()),
            )
            .help("this is a bug in sansho; please report it"))
        }
    };
    let mut out = Vec::new();
    for err in v.iter_errors(doc) {
        let mut path: Vec<Seg> = err
            .instance_path()
            .iter()
            .map(|s| match s {
                LocationSegment::Property(p) => Seg::Key(p.to_string()),
                LocationSegment::Index(i) => Seg::Index(i),
            })
            .collect();
        let shown = crate::yaml::format_path(&path);
        let field = if shown.is_empty() {
            "the document".to_string()
        } else {
            format!("`{shown}`")
        };
        let (code, message, help) = match err.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let key = unexpected.first().cloned().unwrap_or_default();
                let allowed = allowed_keys(kind, &path);
                path.push(Seg::Key(key.clone()));
                (
                    ProblemCode::Schema,
                    format!("unknown field `{key}` in {field} of {}", kind.as_str()),
                    Some(if allowed.is_empty() {
                        "remove the field, or check its spelling against `sansho schema`".to_string()
                    } else {
                        format!("expected one of: {}", allowed.join(", "))
                    }),
                )
            }
            ValidationErrorKind::Required { property } => {
                let name = property
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| property.to_string());
                (
                    ProblemCode::Schema,
                    format!("missing required field `{name}` in {field} of {}", kind.as_str()),
                    Some(format!(
                        "add `{name}`; `sansho schema {}` shows the format",
                        kind.as_str().to_lowercase()
                    )),
                )
            }
            ValidationErrorKind::Format { format } if format == "date" => (
                ProblemCode::InvalidDate,
                format!("{field} is not a valid date: {}", err.instance()),
                Some(
                    "write dates as YYYY-MM-DD with a day that exists, years 0001 to 9999 (e.g. 2026-03-31)"
                        .to_string(),
                ),
            ),
            ValidationErrorKind::Pattern { pattern } if pattern == "\\S" => (
                ProblemCode::Schema,
                format!("{field} of {} is blank", kind.as_str()),
                field_help(kind, &path),
            ),
            ValidationErrorKind::MinProperties { limit: 1 } => (
                ProblemCode::Schema,
                format!("{field} of {} is empty", kind.as_str()),
                field_help(kind, &path),
            ),
            ValidationErrorKind::Type { .. } => (
                ProblemCode::Schema,
                format!("{field} has the wrong type: {}", plain(&err.to_string())),
                type_hint(err.instance()).or_else(|| field_help(kind, &path)),
            ),
            _ => (
                ProblemCode::Schema,
                format!("{field}: {}", plain(&err.to_string())),
                field_help(kind, &path),
            ),
        };
        out.push(Violation {
            path,
            code,
            message,
            help,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.message.cmp(&b.message)));
    out.dedup();
    Ok(out)
}

/// Suggests the usual YAML slips behind a type error.
fn type_hint(value: &serde_json::Value) -> Option<String> {
    match value.as_str() {
        Some(s) if ["yes", "no", "on", "off", "y", "n"].contains(&s.to_ascii_lowercase().as_str()) => Some(format!(
            "`{s}` is a string in YAML 1.2; write true or false for a yes/no field"
        )),
        Some(s) if s.parse::<f64>().is_ok() => Some(format!("`\"{s}\"` is quoted; remove the quotes for a number")),
        _ => None,
    }
}

/// Keeps error text to one line.
fn plain(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

/// What the schema says about the field at `path`: its title, description and expected type or
/// values, as a hint for the user.
fn field_help(kind: Kind, path: &[Seg]) -> Option<String> {
    let node = schema_node(schema_value(kind), path)?;
    let text = |k: &str| node.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let expected = if let Some(values) = node.get("enum").and_then(|v| v.as_array()) {
        let values: Vec<String> = values
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect();
        format!("one of: {}", values.join(", "))
    } else if node.get("format").and_then(|v| v.as_str()) == Some("date") {
        "a date YYYY-MM-DD".to_string()
    } else if node.get("pattern").and_then(|v| v.as_str()) == Some("\\S") {
        "text, not blank".to_string()
    } else if let Some(p) = node.get("pattern").and_then(|v| v.as_str()) {
        format!("a string matching {p}")
    } else if node.get("minProperties").and_then(serde_json::Value::as_u64) == Some(1) {
        "a mapping with at least one key".to_string()
    } else {
        match node.get("type") {
            Some(serde_json::Value::String(t)) => format!(
                "{} {t}",
                if t == "integer" || t == "array" || t == "object" {
                    "an"
                } else {
                    "a"
                }
            ),
            Some(serde_json::Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str()).collect::<Vec<_>>().join(" or "),
            _ => String::new(),
        }
    };
    let (title, description) = (text("title"), text("description"));
    if expected.is_empty() && description.is_empty() {
        return None;
    }
    let mut out = String::new();
    if !expected.is_empty() {
        out.push_str(&format!("expected {expected}"));
    }
    if !description.is_empty() {
        if !out.is_empty() {
            out.push_str(" — ");
        }
        if !title.is_empty() {
            out.push_str(&format!("{title}: "));
        }
        out.push_str(&description);
    }
    Some(out)
}

/// Follows local `$ref`s (`#/...`) from `node` within `root` (at most 8 hops).
pub fn resolve<'a>(root: &'a serde_json::Value, mut node: &'a serde_json::Value) -> &'a serde_json::Value {
    for _ in 0..8 {
        match node
            .get("$ref")
            .and_then(|r| r.as_str())
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(ptr) => match root.pointer(ptr) {
                Some(n) => node = n,
                None => break,
            },
            None => break,
        }
    }
    node
}

/// The subschema describing the value at `path` (follows `properties`, `items` and local
/// `$ref`s), or `None` when the schema does not describe that path.
pub fn schema_node<'a>(root: &'a serde_json::Value, path: &[Seg]) -> Option<&'a serde_json::Value> {
    let mut node = resolve(root, root);
    for seg in path {
        let next = match seg {
            Seg::Key(k) => node.get("properties").and_then(|p| p.get(k)),
            Seg::Index(_) => node.get("items"),
        };
        node = resolve(root, next?);
    }
    Some(node)
}

/// Property names allowed at `path`, read from the schema.
fn allowed_keys(kind: Kind, path: &[Seg]) -> Vec<String> {
    let Some(node) = schema_node(schema_value(kind), path) else {
        return Vec::new();
    };
    let mut keys: Vec<String> = node
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}
