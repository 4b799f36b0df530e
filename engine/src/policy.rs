//! The policy pack: the built-in Rego files embedded at build time, plus custom policy
//! directories. Each policy file carries a METADATA block ([`crate::metadata`]); library files
//! (under a `lib/` directory) and tests (`*_test.rego`) do not need one.
//!
//! A custom directory is read the way `opa test DIR` reads it: every `.rego` file is a module,
//! and every other `.json` / `.yaml` / `.yml` file is data, placed under the path of its
//! directory relative to DIR (`DIR/authz/data.json` holding `{"roles": …}` is
//! `data.authz.roles`). sansho's own files are the exceptions: `params.yaml` (parameters),
//! `catalog*.yaml` (requirement catalogs) and anything below a `fixtures/` directory
//! (inventories for tests).

use crate::catalog::Catalog;
use crate::metadata::{self, RuleMeta};
use crate::problem::{Problem, ProblemCode, Problems};
use std::collections::BTreeMap;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_policies.rs"));

/// The text of an embedded file of the built-in pack, by its path below `policies/`.
pub fn embedded_file(path: &str) -> Option<&'static str> {
    EMBEDDED_POLICY_FILES.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

/// Where a policy file comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    Builtin,
    /// A custom policy directory, as given.
    Custom(String),
}

impl Origin {
    pub fn label(&self) -> String {
        match self {
            Origin::Builtin => "built-in".to_string(),
            Origin::Custom(d) => d.clone(),
        }
    }
}

/// A Rego file of the pack.
#[derive(Debug, Clone)]
pub struct RegoFile {
    /// Shown to users: `policies/...` for built-in files, the real path for custom ones.
    pub path: String,
    pub text: String,
    pub origin: Origin,
    pub package: String,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Policy,
    Library,
    Test,
}

/// A rule: one policy file with its metadata.
#[derive(Debug, Clone)]
pub struct Rule {
    pub meta: RuleMeta,
    /// Index into [`PolicySet::files`].
    pub file: usize,
    /// `data.<package>.deny`.
    pub entrypoint: String,
}

/// All Rego of a run.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    pub files: Vec<RegoFile>,
    pub rules: Vec<Rule>,
    /// Default parameters (`policies/params.yaml` and custom `params.yaml` files).
    pub params: BTreeMap<String, serde_json::Value>,
    /// Test fixture files (YAML/JSON below a `fixtures/` directory): (path, text).
    pub fixtures: Vec<(String, String)>,
    /// Data documents of custom directories, merged into one tree (OPA's data-file layout).
    pub data: serde_json::Map<String, serde_json::Value>,
}

/// Where `key:` is in a file's METADATA block.
fn meta_location(path: &str, text: &str, key: &str) -> crate::source::Location {
    crate::source::Location {
        file: path.to_string(),
        line: crate::authoring::metadata_line(text, key),
        column: 1,
        offset: 0,
    }
}

/// Whether a file of a custom directory is one of sansho's own (not OPA data).
fn is_sansho_file(name: &str) -> bool {
    name == "params.yaml" || name == "sansho.yaml" || (name.starts_with("catalog") && name.ends_with(".yaml"))
}

/// Merges `value` into `tree` below `prefix`; the path of the first conflicting key on failure.
fn merge_data(
    tree: &mut serde_json::Map<String, serde_json::Value>,
    prefix: &[String],
    value: serde_json::Value,
) -> Result<(), String> {
    match prefix.split_first() {
        Some((head, rest)) => {
            let slot = tree
                .entry(head.clone())
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            match slot {
                serde_json::Value::Object(m) => merge_data(m, rest, value).map_err(|e| format!("{head}.{e}")),
                _ => Err(head.clone()),
            }
        }
        None => match value {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match (tree.get_mut(&k), v) {
                        (None, v) => {
                            tree.insert(k, v);
                        }
                        (Some(serde_json::Value::Object(_)), serde_json::Value::Object(inner)) => {
                            if let Some(serde_json::Value::Object(sub)) = tree.get_mut(&k) {
                                merge_data(sub, &[], serde_json::Value::Object(inner))
                                    .map_err(|e| format!("{k}.{e}"))?;
                            }
                        }
                        (Some(_), _) => return Err(k),
                    }
                }
                Ok(())
            }
            _ => Err("(root)".to_string()),
        },
    }
}

