//! Loading an inventory: a directory tree (or one file) of YAML and JSON documents, each an
//! envelope `apiVersion` / `kind` / `metadata` / `spec`. Every value keeps its position, so a
//! finding about `spec.authentication.two_factor` can point at its line and column.
//!
//! Loading is strict and collects every problem of the run before it fails: bad encodings,
//! syntax, duplicate keys, unknown kinds, missing or duplicate names, schema violations and
//! invalid dates all become [`Problem`]s with a location and a hint.

use crate::configuration::{self, Recognised};
use crate::eval::Interner;
use crate::problem::{Problem, ProblemCode, Problems};
use crate::schema;
use crate::source::{FileId, Location, Pos, SourceMap};
use crate::yaml::{self, PosNode, Seg, YamlErrorKind};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The document kinds of inventory format v1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Kind {
    Organization,
    System,
    Asset,
    Contract,
    Attestation,
    /// An accepted, time-limited exception to a rule or requirement.
    Waiver,
    /// A real configuration item: a Terraform resource, a Kubernetes object, or generic
    /// YAML/JSON wrapped by a `Configuration` document (see [`crate::configuration`]).
    Configuration,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Organization,
        Kind::System,
        Kind::Asset,
        Kind::Contract,
        Kind::Attestation,
        Kind::Waiver,
        Kind::Configuration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organization => "Organization",
            Kind::System => "System",
            Kind::Asset => "Asset",
            Kind::Contract => "Contract",
            Kind::Attestation => "Attestation",
            Kind::Waiver => "Waiver",
            Kind::Configuration => "Configuration",
        }
    }

    /// The key of `input` under which documents of this kind are given to policies.
    pub fn input_key(self) -> &'static str {
        match self {
            Kind::Organization => "organizations",
            Kind::System => "systems",
            Kind::Asset => "assets",
            Kind::Contract => "contracts",
            Kind::Attestation => "attestations",
            Kind::Waiver => "waivers",
            Kind::Configuration => "configurations",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses a kind name, case-insensitively (`system`, `System`).
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s))
    }
}

/// Limits that keep hostile inventories bounded.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Most files read from one inventory tree.
    pub max_files: usize,
    /// Nesting depth and node count (after alias expansion) per file.
    pub yaml: yaml::Limits,
    /// Most problems reported before the rest are summarised.
    pub max_problems: usize,
    /// Threads reading and parsing files (the result does not depend on it).
    pub workers: usize,
    /// Also convert each system, asset and contract for the policies on the reading threads,
    /// keeping of its JSON only the envelope (see [`Document::input`]): for callers that
    /// evaluate and then use only the report (a check with `slim_inventory`). The JSON of those
    /// kinds is then never all held at once. (Their schemas are always checked on the reading
    /// threads, and their position trees cut to the envelope: see [`Inventory::positions`].)
    pub prepare_input: bool,
    /// Keep of each valid system, asset and contract only the positions of its envelope, and
    /// find the others again when asked ([`Inventory::positions`]: the document's lines parsed
    /// alone, once). Most positions of a large inventory are never read; a caller that reads
    /// most of them (the checklist's evidence) is faster keeping them.
    pub positions_on_demand: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 64 * 1024 * 1024,
            max_files: 100_000,
            yaml: yaml::Limits::default(),
            max_problems: 200,
            workers: std::thread::available_parallelism().map_or(1, |n| n.get()).min(8),
            prepare_input: false,
            positions_on_demand: true,
        }
    }
}

/// One inventory document.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    pub name: String,
    pub file: FileId,
    /// The whole document (envelope included), as policies see it.
    pub value: serde_json::Value,
    /// Positions of the document's values; of its envelope only when it was prepared while
    /// loading (see [`Inventory::positions`], which gives them all).
    pub pos: PosNode,
    /// The document converted for the policies while loading ([`LoadOptions::prepare_input`]),
    /// until the policies' input takes it; `value` then holds only the envelope kept by
    /// [`crate::eval::take_input`].
    pub input: Option<regorus::Value>,
    /// Set when `pos` was cut to the envelope.
    cut: Option<Box<Cut>>,
}

/// One top-level member of the policies' `input` (see [`Inventory::input_layout`]).
#[derive(Debug)]
pub enum InputPart<'a> {
    /// An array of documents.
    Documents(Vec<&'a Document>),
    /// An object of arrays of documents, keyed by configuration format.
    Groups(Vec<(&'static str, Vec<&'a Document>)>),
}

/// A loaded, validated inventory.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    pub sources: SourceMap,
    pub documents: Vec<Document>,
    /// Documents by kind and name. Configuration items of different files may share an
    /// address (two Terraform roots, a plan and its state), so a name maps to a list.
    index: HashMap<(Kind, String), Vec<usize>>,
}

/// Why loading failed: the problems, and the files read so far (for snippets).
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub problems: Problems,
    pub sources: SourceMap,
}

impl Inventory {
    /// The document of `kind` named `name` (for a configuration address found in several
    /// files, the first; see [`Inventory::get_in`]).
    pub fn get(&self, kind: Kind, name: &str) -> Option<&Document> {
        self.get_in(kind, name, None)
    }

    /// The document of `kind` named `name` in the file shown as `file` (any file when `None`).
    pub fn get_in(&self, kind: Kind, name: &str, file: Option<&str>) -> Option<&Document> {
        let ids = self.index.get(&(kind, name.to_string()))?;
        ids.iter().filter_map(|&i| self.documents.get(i)).find(|d| match file {
            None => true,
            Some(f) => self.sources.get(d.file).is_some_and(|s| s.display == f),
        })
    }

    /// How many documents of `kind` are named `name` (configuration addresses may repeat
    /// across files).
    pub fn count_named(&self, kind: Kind, name: &str) -> usize {
        self.index.get(&(kind, name.to_string())).map_or(0, Vec::len)
    }

    fn push(&mut self, d: Document) {
        self.index
            .entry((d.kind, d.name.clone()))
            .or_default()
            .push(self.documents.len());
        self.documents.push(d);
    }

    /// The positions of every value of `doc`. A document prepared while loading kept only its
    /// envelope's; the rest are found by parsing its lines of the file again, once (a few
    /// microseconds a document), when first asked for.
    pub fn positions<'a>(&'a self, doc: &'a Document) -> &'a PosNode {
        let Some(cut) = &doc.cut else { return &doc.pos };
        cut.full.get_or_init(|| {
            self.sources
                .get(doc.file)
                .and_then(|f| f.text())
                .and_then(|text| yaml::reparse(text, cut.json, cut.span, &cut.limits))
                // A text that can no longer be read as it was (or, not reached, that no longer
                // parses): the envelope's positions then.
                .unwrap_or_else(|| doc.pos.clone())
        })
    }

    /// Every document as tests compare them: kind, name, file, value and all positions.
    #[cfg(test)]
    pub(crate) fn shape(&self) -> Vec<(Kind, String, FileId, serde_json::Value, PosNode)> {
        self.documents
            .iter()
            .map(|d| {
                (
                    d.kind,
                    d.name.clone(),
                    d.file,
                    d.value.clone(),
                    self.positions(d).clone(),
                )
            })
            .collect()
    }

    /// Resolves a value path inside a document to a location. A path that does not exist
    /// resolves to its deepest existing parent.
    pub fn locate(&self, doc: &Document, path: &[Seg]) -> Location {
        let (node, matched) = doc.pos.walk(path);
        let pos = if matched == path.len() {
            node.pos
        } else {
            self.positions(doc).lookup(path).0
        };
        let file = self
            .sources
            .get(doc.file)
            .map(|f| f.display.as_str())
            .unwrap_or("<unknown>");
        Location::new(file, pos)
    }

    /// The document that policies receive as `input`. Configuration items are grouped by
    /// format: `input.configurations.terraform`, `.kubernetes` and `.generic`.
    pub fn to_input(&self) -> serde_json::Value {
        let docs = |list: Vec<&Document>| serde_json::Value::Array(list.into_iter().map(|d| d.value.clone()).collect());
        let mut obj = serde_json::Map::new();
        for (key, part) in self.input_layout() {
            let value = match part {
                InputPart::Documents(list) => docs(list),
                InputPart::Groups(groups) => serde_json::Value::Object(
                    groups
                        .into_iter()
                        .map(|(format, list)| (format.to_string(), docs(list)))
                        .collect(),
                ),
            };
            obj.insert(key.to_string(), value);
        }
        serde_json::Value::Object(obj)
    }

    /// The shape of [`Inventory::to_input`] without copying any document: for each top-level
    /// key, the documents (in inventory order) or, for configurations, the documents of each
    /// format. Builders of other value types (the regorus input) follow it.
    pub fn input_layout(&self) -> Vec<(&'static str, InputPart<'_>)> {
        Kind::ALL
            .into_iter()
            .map(|kind| {
                let of_kind = self.documents.iter().filter(move |d| d.kind == kind);
                let part = if kind == Kind::Configuration {
                    InputPart::Groups(
                        crate::configuration::FORMATS
                            .iter()
                            .map(|&format| {
                                (
                                    format,
                                    of_kind.clone().filter(|d| d.value["format"] == format).collect(),
                                )
                            })
                            .collect(),
                    )
                } else {
                    InputPart::Documents(of_kind.collect())
                };
                (kind.input_key(), part)
            })
            .collect()
    }