/// The METADATA of each file that may be a rule (in file order; `None` for the others), from
/// [`parse_metadata`].
#[derive(Debug)]
pub struct ParsedMetadata(Vec<Option<Result<RuleMeta, Problem>>>);

/// Parses the METADATA block of every policy file (`.rego`, neither a test nor a library).
/// Pure: it needs neither the catalog nor the other files.
pub fn parse_metadata(files: &[(String, String, Origin)]) -> ParsedMetadata {
    ParsedMetadata(
        files
            .iter()
            .map(|(path, text, _)| {
                (path.ends_with(".rego") && role_of(path) == Role::Policy)
                    .then(|| metadata::parse_rule_meta(text, path))
            })
            .collect(),
    )
}

fn role_of(path: &str) -> Role {
    if path.ends_with("_test.rego") {
        Role::Test
    } else if path.split('/').any(|c| c == "lib") {
        Role::Library
    } else {
        Role::Policy
    }
}

impl PolicySet {
    /// The built-in pack.
    pub fn builtin() -> Vec<(String, String, Origin)> {
        EMBEDDED_POLICY_FILES
            .iter()
            .filter(|(p, _)| !p.starts_with("catalog/"))
            .map(|(p, t)| (format!("policies/{p}"), (*t).to_string(), Origin::Builtin))
            .collect()
    }

    /// Reads the `.rego`, `params.yaml` and `catalog*.yaml` files of a custom policy directory.
    pub fn read_dir(dir: &Path) -> Result<Vec<(String, String, Origin)>, Problem> {
        let shown = dir.to_string_lossy().replace('\\', "/");
        if !dir.exists() {
            return Err(Problem::new(
                ProblemCode::NotFound,
                format!("policy directory `{shown}` does not exist"),
            )
            .in_file(shown)
            .help("give --policy the directory that holds your .rego files"));
        }
        if !dir.is_dir() {
            return Err(Problem::new(
                ProblemCode::Config,
                format!("`{shown}` is a file; --policy takes a directory"),
            )
            .in_file(shown)
            .help("give the directory that holds the policy (its .rego files, tests and data)"));
        }
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Problem::new(ProblemCode::Io, format!("cannot read the policy directory: {e}")).in_file(shown.clone())
            })?;
            let p = entry.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let data_file = name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json");
            let wanted = name.ends_with(".rego") || (data_file && name != "sansho.yaml");
            if entry.file_type().is_file() && wanted {
                let text = std::fs::read_to_string(p).map_err(|e| {
                    Problem::new(ProblemCode::Io, format!("cannot read the file: {e}"))
                        .in_file(p.to_string_lossy().to_string())
                        .help("policy files must be UTF-8 text")
                })?;
                out.push((
                    p.to_string_lossy().replace('\\', "/"),
                    text,
                    Origin::Custom(shown.clone()),
                ));
            }
        }
        if !out.iter().any(|(p, _, _)| p.ends_with(".rego")) {
            return Err(Problem::new(
                ProblemCode::Config,
                format!("policy directory `{shown}` holds no .rego file"),
            )
            .in_file(shown)
            .help("check the path: a policy directory holds .rego files (`sansho new policy` writes a skeleton)"));
        }
        Ok(out)
    }

    /// Builds the set from files, checking metadata against the catalog (which custom catalog
    /// files extend). Every problem is reported, not only the first.
    pub fn build(files: Vec<(String, String, Origin)>, catalog: &mut Catalog) -> Result<PolicySet, Problems> {
        Self::build_with(files, catalog, true)
    }

    /// As [`PolicySet::build`]; with `strict_metadata` false, custom policy files without a
    /// METADATA block are loaded as plain Rego (libraries) instead of being an error — how
    /// `sansho test` runs existing OPA test suites.
    pub fn build_with(
        files: Vec<(String, String, Origin)>,
        catalog: &mut Catalog,
        strict_metadata: bool,
    ) -> Result<PolicySet, Problems> {
        let metas = parse_metadata(&files);
        PolicySet::build_parsed(files, metas, catalog, strict_metadata)
    }

    /// As [`PolicySet::build_with`], with the METADATA of `files` already parsed by
    /// [`parse_metadata`] (so that it can be parsed while the catalog is).
    pub fn build_parsed(
        files: Vec<(String, String, Origin)>,
        metas: ParsedMetadata,
        catalog: &mut Catalog,
        strict_metadata: bool,
    ) -> Result<PolicySet, Problems> {
        let mut metas = metas.0.into_iter();
        let mut problems = Vec::new();
        let mut set = PolicySet::default();
        // Custom catalogs and parameters first: rules may name their ids.
        for (path, text, origin) in &files {
            let name = path.rsplit('/').next().unwrap_or_default();
            // Paths below the directory given, so that the directory's own location
            // (`tests/fixtures/suite`) does not count.
            let rel = match origin {
                Origin::Custom(root) => path.strip_prefix(root.as_str()).unwrap_or(path).trim_start_matches('/'),
                Origin::Builtin => path.as_str(),
            };
            if rel.split('/').any(|c| c == "fixtures") {
                if !path.ends_with(".rego") {
                    set.fixtures.push((path.clone(), text.clone()));
                }
                continue;
            }
            if !is_sansho_file(name) && !path.ends_with(".rego") {
                if let Origin::Custom(_) = origin {
                    let mut prefix: Vec<String> = rel.split('/').map(str::to_string).collect();
                    prefix.pop();
                    let parsed: Result<serde_json::Value, String> = if name.ends_with(".json") {
                        serde_json::from_str(text).map_err(|e| e.to_string())
                    } else {
                        yaml_serde::from_str(text).map_err(|e| e.to_string())
                    };
                    match parsed {
                        Ok(v) if prefix.is_empty() && v.get("sansho").is_some() => problems.push(
                            Problem::new(ProblemCode::Config, "data file defines `data.sansho`, which sansho reserves")
                                .in_file(path.clone())
                                .help("move the data under another top-level key"),
                        ),
                        Ok(serde_json::Value::Object(m)) => {
                            if let Err(key) = merge_data(&mut set.data, &prefix, serde_json::Value::Object(m)) {
                                problems.push(
                                    Problem::new(
                                        ProblemCode::Config,
                                        format!("data file sets `data.{}{key}` again", prefix.iter().map(|p| format!("{p}.")).collect::<String>()),
                                    )
                                    .in_file(path.clone())
                                    .help("each data path may be defined by one data file only, as in OPA"),
                                );
                            }
                        }
                        Ok(_) => problems.push(
                            Problem::new(ProblemCode::Config, "a data file must hold a mapping (a JSON object)")
                                .in_file(path.clone())
                                .help("OPA places a data file's keys under the path of its directory; a list or a scalar has no keys"),
                        ),
                        Err(e) => problems.push(
                            Problem::new(ProblemCode::Syntax, format!("invalid data file: {e}"))
                                .in_file(path.clone())
                                .help("fix the JSON/YAML syntax, or move the file out of the policy directory"),
                        ),
                    }
                }
            } else if name.ends_with(".yaml") && name.starts_with("catalog") {
                if let Err(p) = catalog.add_yaml(text, &origin.label(), path) {
                    problems.push(p);
                }
            } else if name == "params.yaml" {
                match yaml_serde::from_str::<BTreeMap<String, BTreeMap<String, serde_json::Value>>>(text) {
                    Ok(mut m) => {
                        for (k, v) in m.remove("parameters").unwrap_or_default() {
                            if set.params.contains_key(&k) && *origin != Origin::Builtin {
                                problems.push(
                                    Problem::new(
                                        ProblemCode::Config,
                                        format!("parameter `{k}` is already defined by the built-in pack"),
                                    )
                                    .in_file(path.clone())
                                    .help("choose another name for the custom parameter"),
                                );
                            }
                            set.params.insert(k, v);
                        }
                    }
                    Err(e) => problems.push(
                        Problem::new(ProblemCode::Config, format!("invalid params.yaml: {e}"))
                            .in_file(path.clone())
                            .help("write `parameters:` followed by name: value pairs"),
                    ),
                }
            }
        }
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, text, origin) in files {
            let parsed = metas.next().flatten();
            if !path.ends_with(".rego") {
                continue;
            }
            let role = role_of(&path);
            // Before regorus parses it: its parser recurses on nesting without a limit.
            if origin != Origin::Builtin {
                if let Some(p) = crate::recursion::too_nested(&path, &text) {
                    problems.push(p);
                    continue;
                }
            }
            let package = match metadata::package_of(&text) {
                Some((p, line)) if origin != Origin::Builtin && (p == "sansho" || p.starts_with("sansho.")) => {
                    problems.push(
                        Problem::new(ProblemCode::PolicySyntax, format!("package `{p}` belongs to the built-in pack"))
                            .at(crate::source::Location {
                                file: path.clone(),
                                line,
                                column: 1,
                                offset: 0,
                            })
                            .help("give custom policies a package of their own, e.g. `package acme.backup`; call the built-in helpers through `import data.sansho.lib`"),
                    );
                    continue;
                }
                Some((p, _)) => p,
                None => {
                    problems.push(
                        Problem::new(ProblemCode::PolicySyntax, "the file has no `package` line")
                            .in_file(path.clone())
                            .help("start the policy with `package <name>`"),
                    );
                    continue;
                }
            };
            let idx = set.files.len();
            let role = if role == Role::Policy
                && !strict_metadata
                && origin != Origin::Builtin
                && !text.lines().any(|l| l.trim() == "# METADATA")
            {
                Role::Library
            } else {
                role
            };
            if role == Role::Policy {
                match parsed.unwrap_or_else(|| metadata::parse_rule_meta(&text, &path)) {
                    Ok(meta) => {
                        for r in &meta.requirements {
                            if catalog.get(r).is_none() {
                                problems.push(
                                    Problem::new(ProblemCode::UnknownRequirement, format!("rule {} names unknown requirement id `{r}`", meta.id))
                                        .at(meta_location(&path, &text, "requirements"))
                                        .help("use an id from `sansho requirements`, or declare it in a custom catalog file (catalog.yaml) beside the policy"),
                                );
                            }
                        }
                        for id in std::iter::once(&meta.id).chain(meta.aliases.iter()) {
                            if let Some(first) = ids.insert(id.clone(), path.clone()) {
                                problems.push(
                                    Problem::new(
                                        ProblemCode::DuplicateRule,
                                        format!("rule id `{id}` is used by `{first}` and `{path}`"),
                                    )
                                    .at(meta_location(&path, &text, "id"))
                                    .help("rule ids are unique and never reused; choose a new id"),
                                );
                            }
                        }
                        if package.contains('"') || package.contains('[') {
                            problems.push(
                                Problem::new(
                                    ProblemCode::PolicySyntax,
                                    format!("package `{package}` must be a plain dotted name"),
                                )
                                .in_file(path.clone()),
                            );
                        }
                        set.rules.push(Rule {
                            entrypoint: format!("data.{package}.deny"),
                            meta,
                            file: idx,
                        });
                    }
                    Err(p) => problems.push(p),
                }
            }
            set.files.push(RegoFile {
                path,
                text,
                origin,
                package,
                role,
            });
        }
        // A recursive function would overflow the native stack when evaluated.
        let custom: Vec<&RegoFile> = set.files.iter().filter(|f| f.origin != Origin::Builtin).collect();
        if !custom.is_empty() {
            let texts = custom.iter().map(|f| (f.path.clone(), f.text.clone())).collect();
            problems.extend(crate::recursion::check_in_time(texts, crate::recursion::PARSE_TIME));
        }
        if problems.is_empty() {
            set.rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
            Ok(set)
        } else {
            Err(Problems(problems))
        }
    }

    /// The rule with `id` (or an alias of it).
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.meta.id == id || r.meta.aliases.iter().any(|a| a == id))
    }
}