    /// Drops every document of a kind (e.g. waivers with `--no-waivers`).
    pub fn remove_kind(&mut self, kind: Kind) {
        let docs = std::mem::take(&mut self.documents);
        self.index.clear();
        for d in docs.into_iter().filter(|d| d.kind != kind) {
            self.push(d);
        }
    }

    /// Number of documents of a kind.
    pub fn count(&self, kind: Kind) -> usize {
        self.documents.iter().filter(|d| d.kind == kind).count()
    }
}

/// File names in an inventory tree that are configuration, not inventory.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["sansho.yaml", "sansho.yml"];

/// The configuration file at the root of the inventory directory `dir`, if there is one;
/// both names at once are an error (which one would apply is not obvious).
pub fn config_file(dir: &Path) -> Result<Option<PathBuf>, Problem> {
    let found: Vec<PathBuf> = CONFIG_FILE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        [first, second, ..] => Err(Problem::new(
            ProblemCode::Config,
            format!(
                "both `{}` and `{}` exist",
                first.to_string_lossy().replace('\\', "/"),
                second.to_string_lossy().replace('\\', "/")
            ),
        )
        .in_file(second.to_string_lossy().replace('\\', "/"))
        .help("keep one of them")),
    }
}

fn is_inventory_file(path: &Path) -> bool {
    let ext_ok = matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("yaml" | "yml" | "json")
    );
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    ext_ok && !CONFIG_FILE_NAMES.contains(&name)
}

fn display_path(root: &Path, rel: &Path) -> String {
    let joined = if rel.as_os_str().is_empty() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    joined.to_string_lossy().replace('\\', "/")
}

/// Finds the inventory files below `root` (or `root` itself), in path order.
fn discover(root: &Path, opts: &LoadOptions, problems: &mut Vec<Problem>) -> Vec<(PathBuf, String)> {
    let shown = root.to_string_lossy().to_string();
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            problems.push(
                Problem::new(ProblemCode::NotFound, format!("`{shown}` does not exist"))
                    .in_file(shown)
                    .help("give the path of an inventory directory or file"),
            );
            return Vec::new();
        }
        Err(e) => {
            problems.push(
                Problem::new(ProblemCode::Io, format!("cannot read `{shown}`: {e}"))
                    .in_file(shown)
                    .help("check the path and its permissions"),
            );
            return Vec::new();
        }
    };
    if meta.is_file() {
        return vec![(root.to_path_buf(), shown)];
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            // Hidden directories (.git, .terraform) are not inventory.
            e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Ok(e) => {
                let name = e.file_name().to_str().unwrap_or_default();
                if e.depth() > 1 && e.file_type().is_file() && CONFIG_FILE_NAMES.contains(&name) {
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                    problems.push(
                        Problem::new(
                            ProblemCode::Config,
                            format!("`{name}` below the inventory root is not read"),
                        )
                        .in_file(display_path(root, rel))
                        .help(format!(
                            "sansho reads the {name} at the root of the inventory given (`{shown}`): move it there, check that directory on its own, or give the file with --config"
                        )),
                    );
                }
                if e.file_type().is_file() && is_inventory_file(e.path()) {
                    if files.len() >= opts.max_files {
                        problems.push(
                            Problem::new(
                                ProblemCode::TooManyFiles,
                                format!("the inventory has more than {} files", opts.max_files),
                            )
                            .in_file(shown.clone())
                            .help("check the path, or raise the limit with --max-files"),
                        );
                        break;
                    }
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                    files.push((e.path().to_path_buf(), display_path(root, rel)));
                }
            }
            Err(err) => {
                let at = err
                    .path()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_else(|| shown.clone());
                if let Some(ancestor) = err.loop_ancestor() {
                    problems.push(
                        Problem::new(
                            ProblemCode::SymlinkLoop,
                            format!(
                                "symbolic link loop: `{at}` leads back to `{}`",
                                ancestor.to_string_lossy()
                            ),
                        )
                        .in_file(at)
                        .help("remove the link or point it outside the inventory"),
                    );
                } else {
                    problems.push(
                        Problem::new(ProblemCode::Io, format!("cannot read `{at}`: {err}"))
                            .in_file(at)
                            .help("check the path and its permissions"),
                    );
                }
            }
        }
    }
    files
}

/// 1-based line and column of a byte offset.
pub fn pos_of_offset(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before.get(line_start..).map(|s| s.chars().count()).unwrap_or(0) + 1;
    Pos {
        offset: u32::try_from(offset).unwrap_or(u32::MAX),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

/// Decodes a file's bytes, explaining what to do when they are not UTF-8.
pub(crate) fn decode(bytes: Vec<u8>, shown: &str) -> Result<String, Problem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Problem::new(ProblemCode::NotUtf8, "the file is UTF-16; sansho reads UTF-8 only")
                .in_file(shown)
                .help(format!(
                    "convert it: iconv -f UTF-16 -t UTF-8 '{shown}' > converted.yaml"
                )),
        );
    }
    match String::from_utf8(bytes) {
        Ok(s) => match s.find('\0') {
            None => Ok(s),
            Some(at) => {
                // Valid UTF-8 with NUL bytes: UTF-16 without a byte order mark (every other
                // byte of ASCII text is 0), or a binary file. YAML and JSON allow no NUL.
                let pos = pos_of_offset(&s, at);
                let nuls = s.bytes().filter(|b| *b == 0).count();
                if nuls * 4 >= s.len() {
                    Err(Problem::new(
                        ProblemCode::NotUtf8,
                        "the file looks like UTF-16 without a byte order mark (every other byte is 0); sansho reads UTF-8 only",
                    )
                    .at(Location::new(shown, pos))
                    .help(format!("convert it: iconv -f UTF-16LE -t UTF-8 '{shown}' > converted.yaml")))
                } else {
                    Err(Problem::new(
                        ProblemCode::Syntax,
                        format!(
                            "the file contains a NUL byte (line {}, column {})",
                            pos.line, pos.column
                        ),
                    )
                    .at(Location::new(shown, pos))
                    .help("remove the NUL byte; YAML and JSON text cannot contain one (is this a binary file?)"))
                }
            }
        },
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default()).to_string();
            let pos = pos_of_offset(&prefix, valid);
            let sjis = looks_like_shift_jis(bytes.get(valid..).unwrap_or_default());
            Err(Problem::new(
                ProblemCode::NotUtf8,
                format!(
                    "the file is not UTF-8 (invalid byte 0x{:02X} at line {}){}",
                    bytes.get(valid).copied().unwrap_or(0),
                    pos.line,
                    if sjis { "; it looks like Shift_JIS" } else { "" }
                ),
            )
            .at(Location::new(shown, pos))
            .help(format!(
                "convert it to UTF-8, e.g. iconv -f SHIFT_JIS -t UTF-8 '{shown}' > converted.yaml (Excel: save as \"CSV UTF-8\" or YAML in UTF-8)"
            )))
        }
    }
}

/// A cheap test: lead bytes of Shift_JIS double-byte characters followed by valid trail bytes.
fn looks_like_shift_jis(b: &[u8]) -> bool {
    let mut pairs = 0;
    let mut i = 0;
    while i + 1 < b.len() && i < 64 {
        let (l, t) = (b[i], b[i + 1]);
        if (0x81..=0x9F).contains(&l) || (0xE0..=0xFC).contains(&l) {
            if (0x40..=0xFC).contains(&t) && t != 0x7F {
                pairs += 1;
                i += 2;
                continue;
            }
            return false;
        }
        i += 1;
    }
    pairs > 0
}

/// Parses one file's text into documents, turning parser errors into problems.
/// `each` is called on every document as soon as it is parsed.
fn parse_file(
    text: &str,
    shown: &str,
    is_json: bool,
    limits: &yaml::Limits,
    each: &mut dyn FnMut(&mut yaml::Document),
) -> Result<Vec<yaml::Document>, Problem> {
    let parsed = if is_json {
        yaml::parse_json(text, limits).map(|mut docs| {
            docs.iter_mut().for_each(&mut *each);
            docs
        })
    } else {
        yaml::parse_yaml_each(text, limits, each)
    };
    parsed.map_err(|e| {
        let at = Location::new(shown, e.pos);
        let (code, help) = match &e.kind {
            YamlErrorKind::Syntax(_) => (
                ProblemCode::Syntax,
                "fix the syntax at this position (indentation with spaces, a space after `:`, quotes closed)".to_string(),
            ),
            YamlErrorKind::DuplicateKey { .. } => (
                ProblemCode::DuplicateKey,
                "keep one of the two entries; YAML does not allow a key twice in one mapping".to_string(),
            ),
            YamlErrorKind::TooDeep { limit } => (
                ProblemCode::TooDeep,
                format!("inventory documents do not nest deeper than {limit} levels; check the file is the one you meant"),
            ),
            YamlErrorKind::TooManyNodes { limit } => (
                ProblemCode::TooManyNodes,
                format!("the file expands to more than {limit} values (an alias bomb or a generated file); split it or remove the aliases"),
            ),
            YamlErrorKind::UnknownAlias(_) => (
                ProblemCode::Syntax,
                "define the anchor (&name) before using the alias (*name)".to_string(),
            ),
            YamlErrorKind::UnsupportedTag(_) => (
                ProblemCode::UnsupportedValue,
                "remove the tag; sansho reads plain YAML values".to_string(),
            ),
            YamlErrorKind::ComplexKey => (
                ProblemCode::Syntax,
                "use a plain string as the key".to_string(),
            ),
            YamlErrorKind::NotRepresentable(_) => (
                ProblemCode::UnsupportedValue,
                "use a finite number, or quote the value to make it a string".to_string(),
            ),
        };
        let mut p = Problem::new(code, e.to_string()).at(at).help(help);
        if let YamlErrorKind::DuplicateKey { first, .. } = &e.kind {
            p = p.related(Location::new(shown, *first));
        }
        p
    })
}

/// Loads and validates the inventory at `root` (a directory or a single file).
pub fn load(root: &Path, opts: &LoadOptions) -> Result<Inventory, LoadFailure> {
    load_many(&[root.to_path_buf()], opts)
}

/// Loads several roots (the inventory, extra waiver files) as one inventory: names are
/// unique across all of them.
pub fn load_many(roots: &[PathBuf], opts: &LoadOptions) -> Result<Inventory, LoadFailure> {
    let mut problems = Vec::new();
    let mut inv = Inventory::default();
    let mut files = Vec::new();
    for root in roots {
        let found = discover(root, opts, &mut problems);
        if found.is_empty() && problems.is_empty() {
            problems.push(
                Problem::new(
                    ProblemCode::EmptyFile,
                    format!("no .yaml, .yml or .json file found in `{}`", root.to_string_lossy()),
                )
                .in_file(root.to_string_lossy().to_string())
                .help("point sansho at the directory that holds the inventory"),
            );
        }
        files.extend(found);
    }
    let mut first_seen: HashMap<(Kind, String), Location> = HashMap::new();
    let mut pending = Vec::new();
    files.dedup_by(|a, b| a.0 == b.0);
    // Reading, decoding, hashing and parsing are independent per file: done on `workers`
    // threads over contiguous runs of files; names, duplicates and schemas are then checked
    // in path order, so the outcome does not depend on the number of threads.
    let read = read_files(&files, opts);
    // Room for every document at once: growing by doubling held up to twice their size.
    let docs: usize = read
        .iter()
        .map(|f| match f {
            ReadFile::Parsed { parsed: Ok(d), .. } => d.len(),
            _ => 0,
        })
        .sum();
    inv.documents.reserve_exact(docs);
    for (f, (_, shown)) in read.into_iter().zip(&files) {
        if problems.len() >= opts.max_problems {
            break;
        }
        let mut st = LoadState {
            inv: &mut inv,
            first_seen: &mut first_seen,
            problems: &mut problems,
            pending: &mut pending,
        };
        add_read_file(f, shown, &mut st);
    }
    finish(&mut inv, pending, &mut first_seen, &mut problems, opts.workers);
    if problems.is_empty() {
        Ok(inv)
    } else {
        let total = problems.len();
        problems.truncate(opts.max_problems);
        if total > opts.max_problems {
            problems.push(Problem::new(
                ProblemCode::Config,
                format!("… more problems not shown (limit {})", opts.max_problems),
            ));
        }
        Err(LoadFailure {
            problems: Problems(problems),
            sources: inv.sources,
        })
    }
}

/// What loading accumulates while it reads files.
struct LoadState<'a> {
    inv: &'a mut Inventory,
    first_seen: &'a mut HashMap<(Kind, String), Location>,
    problems: &'a mut Vec<Problem>,
    /// Files that are neither inventory nor a recognised configuration: data for a
    /// `Configuration` document that names them, or errors once every file is read.
    pending: &'a mut Vec<Pending>,
}

/// A file no format claims yet.
struct Pending {
    file: FileId,
    shown: String,
    docs: Vec<yaml::Document>,
    /// Where its problems go in the list (so that problems stay in file order).
    at: usize,
}

/// One file after the parallel phase.
enum ReadFile {
    Failed(Problem),
    Parsed {
        sha256: String,
        /// The text, unless it was let go after parsing: then where to read it again.
        text: Result<Arc<str>, PathBuf>,
        parsed: Result<Vec<yaml::Document>, Problem>,
        /// Per document (empty when the file did not parse).
        prepared: Vec<Option<Prepared>>,
    },
}

/// A system, asset or contract checked against its schema on a reading thread, and converted
/// for the policies there when [`LoadOptions::prepare_input`] asks (its JSON then keeps only
/// the envelope). The envelope's own checks (name, duplicates) are made in file order as for
/// any other document.
///
/// Its position tree is cut to the same envelope when the document can be parsed again alone
/// ([`yaml::spans_stand_alone`]): the rest is found again by [`Inventory::positions`] for the
/// few documents a finding points into. Most of a large inventory's positions are never read,
/// and held they took more memory than the policies' input.
#[derive(Debug)]
struct Prepared {
    kind: Kind,
    schema: Result<Vec<schema::Violation>, Problem>,
    input: Option<regorus::Value>,
    cut: Option<Box<Cut>>,
}

/// How to find the positions cut from a prepared document: parse its span of the file again.
#[derive(Debug, Clone)]
struct Cut {
    span: yaml::Span,
    json: bool,
    limits: yaml::Limits,
    /// The whole tree, once asked for.
    full: std::sync::OnceLock<PosNode>,
}

/// The position tree of a document's envelope, as [`crate::eval::envelope`] keeps its JSON:
/// `apiVersion`, `kind`, `metadata`, and `spec` with only `configurations`.
fn envelope_pos(node: PosNode) -> PosNode {
    let PosNode { pos, children } = node;
    let yaml::Children::Map(entries) = children else {
        return PosNode { pos, children };
    };
    let kept = entries
        .into_iter()
        .filter_map(|(k, v)| match &*k {
            "apiVersion" | "kind" | "metadata" => Some((k, v)),
            "spec" => {
                let PosNode { pos, children } = v;
                let yaml::Children::Map(spec) = children else {
                    return None;
                };
                let links = spec.into_iter().find(|(k, _)| &**k == "configurations")?;
                Some((
                    k,
                    PosNode {
                        pos,
                        children: yaml::Children::Map(vec![links]),
                    },
                ))
            }
            _ => None,
        })
        .collect();
    PosNode {
        pos,
        children: yaml::Children::Map(kept),
    }
}

/// `cut`: the file's format and limits when its documents can be parsed again alone.
/// `convert`: whether to convert it for the policies ([`LoadOptions::prepare_input`]).
fn prepare_document(
    d: &mut yaml::Document,
    strings: &mut Interner,
    cut: Option<(bool, yaml::Limits)>,
    convert: bool,
) -> Option<Prepared> {
    let v = &d.value;
    if v.get("apiVersion").and_then(|a| a.as_str()) != Some("sansho/v1") {
        return None;
    }
    let named = v.get("kind").and_then(|k| k.as_str());
    let kind = crate::eval::TAKEN_KINDS
        .into_iter()
        .find(|k| named == Some(k.as_str()))?;
    let schema = schema::validate(kind, v);
    let valid = matches!(&schema, Ok(violations) if violations.is_empty());
    let input = (valid && convert).then(|| {
        let input = strings.value(&d.value);
        d.value = crate::eval::envelope(std::mem::take(&mut d.value));
        input
    });
    let cut = match cut {
        Some((json, limits)) if valid => {
            d.pos = envelope_pos(std::mem::take(&mut d.pos));
            Some(Box::new(Cut {
                // Set when the document is checked: its end is known once the next one starts.
                span: yaml::Span::default(),
                json,
                limits,
                full: std::sync::OnceLock::new(),
            }))
        }
        _ => None,
    };
    Some(Prepared {
        kind,
        schema,
        input,
        cut,
    })
}

fn read_file(path: &Path, shown: &str, opts: &LoadOptions, strings: &mut Interner) -> ReadFile {
    let meta = std::fs::metadata(path);
    let size = meta.as_ref().map(|m| m.len()).unwrap_or(0);
    // Only a regular file can be read again for its text (not a pipe such as `<(…)`).
    let again = meta.is_ok_and(|m| m.is_file()).then_some(path);
    if size > opts.max_file_bytes {
        return ReadFile::Failed(
            Problem::new(
                ProblemCode::TooLarge,
                format!(
                    "the file is {size} bytes, over the limit of {} bytes",
                    opts.max_file_bytes
                ),
            )
            .in_file(shown)
            .help("split the file, or raise the limit with --max-file-size"),
        );
    }
    match std::fs::read(path) {
        Ok(bytes) => parse_bytes(bytes, shown, opts, strings, again),
        Err(e) => ReadFile::Failed(
            Problem::new(ProblemCode::Io, format!("cannot read the file: {e}"))
                .in_file(shown)
                .help("check its permissions"),
        ),
    }
}

/// Decodes, hashes and parses one file, and prepares its documents (`strings` is the reading
/// thread's).
///
/// The text of a file read from `origin` is let go once parsed when nothing while loading
/// needs it again (see [`text_needed_after_parsing`]): it is read again only if a position or
/// a snippet is asked for.
fn parse_bytes(
    bytes: Vec<u8>,
    shown: &str,
    opts: &LoadOptions,
    strings: &mut Interner,
    origin: Option<&Path>,
) -> ReadFile {
    let sha256 = crate::source::sha256_hex(&bytes);
    let text: Arc<str> = match decode(bytes, shown) {
        Ok(t) => Arc::from(t),
        Err(p) => return ReadFile::Failed(p),
    };
    let is_json = shown.to_ascii_lowercase().ends_with(".json");
    let cut = (opts.positions_on_demand && yaml::spans_stand_alone(&text)).then_some((is_json, opts.yaml));
    // Each document is checked (and converted) as soon as it is parsed, so a file's documents
    // are not all held at full size at once.
    let mut prepared = Vec::new();
    let mut prepare = |d: &mut yaml::Document| prepared.push(prepare_document(d, strings, cut, opts.prepare_input));
    let parsed = parse_file(&text, shown, is_json, &opts.yaml, &mut prepare);
    if parsed.is_err() {
        prepared.clear();
    }
    let text = match (origin, &parsed) {
        (Some(origin), Ok(docs)) if !text_needed_after_parsing(docs) => Err(origin.to_path_buf()),
        _ => Ok(text),
    };
    ReadFile::Parsed {
        sha256,
        text,
        parsed,
        prepared,
    }
}

/// Whether adding a file's documents to the inventory reads its text: to report an empty file,
/// to take resources out of a configuration format, or for a file with no sansho document
/// (data a Configuration document may name). [`add_read_file`] decides the same way (were the
/// two to differ, the text would only be read again).
fn text_needed_after_parsing(docs: &[yaml::Document]) -> bool {
    docs.is_empty() || configuration::recognise(docs) != Recognised::Other || is_foreign(docs)
}

/// Not one document says it is sansho's.
fn is_foreign(docs: &[yaml::Document]) -> bool {
    docs.iter().all(|d| {
        !d.value
            .get("apiVersion")
            .and_then(|a| a.as_str())
            .is_some_and(|a| a.starts_with("sansho"))
    })
}

/// Reads and parses `files` on up to `opts.workers` threads, in order.
///
/// Each thread takes the next file not yet taken (files differ in size by an order of magnitude:
/// fixed halves left one thread idle for a third of the phase); the results are put back in
/// file order, so nothing downstream depends on which thread read what.
fn read_files(files: &[(PathBuf, String)], opts: &LoadOptions) -> Vec<ReadFile> {
    // Strings are shared within a thread (values compare by content).
    crate::threads::each_taking_next(files, opts.workers, Interner::default, |strings, (p, shown)| {
        read_file(p, shown, opts, strings)
    })
    .into_iter()
    .zip(files)
    .map(|(read, (_, shown))| {
        // A thread that panicked leaves its files unread.
        read.unwrap_or_else(|| {
            ReadFile::Failed(
                Problem::new(ProblemCode::Io, "reading the file stopped unexpectedly").in_file(shown.as_str()),
            )
        })
    })
    .collect()
}

/// Loads an inventory from in-memory files `(shown path, bytes)` — test fixtures embedded in
/// the binary, or inventories an embedder already holds.
pub fn load_files(files: Vec<(String, Vec<u8>)>, opts: &LoadOptions) -> Result<Inventory, LoadFailure> {
    let mut problems = Vec::new();
    let mut inv = Inventory::default();
    let mut first_seen = HashMap::new();
    let mut pending = Vec::new();
    let mut strings = Interner::default();
    for (shown, bytes) in files {
        if bytes.len() as u64 > opts.max_file_bytes {
            problems.push(Problem::new(ProblemCode::TooLarge, "the file is over the size limit").in_file(shown));
            continue;
        }
        let mut st = LoadState {
            inv: &mut inv,
            first_seen: &mut first_seen,
            problems: &mut problems,
            pending: &mut pending,
        };
        add_read_file(parse_bytes(bytes, &shown, opts, &mut strings, None), &shown, &mut st);
    }
    finish(&mut inv, pending, &mut first_seen, &mut problems, opts.workers);
    if problems.is_empty() {
        Ok(inv)
    } else {
        Err(LoadFailure {
            problems: Problems(problems),
            sources: inv.sources,
        })
    }
}

fn add_read_file(f: ReadFile, shown: &str, st: &mut LoadState) {
    let LoadState {
        inv,
        first_seen,
        problems,
        pending,
    } = st;
    let (sha256, text, parsed, prepared) = match f {
        ReadFile::Failed(p) => {
            problems.push(p);
            return;
        }
        ReadFile::Parsed {
            sha256,
            text,
            parsed,
            prepared,
        } => (sha256, text, parsed, prepared),
    };
    let file = match text {
        Ok(text) => inv.sources.add_hashed(shown.to_string(), sha256, text),
        Err(origin) => inv.sources.add_released(shown.to_string(), sha256, origin),
    };
    // The text, for the two uses below. A file whose text was let go is not reached here
    // (`text_needed_after_parsing` decides as this function does); were it, its text would be
    // read again through the source map, not taken as empty.
    let text_of = |inv: &Inventory| -> Arc<str> {
        inv.sources
            .get(file)
            .and_then(crate::source::SourceFile::text)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    };
    let docs = match parsed {
        Ok(d) => d,
        Err(p) => {
            problems.push(p);
            return;
        }
    };
    if docs.is_empty() {
        problems.push(
            Problem::new(ProblemCode::EmptyFile, "the file holds no document")
                .at(Location::new(shown, pos_of_offset(&text_of(inv), 0)))
                .help("add a document (apiVersion, kind, metadata, spec) or delete the file"),
        );
        return;
    }
    let recognised = configuration::recognise(&docs);
    if recognised != Recognised::Other {
        let mut seen: HashMap<String, Pos> = HashMap::new();
        let text = text_of(inv);
        for item in configuration::items(recognised, &docs, &text, shown) {
            if let Some(first) = seen.get(&item.address) {
                problems.push(
                    Problem::new(
                        ProblemCode::DuplicateName,
                        format!("`{}` is defined twice in this file", item.address),
                    )
                    .at(Location::new(shown, item.pos.pos))
                    .related(Location::new(shown, *first))
                    .help("keep one of them; a file holds each resource once"),
                );
                continue;
            }
            seen.insert(item.address.clone(), item.pos.pos);
            inv.push(Document {
                kind: Kind::Configuration,
                name: item.address,
                file,
                value: item.value,
                pos: item.pos,
                input: None,
                cut: None,
            });
        }
        return;
    }
    // Not one document says it is sansho's: maybe data a Configuration document names.
    if is_foreign(&docs) {
        pending.push(Pending {
            file,
            shown: shown.to_string(),
            docs,
            at: problems.len(),
        });
        return;
    }
    let mut prepared = prepared.into_iter();
    for doc in docs {
        if let Some(d) = check_document(doc, prepared.next().flatten(), file, shown, first_seen, problems) {
            inv.push(d);
        }
    }
}

/// `a/./b/../c` → `a/c` (lexically; a leading `..` is kept).
fn normalise_path(p: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." if out.last().is_some_and(|l| *l != "..") => {
                out.pop();
            }
            _ => out.push(part),
        }
    }
    let joined = out.join("/");
    if p.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `rel` resolved against the directory of the file shown as `file`.
fn resolve_beside(file: &str, rel: &str) -> String {
    if rel.starts_with('/') {
        return normalise_path(rel);
    }
    let dir = file.rfind('/').map(|i| &file[..i]).unwrap_or("");
    normalise_path(&format!("{dir}/{rel}"))
}

/// `*` matches any run of characters.
fn wildcard(pattern: &str, s: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == s;
    };
    let Some(mut rest) = s.strip_prefix(first) else {
        return false;
    };
    for m in middle {
        match rest.find(m) {
            Some(i) => rest = &rest[i + m.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// After every file is read: Configuration documents take their data (inline or a pending
/// file), files nobody claims become the usual inventory errors, and System links
/// (`spec.configurations`) are resolved into each item's `systems`.
fn finish(
    inv: &mut Inventory,
    pending: Vec<Pending>,
    first_seen: &mut HashMap<(Kind, String), Location>,
    problems: &mut Vec<Problem>,
    workers: usize,
) {
    let mut pending: Vec<Option<Pending>> = pending.into_iter().map(Some).collect();
    let shown_of = |inv: &Inventory, id: FileId| inv.sources.get(id).map(|f| f.display.clone()).unwrap_or_default();
    for i in 0..inv.documents.len() {
        let Some(d) = inv.documents.get(i) else { continue };
        // Only the Configuration documents themselves (items already have their shape).
        if d.kind != Kind::Configuration || d.value.get("apiVersion").and_then(|a| a.as_str()) != Some("sansho/v1") {
            continue;
        }
        let wrapper_file = shown_of(inv, d.file);
        let at = |path: &[&str]| Location::new(&wrapper_file, d.pos.lookup(&segs(path)).0);
        let (item, file) = if let Some(data) = d.value.pointer("/spec/data") {
            let (_, data_pos) = descend(&d.pos, &segs(&["spec", "data"]));
            (
                configuration::generic_item(&d.value, data, &data_pos, &wrapper_file),
                d.file,
            )
        } else {
            let rel = d
                .value
                .pointer("/spec/path")
                .and_then(|p| p.as_str())
                .unwrap_or_default();
            let target = resolve_beside(&wrapper_file, rel);
            let slot = pending
                .iter_mut()
                .find(|p| p.as_ref().is_some_and(|p| normalise_path(&p.shown) == target));
            match slot.and_then(Option::take) {
                Some(p) => {
                    let non_null: Vec<&yaml::Document> = p.docs.iter().filter(|d| !d.value.is_null()).collect();
                    let (data, data_pos) = match non_null.as_slice() {
                        [one] => (one.value.clone(), one.pos.clone()),
                        many => (
                            serde_json::Value::Array(many.iter().map(|d| d.value.clone()).collect()),
                            yaml::PosNode {
                                pos: many.first().map(|d| d.pos.pos).unwrap_or_default(),
                                children: yaml::Children::Seq(many.iter().map(|d| d.pos.clone()).collect()),
                            },
                        ),
                    };
                    (
                        configuration::generic_item(&d.value, &data, &data_pos, &p.shown),
                        p.file,
                    )
                }
                None => {
                    let known = inv.sources.files().iter().any(|f| normalise_path(&f.display) == target);
                    let (msg, help) = if known {
                        (
                            format!("`{target}` is already read: as inventory, as a recognised configuration, or by another Configuration document"),
                            "Terraform plans and states and Kubernetes manifests need no Configuration document; a file is wrapped by one document at most",
                        )
                    } else {
                        (
                            format!("no YAML or JSON file `{target}` in the inventory tree"),
                            "the path is relative to this document's directory and must name a .yaml, .yml or .json file below the inventory root",
                        )
                    };
                    problems.push(
                        Problem::new(ProblemCode::UnknownReference, msg)
                            .at(at(&["spec", "path"]))
                            .help(help),
                    );
                    continue;
                }
            }
        };
        if let Some(doc) = inv.documents.get_mut(i) {
            doc.value = item.value;
            doc.pos = item.pos;
            doc.file = file;
        }
    }
    // Files nobody claimed: the errors they would have given as inventory, in file order.
    let mut unclaimed: Vec<Pending> = pending.into_iter().flatten().collect();
    unclaimed.sort_by_key(|p| std::cmp::Reverse(p.at));
    let mut blocks = Vec::new();
    for p in unclaimed {
        let mut own = Vec::new();
        let mut docs = Vec::new();
        for doc in p.docs {
            if let Some(d) = check_document(doc, None, p.file, &p.shown, first_seen, &mut own) {
                docs.push(d);
            }
        }
        for d in docs {
            inv.push(d);
        }
        blocks.push((p.at, own));
    }
    for (at, own) in blocks {
        let at = at.min(problems.len());
        problems.splice(at..at, own);
    }
    link_systems(inv, problems);
    check_references(inv, problems, workers);
    check_date_order(inv, problems);
    check_disclosure_questions(inv, problems);
}

/// Every MDS/SDS answer names a question of sansho's list: an answer to an unknown id would
/// drop its evidence from the matrix and from the rules that read it, silently.
fn check_disclosure_questions(inv: &Inventory, problems: &mut Vec<Problem>) {
    let contracts: Vec<&Document> = inv.documents.iter().filter(|d| d.kind == Kind::Contract).collect();
    if contracts.is_empty() {
        return;
    }
    let qs = match crate::disclosure::questions() {
        Ok(q) => q,
        Err(p) => {
            problems.push(p);
            return;
        }
    };
    let known: std::collections::HashSet<&str> = qs.questions.iter().map(|q| q.id.as_str()).collect();
    let keys = HashMap::new();
    for d in contracts {
        let node = Node::of(d);
        let path = ["spec", "disclosures", "*", "answers", "*", "question"];
        names_at(node, &path, &keys, &mut Vec::new(), &mut |at, id| {
            if known.contains(id) {
                return;
            }
            problems.push(
                Problem::new(
                    ProblemCode::UnknownReference,
                    format!(
                        "Contract `{}` answers MDS/SDS question `{id}`, which sansho's list does not have",
                        d.name
                    ),
                )
                .at(inv.locate(d, at))
                .help(format!(
                    "use an id of policies/catalog/mds_sds_questions.yaml ({} …); `sansho disclosure` drafts the list",
                    qs.questions
                        .iter()
                        .take(3)
                        .map(|q| q.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        });
    }
}

/// Dates of one document that must come in order: (kind, earlier, later).
const DATE_ORDER: &[(Kind, &[&str], &[&str])] = &[
    (
        Kind::Contract,
        &["spec", "term", "start_on"],
        &["spec", "term", "end_on"],
    ),
    (Kind::Attestation, &["spec", "attested_on"], &["spec", "valid_until"]),
    (Kind::Waiver, &["spec", "approved_on"], &["spec", "expires"]),
];

/// A contract that ends before it starts (and the like) is a slip of the pen: every rule
/// reading the period would judge it by whichever end it reads.
fn check_date_order(inv: &Inventory, problems: &mut Vec<Problem>) {
    let no_keys = HashMap::new();
    for d in &inv.documents {
        for (_, from, to) in DATE_ORDER.iter().filter(|(k, _, _)| *k == d.kind) {
            let node = Node::of(d);
            let at = |path: &[&str]| {
                path.iter()
                    .try_fold(node, |n, k| n.get(k, &no_keys))
                    .and_then(Node::str)
            };
            // Both are validated YYYY-MM-DD dates: text order is date order.
            if let (Some(a), Some(b)) = (at(from), at(to)) {
                if b < a {
                    let (fk, tk) = (from.join("."), to.join("."));
                    problems.push(
                        Problem::new(
                            ProblemCode::InvalidDate,
                            format!("{} `{}`: `{tk}` ({b}) is before `{fk}` ({a})", d.kind.as_str(), d.name),
                        )
                        .at(inv.locate(d, &segs(to)))
                        .help(format!("`{tk}` is the later date; check both for a slip")),
                    );
                }
            }
        }
    }
}

/// The names one document gives of others: (kind, path to the name, `*` for each element of
/// a list, the kind named).
const REFERENCES: &[(Kind, &[&str], Kind)] = &[
    (Kind::System, &["spec", "vendor"], Kind::Organization),
    (Kind::System, &["spec", "operator"], Kind::Organization),
    (Kind::System, &["spec", "contracts", "*"], Kind::Contract),
    (Kind::System, &["spec", "assets", "*"], Kind::Asset),
    (
        Kind::System,
        &["spec", "remote_maintenance", "vendor"],
        Kind::Organization,
    ),
    (
        Kind::System,
        &["spec", "remote_maintenance", "devices", "*"],
        Kind::Asset,
    ),
    (Kind::Asset, &["spec", "systems", "*"], Kind::System),
    (
        Kind::Asset,
        &["spec", "remote_maintenance", "vendor"],
        Kind::Organization,
    ),
    (
        Kind::Contract,
        &["spec", "parties", "*", "organization"],
        Kind::Organization,
    ),
    (Kind::Contract, &["spec", "systems", "*"], Kind::System),
];

/// Every name a document gives of another (see [`REFERENCES`], and an Attestation's
/// `spec.subject`) must be a document of that kind in the inventory, when it has any of that
/// kind: a misspelt system name on an asset would otherwise take the asset out of every check
/// that follows the link, and pass silently.
fn check_references(inv: &Inventory, problems: &mut Vec<Problem>, workers: usize) {
    let mut names: HashMap<Kind, std::collections::HashSet<&str>> = HashMap::new();
    for d in &inv.documents {
        names.entry(d.kind).or_default().insert(d.name.as_str());
    }
    // The keys of the paths as regorus values, made once (a lookup in a converted document
    // takes a value).
    let keys: HashMap<&str, regorus::Value> = REFERENCES
        .iter()
        .flat_map(|(_, path, _)| path.iter())
        .filter(|k| **k != "*")
        .map(|k| (*k, regorus::Value::from(*k)))
        .collect();
    // Per dangling name: the document, where, the name, the kind it should be. Documents are
    // walked in chunks on the loading threads (a tenth of a second's walk at 10 000 systems),
    // the results kept in document order.
    let chunks: Vec<&[Document]> = inv.documents.chunks(1024).collect();
    let found = crate::threads::each_taking_next(&chunks, workers, || (), |_, chunk| dangling_in(chunk, &names, &keys));
    // A chunk whose thread panicked is walked again here rather than passed unchecked.
    let dangling: Vec<Dangling> = found
        .into_iter()
        .zip(&chunks)
        .flat_map(|(f, chunk)| f.unwrap_or_else(|| dangling_in(chunk, &names, &keys)))
        .collect();
    let mut sorted: HashMap<Kind, Vec<&str>> = HashMap::new();
    for (i, (d, path, name, target)) in dangling.into_iter().enumerate() {
        let known = sorted.entry(target).or_insert_with(|| {
            let mut v: Vec<&str> = names.get(&target).into_iter().flatten().copied().collect();
            v.sort_unstable();
            v
        });
        // The closest name, for the first problems only: a file of thousands of dangling
        // names must not cost a comparison with every name for each.
        let near = (i < 100)
            .then(|| {
                known
                    .iter()
                    .map(|k| (strsim::levenshtein(k, name), *k))
                    .filter(|(dist, k)| *dist <= 2.max(k.len() / 4))
                    .min()
            })
            .flatten();
        let help = match near {
            Some((_, k)) => format!(
                "did you mean `{k}`? Names are the metadata.name of {} documents",
                target.as_str()
            ),
            None => {
                let shown: Vec<String> = known.iter().take(5).map(|k| format!("`{k}`")).collect();
                format!(
                    "add the {} `{name}` to the inventory, or correct the name (the inventory has {}{})",
                    target.as_str(),
                    shown.join(", "),
                    if known.len() > 5 {
                        format!(" and {} more", known.len() - 5)
                    } else {
                        String::new()
                    }
                )
            }
        };
        problems.push(
            Problem::new(
                ProblemCode::UnknownReference,
                format!(
                    "{} `{}` names {} `{name}`, which is not in the inventory",
                    d.kind.as_str(),
                    d.name,
                    target.as_str()
                ),
            )
            .at(inv.locate(d, &path))
            .help(help),
        );
    }
}

/// A dangling name: the document, where in it, the name, the kind it should be.
type Dangling<'a> = (&'a Document, Vec<Seg>, &'a str, Kind);

/// The names in `docs` of documents that are not in `names` (see [`check_references`]).
fn dangling_in<'a>(
    docs: &'a [Document],
    names: &HashMap<Kind, std::collections::HashSet<&str>>,
    keys: &HashMap<&str, regorus::Value>,
) -> Vec<Dangling<'a>> {
    let mut dangling: Vec<Dangling<'a>> = Vec::new();
    for d in docs {
        let node = Node::of(d);
        for (_, path, target) in REFERENCES.iter().filter(|(k, _, _)| *k == d.kind) {
            // An inventory that describes no document of the kind (systems without an
            // asset ledger yet) cannot be held to it: what is missing there is for the
            // rules to say (SNS-ORG-002 for the ledger).
            let Some(known) = names.get(target) else { continue };
            names_at(node, path, keys, &mut Vec::new(), &mut |at, name| {
                if !known.contains(name) {
                    dangling.push((d, at.to_vec(), name, *target));
                }
            });
        }
        if d.kind == Kind::Attestation {
            let subject = d.value.pointer("/spec/subject");
            let kind = subject.and_then(|s| s.get("kind")).and_then(|k| k.as_str());
            let name = subject.and_then(|s| s.get("name")).and_then(|n| n.as_str());
            if let (Some(kind), Some(name)) = (kind.and_then(|k| Kind::ALL.iter().find(|x| x.as_str() == k)), name) {
                if names.get(kind).is_some_and(|known| !known.contains(name)) {
                    dangling.push((d, segs(&["spec", "subject", "name"]), name, *kind));
                }
            }
        }
    }
    dangling
}

/// A document's value as loaded (JSON) or as already converted for the policies.
#[derive(Clone, Copy)]
enum Node<'a> {
    Json(&'a serde_json::Value),
    Rego(&'a regorus::Value),
}

impl<'a> Node<'a> {
    /// A document's value: systems, assets and contracts prepared for the policies keep only
    /// their envelope as JSON, the rest in their converted value.
    fn of(d: &'a Document) -> Node<'a> {
        match &d.input {
            Some(v) => Node::Rego(v),
            None => Node::Json(&d.value),
        }
    }

    /// `keys`: the key as a regorus value, when made beforehand.
    fn get(self, key: &str, keys: &HashMap<&str, regorus::Value>) -> Option<Node<'a>> {
        match self {
            Node::Json(v) => v.get(key).map(Node::Json),
            Node::Rego(regorus::Value::Object(m)) => match keys.get(key) {
                Some(k) => m.get(k).map(Node::Rego),
                None => m.get(&regorus::Value::from(key)).map(Node::Rego),
            },
            Node::Rego(_) => None,
        }
    }

    fn items(self) -> Vec<Node<'a>> {
        match self {
            Node::Json(serde_json::Value::Array(a)) => a.iter().map(Node::Json).collect(),
            Node::Rego(regorus::Value::Array(a)) => a.iter().map(Node::Rego).collect(),
            _ => Vec::new(),
        }
    }

    fn str(self) -> Option<&'a str> {
        match self {
            Node::Json(v) => v.as_str(),
            Node::Rego(regorus::Value::String(s)) => Some(s),
            Node::Rego(_) => None,
        }
    }
}

/// Calls `found` with each string at `path` below `v` (`*`: every element of a list) and
/// where it is.
fn names_at<'a>(
    v: Node<'a>,
    path: &[&str],
    keys: &HashMap<&str, regorus::Value>,
    at: &mut Vec<Seg>,
    found: &mut dyn FnMut(&[Seg], &'a str),
) {
    match path.split_first() {
        None => {
            if let Some(s) = v.str() {
                found(at, s);
            }
        }
        Some((&"*", rest)) => {
            for (i, x) in v.items().into_iter().enumerate() {
                at.push(Seg::Index(i));
                names_at(x, rest, keys, at, found);
                at.pop();
            }
        }
        Some((key, rest)) => {
            if let Some(x) = v.get(key, keys) {
                at.push(Seg::Key((*key).to_string()));
                names_at(x, rest, keys, at, found);
                at.pop();
            }
        }
    }
}

/// The positions below `path` (an empty tree when it does not exist).
fn descend(pos: &yaml::PosNode, path: &[Seg]) -> (usize, yaml::PosNode) {
    let (node, matched) = pos.walk(path);
    (matched, node.clone())
}

/// Resolves every System's `spec.configurations` selectors; each item gets the sorted names of
/// the systems that link it (`systems`). A selector that matches nothing is an error.
fn link_systems(inv: &mut Inventory, problems: &mut Vec<Problem>) {
    let mut links: HashMap<usize, std::collections::BTreeSet<String>> = HashMap::new();
    // The configuration items with their file's normalised path, and where each label (key and
    // value) occurs, computed once: scanning every document for each selector made linking
    // quadratic in systems × items. A selector with labels looks only at the items carrying
    // its first label.
    let items: Vec<(usize, String)> = inv
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == Kind::Configuration)
        .map(|(i, d)| {
            let file = inv
                .sources
                .get(d.file)
                .map(|f| normalise_path(&f.display))
                .unwrap_or_default();
            (i, file)
        })
        .collect();
    let mut by_label: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    for (n, (i, _)) in items.iter().enumerate() {
        let labels = inv
            .documents
            .get(*i)
            .and_then(|d| d.value.get("labels"))
            .and_then(|l| l.as_object());
        for (k, x) in labels.into_iter().flatten() {
            by_label.entry((k.as_str(), x.to_string())).or_default().push(n);
        }
    }
    let all: Vec<usize> = (0..items.len()).collect();
    for sys in inv.documents.iter().filter(|d| d.kind == Kind::System) {
        let Some(sels) = sys.value.pointer("/spec/configurations").and_then(|c| c.as_array()) else {
            continue;
        };
        let sys_file = inv.sources.get(sys.file).map(|f| f.display.clone()).unwrap_or_default();
        for (j, sel) in sels.iter().enumerate() {
            let path = sel
                .get("path")
                .and_then(|p| p.as_str())
                .map(|p| resolve_beside(&sys_file, p));
            let below = path.as_ref().map(|p| format!("{p}/"));
            let labels = sel.get("labels").and_then(|l| l.as_object());
            let candidates: &[usize] = match labels.and_then(|ls| ls.iter().next()) {
                Some((k, x)) => by_label.get(&(k.as_str(), x.to_string())).map_or(&[], Vec::as_slice),
                None => &all,
            };
            let mut hit = false;
            for (i, file) in candidates.iter().filter_map(|n| items.get(*n)) {
                let Some(item) = inv.documents.get(*i) else { continue };
                let v = &item.value;
                let ok = path
                    .as_ref()
                    .zip(below.as_ref())
                    .is_none_or(|(p, below)| file == p || file.starts_with(below.as_str()))
                    && sel
                        .get("address")
                        .and_then(|a| a.as_str())
                        .is_none_or(|a| wildcard(a, &item.name))
                    && sel.get("format").is_none_or(|f| v.get("format") == Some(f))
                    && labels.is_none_or(|ls| {
                        ls.iter()
                            .all(|(k, x)| v.get("labels").and_then(|l| l.get(k)) == Some(x))
                    });
                if ok {
                    hit = true;
                    links.entry(*i).or_default().insert(sys.name.clone());
                }
            }
            if !hit {
                let loc = inv.locate(
                    sys,
                    &[
                        Seg::Key("spec".into()),
                        Seg::Key("configurations".into()),
                        Seg::Index(j),
                    ],
                );
                problems.push(
                    Problem::new(
                        ProblemCode::UnknownReference,
                        format!(
                            "System `{}`: spec.configurations[{j}] selects no configuration item",
                            sys.name
                        ),
                    )
                    .at(loc)
                    .help("check the path (relative to this file), the address pattern and the labels; `sansho check --format json` lists the items under inputs"),
                );
            }
        }
    }
    for d in inv
        .documents
        .iter_mut()
        .enumerate()
        .filter(|(_, d)| d.kind == Kind::Configuration)
    {
        let (i, doc) = d;
        let names: Vec<serde_json::Value> = links
            .remove(&i)
            .unwrap_or_default()
            .into_iter()
            .map(serde_json::Value::String)
            .collect();
        if let Some(obj) = doc.value.as_object_mut() {
            obj.insert("systems".to_string(), serde_json::Value::Array(names));
        }
    }
}

fn str_at<'a>(v: &'a serde_json::Value, path: &[&str]) -> Option<&'a serde_json::Value> {
    let mut cur = v;
    for k in path {
        cur = cur.get(k)?;
    }
    Some(cur)
}

fn segs(path: &[&str]) -> Vec<Seg> {
    path.iter().map(|k| Seg::Key((*k).to_string())).collect()
}

fn valid_name(name: &str) -> bool {
    let b = name.as_bytes();
    let ok_char = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-');
    !b.is_empty()
        && b.len() <= 128
        && b.iter().all(ok_char)
        && b.first().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.last().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Checks the envelope and the schema of one document.
fn check_document(
    doc: yaml::Document,
    prepared: Option<Prepared>,
    file: FileId,
    shown: &str,
    first_seen: &mut HashMap<(Kind, String), Location>,
    problems: &mut Vec<Problem>,
) -> Option<Document> {
    let here = |path: &[Seg]| Location::new(shown, doc.pos.lookup(path).0);
    let v = &doc.value;
    if v.is_null() {
        problems.push(
            Problem::new(ProblemCode::EmptyDocument, "the document is empty")
                .at(here(&[]))
                .help("remove the stray `---`, or fill in apiVersion, kind, metadata and spec"),
        );
        return None;
    }
    if !v.is_object() {
        problems.push(
            Problem::new(
                ProblemCode::Schema,
                "a document must be a mapping with apiVersion, kind, metadata and spec",
            )
            .at(here(&[])),
        );
        return None;
    }
    match str_at(v, &["apiVersion"]).and_then(|x| x.as_str()) {
        Some("sansho/v1") => {}
        Some(other) => {
            let help = if other.starts_with("sansho") {
                "write `apiVersion: sansho/v1`".to_string()
            } else {
                "write `apiVersion: sansho/v1`; Kubernetes manifests are read from files that hold manifests only, other data through a Configuration document (docs/infrastructure.md)".to_string()
            };
            problems.push(
                Problem::new(ProblemCode::ApiVersion, format!("unsupported apiVersion `{other}`"))
                    .at(here(&segs(&["apiVersion"])))
                    .help(help),
            );
            return None;
        }
        None => {
            problems.push(
                Problem::new(ProblemCode::ApiVersion, "missing `apiVersion`")
                    .at(here(&[]))
                    .help("start the document with `apiVersion: sansho/v1`; if the file is not inventory, wrap it with a Configuration document (spec.path) or move it out of the inventory tree"),
            );
            return None;
        }
    }
    let kinds = Kind::ALL.map(Kind::as_str).join(", ");
    let kind = match str_at(v, &["kind"]).and_then(|x| x.as_str()) {
        Some(k) => match Kind::ALL.into_iter().find(|x| x.as_str() == k) {
            Some(kind) => kind,
            None => {
                let hint = match Kind::parse(k) {
                    Some(kind) => format!("kinds are case-sensitive: write `{}`", kind.as_str()),
                    None => format!("known kinds: {kinds}"),
                };
                problems.push(
                    Problem::new(ProblemCode::UnknownKind, format!("unknown kind `{k}`"))
                        .at(here(&segs(&["kind"])))
                        .help(hint),
                );
                return None;
            }
        },
        None => {
            problems.push(
                Problem::new(ProblemCode::UnknownKind, "missing `kind`")
                    .at(here(&[]))
                    .help(format!("add `kind:` with one of: {kinds}")),
            );
            return None;
        }
    };
    let name = match str_at(v, &["metadata", "name"]) {
        Some(serde_json::Value::String(n)) if valid_name(n) => n.clone(),
        Some(serde_json::Value::String(n)) => {
            problems.push(
                Problem::new(
                    ProblemCode::MissingName,
                    format!("`metadata.name` `{n}` is not a valid name"),
                )
                .at(here(&segs(&["metadata", "name"])))
                .help("use lower-case letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit (at most 128); put Japanese names in metadata.description"),
            );
            return None;
        }
        Some(_) => {
            problems.push(
                Problem::new(ProblemCode::MissingName, "`metadata.name` must be a string")
                    .at(here(&segs(&["metadata", "name"])))
                    .help("quote the name"),
            );
            return None;
        }
        None => {
            problems.push(
                Problem::new(
                    ProblemCode::MissingName,
                    format!("{} without `metadata.name`", kind.as_str()),
                )
                .at(here(&segs(&["metadata"])))
                .help("every document needs a name, unique among documents of its kind"),
            );
            return None;
        }
    };
    let name_loc = here(&segs(&["metadata", "name"]));
    let (schema, input, cut) = match prepared {
        Some(p) if p.kind == kind => (p.schema, p.input, p.cut),
        _ => (schema::validate(kind, v), None, None),
    };
    let cut = cut.map(|mut c| {
        c.span = doc.span;
        c
    });
    match schema {
        Ok(violations) if !violations.is_empty() => {
            for x in violations {
                let mut p = Problem::new(x.code, x.message).at(here(&x.path));
                if let Some(h) = x.help {
                    p = p.help(h);
                }
                problems.push(p);
            }
            return None;
        }
        Ok(_) => {}
        Err(p) => {
            problems.push(p);
            return None;
        }
    }
    let key = (kind, name.clone());
    if let Some(first) = first_seen.get(&key) {
        problems.push(
            Problem::new(
                ProblemCode::DuplicateName,
                format!("a second {} named `{name}`", kind.as_str()),
            )
            .at(name_loc)
            .related(first.clone())
            .help("names must be unique per kind; rename one of them"),
        );
        return None;
    }
    first_seen.insert(key, name_loc);
    Some(Document {
        kind,
        name,
        file,
        value: doc.value,
        pos: doc.pos,
        input,
        cut,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_name("sakura-clinic"));
        assert!(valid_name("ehr.main_1"));
        assert!(!valid_name("Sakura"));
        assert!(!valid_name("-x"));
        assert!(!valid_name("さくら"));
        assert!(!valid_name(""));
    }

    #[test]
    fn offsets_to_positions() {
        let t = "名前: 山田\nkey: v";
        let p = pos_of_offset(t, t.find("key").unwrap());
        assert_eq!((p.line, p.column), (2, 1));
        let p = pos_of_offset(t, t.find("山").unwrap());
        assert_eq!((p.line, p.column), (1, 5));
    }

    fn load(files: &[(&str, &str)]) -> Result<Inventory, LoadFailure> {
        load_files(
            files
                .iter()
                .map(|(p, t)| ((*p).to_string(), t.as_bytes().to_vec()))
                .collect(),
            &LoadOptions::default(),
        )
    }

    const SYSTEM: &str = "apiVersion: sansho/v1\nkind: System\nmetadata: {name: karte}\nspec:\n  category: saas\n  hosting: public_cloud\n  status: in_use\n  configurations:\n    - path: infra\n    - {format: kubernetes, labels: {app: karte}}\n";
    const PLAN: &str = r#"{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {"root_module": {"resources": [
  {"address": "aws_s3_bucket.records", "mode": "managed", "type": "aws_s3_bucket", "name": "records",
   "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"bucket": "r"}}]}}}"#;
    const K8S: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels: {app: karte}\nspec: {}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\n";

    #[test]
    fn configurations_are_grouped_and_linked_to_systems() {
        let inv = load(&[
            ("inv/systems.yaml", SYSTEM),
            ("inv/infra/plan.json", PLAN),
            ("inv/k8s/app.yaml", K8S),
            ("inv/exports/fw.json", r#"{"rules": [{"port": 22}]}"#),
            ("inv/fw.yaml", "apiVersion: sansho/v1\nkind: Configuration\nmetadata: {name: fw}\nspec: {format: fw-export, path: exports/fw.json}\n"),
        ])
        .unwrap();
        let input = inv.to_input();
        let c = &input["configurations"];
        assert_eq!(c["terraform"][0]["address"], "aws_s3_bucket.records");
        assert_eq!(c["terraform"][0]["systems"], serde_json::json!(["karte"]));
        assert_eq!(c["kubernetes"][0]["address"], "Deployment/api");
        assert_eq!(c["kubernetes"][0]["systems"], serde_json::json!(["karte"]));
        // The Service carries no app label: not linked.
        assert_eq!(c["kubernetes"][1]["systems"], serde_json::json!([]));
        assert_eq!(c["generic"][0]["declared_format"], "fw-export");
        assert_eq!(c["generic"][0]["file"], "inv/exports/fw.json");
        assert_eq!(c["generic"][0]["data"]["rules"][0]["port"], 22);
        // A finding about the generic item points into the data file.
        let fw = inv.get(Kind::Configuration, "fw").unwrap();
        let loc = inv.locate(fw, &yaml::parse_path("data.rules[0].port").unwrap());
        assert_eq!(
            (loc.file.as_str(), loc.line, loc.column),
            ("inv/exports/fw.json", 1, 13)
        );
        assert_eq!(input["systems"].as_array().unwrap().len(), 1);
    }

    /// Label selectors are looked up by their first label, but every label must match.
    #[test]
    fn label_selectors_need_every_label() {
        let system = |labels: &str| {
            format!("apiVersion: sansho/v1\nkind: System\nmetadata: {{name: karte}}\nspec:\n  category: saas\n  hosting: public_cloud\n  status: in_use\n  configurations:\n    - {{format: kubernetes, labels: {labels}}}\n")
        };
        let k8s = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels: {app: karte, tier: api}\nspec: {}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\n  labels: {app: karte, tier: worker}\nspec: {}\n";
        let sys = system("{app: karte, tier: api}");
        let inv = load(&[("inv/systems.yaml", sys.as_str()), ("inv/k8s/app.yaml", k8s)]).unwrap();
        let items = &inv.to_input()["configurations"]["kubernetes"];
        assert_eq!(items[0]["address"], "Deployment/api");
        assert_eq!(items[0]["systems"], serde_json::json!(["karte"]));
        assert_eq!(items[1]["address"], "Deployment/worker");
        assert_eq!(items[1]["systems"], serde_json::json!([]));
        // The first label matches both items, the second neither: nothing is selected.
        let sys = system("{app: karte, tier: db}");
        let fail = load(&[("inv/systems.yaml", sys.as_str()), ("inv/k8s/app.yaml", k8s)]).unwrap_err();
        assert_eq!(fail.problems.0[0].code, ProblemCode::UnknownReference);
        // Values compare as values: the string "1" does not select an item labelled with the
        // number 1.
        let numbered = k8s.replace("tier: api", "tier: 1");
        let sys = system("{tier: \"1\", app: karte}");
        let fail = load(&[
            ("inv/systems.yaml", sys.as_str()),
            ("inv/k8s/app.yaml", numbered.as_str()),
        ])
        .unwrap_err();
        assert_eq!(
            fail.problems.0[0].code,
            ProblemCode::UnknownReference,
            "{:?}",
            fail.problems.0
        );
    }

    #[test]
    fn unknown_files_are_still_errors_and_links_must_select_something() {
        let fail = load(&[("inv/package.json", r#"{"name": "x"}"#)]).unwrap_err();
        assert_eq!(fail.problems.0[0].code, ProblemCode::ApiVersion);
        let fail = load(&[("inv/systems.yaml", SYSTEM), ("inv/k8s/app.yaml", K8S)]).unwrap_err();
        let p = &fail.problems.0[0];
        assert_eq!(p.code, ProblemCode::UnknownReference);
        assert!(p.message.contains("spec.configurations[0]"), "{}", p.message);
        let fail = load(&[(
            "inv/fw.yaml",
            "apiVersion: sansho/v1\nkind: Configuration\nmetadata: {name: fw}\nspec: {format: x, path: nothing.json}\n",
        )])
        .unwrap_err();
        assert!(fail.problems.0[0].message.contains("inv/nothing.json"));
    }

    #[test]
    fn the_same_address_in_two_files_is_kept_apart() {
        let inv = load(&[("prod/plan.json", PLAN), ("stg/plan.json", PLAN)]).unwrap();
        assert_eq!(inv.count_named(Kind::Configuration, "aws_s3_bucket.records"), 2);
        let stg = inv
            .get_in(Kind::Configuration, "aws_s3_bucket.records", Some("stg/plan.json"))
            .unwrap();
        assert_eq!(stg.value["file"], "stg/plan.json");
        assert!(wildcard("aws_s3_bucket.*", "aws_s3_bucket.records"));
        assert!(wildcard("Deployment/*/api", "Deployment/med/api"));
        assert!(!wildcard("aws_s3_bucket.*", "aws_db_instance.main"));
        assert_eq!(
            resolve_beside("a/b/sys.yaml", "../infra/./plan.json"),
            "a/infra/plan.json"
        );
    }

    #[test]
    fn shift_jis_is_recognised() {
        // 「医療」 in Shift_JIS.
        assert!(looks_like_shift_jis(&[0x88, 0xE3, 0x97, 0xC3]));
        assert!(!looks_like_shift_jis(b"plain ascii"));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod parallel_tests {
    use super::*;

    /// A generated inventory of `systems` systems (four per file) written under a fresh
    /// temporary directory named after `name`, with `\r\n` line breaks if `crlf`.
    fn generated_on_disk(name: &str, systems: usize, seed: u64, crlf: bool) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sansho-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut opts =
            crate::generate::GenerateOptions::new(systems, seed, crate::date::Date::new(2026, 11, 25).unwrap());
        opts.systems_per_file = 4;
        for (rel, text) in crate::generate::generate(&opts).files {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, if crlf { text.replace('\n', "\r\n") } else { text }).unwrap();
        }
        dir
    }

    /// Texts let go after loading are read again for positions: every position is the one a
    /// load that kept whole trees (and texts) gives. A file changed since gives no text, and
    /// its documents then keep their envelope's positions instead of shifted ones.
    #[test]
    fn released_texts_give_the_same_positions_until_a_file_changes() {
        // CRLF line breaks, so that a wrong offset would show.
        let dir = generated_on_disk("released", 12, 3, true);
        let whole = load(
            &dir,
            &LoadOptions {
                positions_on_demand: false,
                ..LoadOptions::default()
            },
        )
        .unwrap();
        let released = load(&dir, &LoadOptions::default()).unwrap();
        assert!(released.documents.iter().any(|d| d.cut.is_some()));
        assert!(released.shape() == whole.shape());
        // A fresh load, then its first systems file changes on disk before positions are asked.
        let inv = load(&dir, &LoadOptions::default()).unwrap();
        let doc = inv.documents.iter().find(|d| d.kind == Kind::System).unwrap();
        let file = inv.sources.get(doc.file).unwrap();
        let on_disk = dir.join(file.display.strip_prefix(&format!("{}/", dir.display())).unwrap());
        let before = std::fs::read_to_string(&on_disk).unwrap();
        std::fs::write(&on_disk, format!("# moved\r\n{before}")).unwrap();
        let path = yaml::parse_path("spec.status").unwrap();
        let loc = inv.locate(doc, &path);
        assert!(inv.sources.get(doc.file).unwrap().text().is_none());
        // Not the shifted line of `status`: the document's own line (its envelope's root).
        assert_eq!((loc.line, loc.offset), (doc.pos.pos.line, doc.pos.pos.offset));
        let exact = whole.locate(whole.documents.iter().find(|d| d.name == doc.name).unwrap(), &path);
        assert!(exact.line > loc.line);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Files are taken by whichever thread is free, yet the loaded inventory — documents,
    /// positions, sources and problems, in order — is the same for any number of threads.
    #[test]
    fn loading_does_not_depend_on_the_thread_count() {
        let dir = generated_on_disk("load-threads", 45, 7, false);
        // Two broken files far apart, so that their problems come from different threads.
        std::fs::write(dir.join("assets/aa-broken.yaml"), "a: [1\n").unwrap();
        std::fs::write(
            dir.join("systems/zz-broken.yaml"),
            "kind: System\napiVersion: sansho/v1\n",
        )
        .unwrap();
        let run = |workers: usize| {
            let opts = LoadOptions {
                workers,
                ..LoadOptions::default()
            };
            match load(&dir, &opts) {
                Ok(_) => panic!("the broken files must fail the load"),
                Err(f) => {
                    let files: Vec<String> = f.sources.files().iter().map(|s| s.display.clone()).collect();
                    (f.problems.0, files)
                }
            }
        };
        let one = run(1);
        assert!(one.1.len() > 12, "{:?}", one.1);
        assert_eq!(one.0.len(), 2, "{:?}", one.0);
        for workers in [2, 3, 8] {
            assert_eq!(run(workers), one, "{workers} threads");
        }
        std::fs::remove_file(dir.join("assets/aa-broken.yaml")).unwrap();
        std::fs::remove_file(dir.join("systems/zz-broken.yaml")).unwrap();
        let ok = |workers: usize| {
            let inv = load(
                &dir,
                &LoadOptions {
                    workers,
                    ..LoadOptions::default()
                },
            )
            .unwrap();
            let docs = inv.shape();
            let files: Vec<String> = inv.sources.files().iter().map(|s| s.display.clone()).collect();
            (docs, files)
        };
        let one = ok(1);
        assert!(one.0.len() > 100, "{}", one.0.len());
        for workers in [2, 3, 8] {
            assert!(ok(workers) == one, "{workers} threads");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
