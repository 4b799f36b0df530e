//! Inventory parsing with source positions: YAML streams (and JSON files) become
//! `serde_json::Value` documents together with a [`PosNode`] tree that records, for every node,
//! where it was written (byte offset, 1-based line, 1-based column in Unicode scalar values), so
//! that policy findings and schema errors can point at the exact line of the inventory.
//! Hostile input is handled strictly and within bounds: nesting depth and the node count (after
//! alias expansion) are limited by [`Limits`], duplicate keys are errors, and no input makes the
//! parser panic or recurse on the native stack.
//!
//! YAML is read with the YAML 1.2 core schema (plus YAML 1.1 merge keys `<<`) from the event
//! stream of `saphyr-parser`; the value tree is built iteratively from those events. JSON is read
//! by a small position-tracking reader in this module (see [`parse_json`] for why).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};
use serde_json::{Map, Number, Value};

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/// 1-based line and column (column counted in Unicode scalar values), plus byte offset into the
/// text given to the parse function.
///
/// A leading byte order mark is part of the text (so the first character after it has offset 3)
/// but takes no column (that character is at column 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub offset: u32,
    pub line: u32,
    pub column: u32,
}

/// Position tree mirroring a parsed value.
///
/// For a mapping entry the child's `pos` is the position of its KEY; for a sequence item it is
/// the start of the item; for the root it is the start of the root node (for a node with an
/// anchor or a tag, the start of those properties). A copy made by an alias has the alias's
/// position as its own `pos`, while the nodes inside the copy keep the positions of the anchored
/// original. Entries brought in by a merge key `<<` keep the positions of the keys they were
/// merged from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PosNode {
    pub pos: Pos,
    pub children: Children,
}

/// A mapping key in a position tree: shared by every mapping of a parse that uses it (the
/// same field names repeat in every document), so a key costs a pointer, not an allocation.
pub type Key = Arc<str>;

/// The children of a [`PosNode`], in the same order as in the value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Children {
    #[default]
    None,
    Map(Vec<(Key, PosNode)>),
    Seq(Vec<PosNode>),
}

/// One segment of a value path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl PosNode {
    /// The entry of a mapping under `key`.
    pub fn key(&self, key: &str) -> Option<&PosNode> {
        match &self.children {
            Children::Map(entries) => entries.iter().find(|(k, _)| **k == *key).map(|(_, p)| p),
            _ => None,
        }
    }

    /// Item `i` of a sequence.
    pub fn item(&self, i: usize) -> Option<&PosNode> {
        match &self.children {
            Children::Seq(items) => items.get(i),
            _ => None,
        }
    }

    /// Walks the segments as far as they exist; returns the deepest existing node and how many
    /// segments matched.
    pub fn walk(&self, path: &[Seg]) -> (&PosNode, usize) {
        let mut node = self;
        let mut matched = 0;
        for seg in path {
            let next = match seg {
                Seg::Key(k) => node.key(k),
                Seg::Index(i) => node.item(*i),
            };
            match next {
                Some(n) => {
                    node = n;
                    matched += 1;
                }
                None => break,
            }
        }
        (node, matched)
    }

    /// The position of the deepest existing node on `path` and how many segments matched (so
    /// a missing field resolves to its parent).
    pub fn lookup(&self, path: &[Seg]) -> (Pos, usize) {
        let (node, matched) = self.walk(path);
        (node.pos, matched)
    }
}

/// One parsed document: its value, the positions of its nodes, and where it lies in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub value: Value,
    pub pos: PosNode,
    pub span: Span,
}

/// The lines of a text that hold one document: from the start of the line where the document
/// begins (its `---`, or its first node) to the start of the line where the next one begins, or
/// the end of the text. [`reparse`] parses that range alone into the same positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the first line, and its 1-based number.
    pub start: u32,
    pub line: u32,
    /// Byte offset just past the range.
    pub end: u32,
}

impl PosNode {
    /// Moves every position of the tree by `offset` bytes and `lines` lines (columns stay: a
    /// [`Span`] starts at the start of a line).
    fn shift(&mut self, offset: u32, lines: u32) {
        self.pos.offset = self.pos.offset.saturating_add(offset);
        self.pos.line = self.pos.line.saturating_add(lines);
        match &mut self.children {
            Children::None => {}
            Children::Map(entries) => entries.iter_mut().for_each(|(_, c)| c.shift(offset, lines)),
            Children::Seq(items) => items.iter_mut().for_each(|c| c.shift(offset, lines)),
        }
    }
}

/// Whether a document of this text can be parsed alone from its [`Span`]: a YAML stream with
/// directives (`%YAML`, `%TAG`) cannot, as they belong to the document after them.
pub fn spans_stand_alone(text: &str) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    !body.starts_with('%') && !body.contains("\n%") && !body.contains("\r%")
}

/// The positions of the document at `span` of `text` (as parsed by [`parse_yaml`], or by
/// [`parse_json`] when `json`), found by parsing that range alone: what a caller that kept only
/// part of a document's position tree needs to locate the rest. `None` when the range does not
/// hold exactly one document (a span of another text).
pub fn reparse(text: &str, json: bool, span: Span, limits: &Limits) -> Option<PosNode> {
    let range = text.get(span.start as usize..span.end as usize)?;
    let mut docs = if json {
        parse_json(range, limits).ok()?
    } else {
        parse_yaml(range, limits).ok()?
    };
    if docs.len() != 1 {
        return None;
    }
    let mut pos = docs.pop()?.pos;
    if span.start > 0 || span.line > 1 {
        pos.shift(span.start, span.line.saturating_sub(1));
    }
    Some(pos)
}

/// Byte offset of the start of the line holding byte `at` (after a `\n` or a lone `\r`).
fn line_start(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(..at)
        .and_then(|b| b.iter().rposition(|&c| c == b'\n' || c == b'\r'))
        .map_or(0, |i| i + 1)
}

/// Bounds applied while parsing.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most collections (mappings and sequences) nested inside one another, the root counting
    /// as level 1; scalars add no level. Alias copies count at the depth where they land.
    pub max_depth: usize,
    /// Most nodes (keys, scalars and collections, alias copies counted in full) in one call of
    /// a parse function, over all documents of the stream.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_nodes: 2_000_000,
        }
    }
}

/// What went wrong; see [`YamlError`] for where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// The scanner's or parser's message (for JSON, serde_json's), without its position.
    Syntax(String),
    /// A key written twice in one mapping; `first` is where it was first written.
    DuplicateKey { key: String, first: Pos },
    /// Collections nested deeper than `limit` levels.
    TooDeep { limit: usize },
    /// More than `limit` nodes, alias copies counted in full.
    TooManyNodes { limit: usize },
    /// An alias (`*name`) whose anchor is not defined before it in the same document.
    UnknownAlias(String),
    /// A tag other than the core ones (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`,
    /// `!!seq`) or the non-specific `!`.
    UnsupportedTag(String),
    /// A mapping or sequence used as a mapping key.
    ComplexKey,
    /// A value JSON cannot hold: NaN, an infinity (also a float overflowing to one), an integer
    /// outside the i64/u64 range, or a value that does not fit its tag (`!!int abc`).
    NotRepresentable(String),
}

/// A parse error and the position it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub pos: Pos,
}

/// Shortens user text quoted in an error message.
fn shorten(s: &str) -> Cow<'_, str> {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => Cow::Owned(format!("{}…", s.get(..cut).unwrap_or(s))),
        None => Cow::Borrowed(s),
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            YamlErrorKind::Syntax(m) => write!(f, "syntax error: {m}"),
            YamlErrorKind::DuplicateKey { key, .. } => write!(
                f,
                "duplicate key `{}`: a key may appear only once in a mapping",
                shorten(key).escape_debug()
            ),
            YamlErrorKind::TooDeep { limit } => {
                write!(f, "collections are nested deeper than {limit} levels")
            }
            YamlErrorKind::TooManyNodes { limit } => {
                write!(f, "the input has more than {limit} nodes once aliases are expanded")
            }
            YamlErrorKind::UnknownAlias(name) => write!(
                f,
                "the alias `*{}` refers to no anchor completed before it in this document",
                shorten(name).escape_debug()
            ),
            YamlErrorKind::UnsupportedTag(tag) => {
                write!(f, "unsupported tag `{}`", shorten(tag).escape_debug())
            }
            YamlErrorKind::ComplexKey => {
                write!(f, "a mapping or a sequence cannot be used as a mapping key")
            }
            YamlErrorKind::NotRepresentable(what) => {
                write!(f, "value not representable in JSON: {}", shorten(what).escape_debug())
            }
        }
    }
}

impl std::error::Error for YamlError {}

fn err<T>(kind: YamlErrorKind, pos: Pos) -> Result<T, YamlError> {
    Err(YamlError { kind, pos })
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

fn is_plain_key(k: &str) -> bool {
    !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Parses a dotted path like `spec.accounts.list[2].id` or `spec.labels["a.b"]` or
/// `spec["x y"]` into segments; returns None if malformed.
///
/// Plain keys are `[A-Za-z0-9_-]+`; other keys are written `["..."]` as a JSON string; indexes
/// are `[N]` with no leading zeros. A path may start with a bracket (`[0].name`). The empty
/// string is the root (no segments).
pub fn parse_path(s: &str) -> Option<Vec<Seg>> {
    let b = s.as_bytes();
    let mut segs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied()?;
        if c == b'[' {
            let (seg, next) = parse_bracket(s, i)?;
            segs.push(seg);
            i = next;
            continue;
        }
        // A plain key: at the very start, or after a dot.
        let start = if i == 0 {
            0
        } else if c == b'.' {
            i + 1
        } else {
            return None;
        };
        let mut end = start;
        while let Some(&ch) = b.get(end) {
            if ch.is_ascii_alphanumeric() || ch == b'_' || ch == b'-' {
                end += 1;
            } else {
                break;
            }
        }
        if end == start {
            return None;
        }
        segs.push(Seg::Key(s.get(start..end)?.to_string()));
        i = end;
    }
    Some(segs)
}

/// Parses `[N]` or `["key"]` starting at byte `i` (the `[`); returns the segment and the byte
/// after the `]`.
fn parse_bracket(s: &str, i: usize) -> Option<(Seg, usize)> {
    let b = s.as_bytes();
    let first = i + 1;
    match b.get(first).copied()? {
        b'"' => {
            let mut j = first + 1;
            loop {
                match b.get(j).copied()? {
                    b'"' => break,
                    b'\\' => j += 2,
                    _ => j += 1,
                }
            }
            let key: String = serde_json::from_str(s.get(first..=j)?).ok()?;
            if b.get(j + 1).copied()? != b']' {
                return None;
            }
            Some((Seg::Key(key), j + 2))
        }
        b'0'..=b'9' => {
            let mut j = first;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            let digits = s.get(first..j)?;
            if digits.len() > 1 && digits.starts_with('0') {
                return None;
            }
            let n: usize = digits.parse().ok()?;
            if b.get(j).copied()? != b']' {
                return None;
            }
            Some((Seg::Index(n), j + 1))
        }
        _ => None,
    }
}

/// Inverse of [`parse_path`] (keys that are not `[A-Za-z0-9_-]+` are written as `["..."]` with
/// JSON string escaping). No segments give the empty string.
pub fn format_path(segs: &[Seg]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) if is_plain_key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Key(k) => {
                out.push('[');
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(']');
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The tree builder shared by the YAML and JSON readers
// ---------------------------------------------------------------------------------------------

/// A key read in a mapping, waiting for its value.
struct PendingKey {
    key: String,
    /// The same text, shared for the position tree.
    shared: Key,
    pos: Pos,
    /// A plain `<<`: the value is merged into the mapping.
    merge: bool,
}

enum Body {
    Seq {
        items: Vec<Value>,
        pos: Vec<PosNode>,
    },
    Map {
        map: Map<String, Value>,
        pos: Vec<(Key, PosNode)>,
        key: Option<PendingKey>,
        /// Keys that came from a merge and may still be set explicitly, with their index in
        /// `pos` (which is also their index in `map`).
        merged: Option<HashMap<String, usize>>,
        /// Where the `<<` key of this mapping was, if it had one.
        merge_at: Option<Pos>,
    },
}

struct Frame {
    body: Body,
    pos: Pos,
    /// The greatest height of the children so far (a scalar has height 0, a collection 1 more
    /// than its highest child).
    height: usize,
    /// The anchor id given by saphyr, 0 for none.
    anchor: usize,
    /// The node count before this node was counted.
    nodes_before: usize,
}

/// A completed anchored node, kept for its aliases.
struct Anchored {
    value: Value,
    node: PosNode,
    /// Nodes in the subtree (what one alias copy costs).
    count: usize,
    height: usize,
    /// For a scalar, the key it makes when an alias to it is used as a mapping key.
    key: Option<String>,
}

struct Builder<'l> {
    limits: &'l Limits,
    nodes: usize,
    stack: Vec<Frame>,
    root: Option<(Value, PosNode)>,
    anchors: HashMap<usize, Anchored>,
    /// Every mapping key of this parse, once.
    keys: HashSet<Key>,
}

fn internal(pos: Pos) -> YamlError {
    YamlError {
        kind: YamlErrorKind::Syntax("unexpected event order from the parser".to_string()),
        pos,
    }
}

impl<'l> Builder<'l> {
    fn new(limits: &'l Limits) -> Self {
        Builder {
            limits,
            nodes: 0,
            stack: Vec::new(),
            root: None,
            anchors: HashMap::new(),
            keys: HashSet::new(),
        }
    }

    /// Whether the next node is a mapping key.
    fn key_expected(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                body: Body::Map { key: None, .. },
                ..
            })
        )
    }

    fn count_node(&mut self, pos: Pos) -> Result<(), YamlError> {
        if self.nodes >= self.limits.max_nodes {
            return err(
                YamlErrorKind::TooManyNodes {
                    limit: self.limits.max_nodes,
                },
                pos,
            );
        }
        self.nodes += 1;
        Ok(())
    }

    fn begin(&mut self, is_map: bool, pos: Pos, anchor: usize) -> Result<(), YamlError> {
        if self.key_expected() {
            return err(YamlErrorKind::ComplexKey, pos);
        }
        if self.stack.len() >= self.limits.max_depth {
            return err(
                YamlErrorKind::TooDeep {
                    limit: self.limits.max_depth,
                },
                pos,
            );
        }
        let nodes_before = self.nodes;
        self.count_node(pos)?;
        let body = if is_map {
            Body::Map {
                map: Map::new(),
                pos: Vec::new(),
                key: None,
                merged: None,
                merge_at: None,
            }
        } else {
            Body::Seq {
                items: Vec::new(),
                pos: Vec::new(),
            }
        };
        self.stack.push(Frame {
            body,
            pos,
            height: 0,
            anchor,
            nodes_before,
        });
        Ok(())
    }

    /// Ends the innermost collection. `at` is only used for internal errors.
    fn end(&mut self, at: Pos) -> Result<(), YamlError> {
        let frame = self.stack.pop().ok_or_else(|| internal(at))?;
        let (value, children) = match frame.body {
            // Collections are kept for the whole run: give back the growth slack (on a large
            // inventory it was a third of the memory the parsed documents held).
            Body::Seq { mut items, mut pos } => {
                items.shrink_to_fit();
                pos.shrink_to_fit();
                (Value::Array(items), Children::Seq(pos))
            }
            Body::Map { map, mut pos, key, .. } => {
                if key.is_some() {
                    return Err(internal(at));
                }
                pos.shrink_to_fit();
                let mut exact = Map::with_capacity(map.len());
                exact.extend(map);
                (Value::Object(exact), Children::Map(pos))
            }
        };
        let node = PosNode {
            pos: frame.pos,
            children,
        };
        let height = frame.height + 1;
        if frame.anchor != 0 {
            self.anchors.insert(
                frame.anchor,
                Anchored {
                    value: value.clone(),
                    node: node.clone(),
                    count: self.nodes - frame.nodes_before,
                    height,
                    key: None,
                },
            );
        }
        self.attach(value, node, height)
    }

    /// Records a mapping key (already counted as a node).
    fn key(&mut self, key: String, pos: Pos, merge: bool) -> Result<(), YamlError> {
        let shared = match self.keys.get(key.as_str()) {
            Some(k) => k.clone(),
            None => {
                let k = Key::from(key.as_str());
                self.keys.insert(k.clone());
                k
            }
        };
        let Some(Frame {
            body:
                Body::Map {
                    map,
                    pos: children,
                    key: pending,
                    merged,
                    merge_at,
                },
            ..
        }) = self.stack.last_mut()
        else {
            return Err(internal(pos));
        };
        if pending.is_some() {
            return Err(internal(pos));
        }
        if merge {
            if let Some(first) = merge_at {
                return err(YamlErrorKind::DuplicateKey { key, first: *first }, pos);
            }
            *merge_at = Some(pos);
        } else if map.contains_key(&key) && !merged.as_ref().is_some_and(|m| m.contains_key(&key)) {
            let first = children
                .iter()
                .find(|(k, _)| **k == *key)
                .map(|(_, p)| p.pos)
                .unwrap_or_default();
            return err(YamlErrorKind::DuplicateKey { key, first }, pos);
        }
        *pending = Some(PendingKey {
            key,
            shared,
            pos,
            merge,
        });
        Ok(())
    }

    /// Puts a completed node where it belongs: the root, a sequence item or a mapping value.
    fn attach(&mut self, value: Value, node: PosNode, height: usize) -> Result<(), YamlError> {
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_some() {
                return Err(internal(node.pos));
            }
            self.root = Some((value, node));
            return Ok(());
        };
        match &mut frame.body {
            Body::Seq { items, pos } => {
                items.push(value);
                pos.push(node);
                frame.height = frame.height.max(height);
            }
            Body::Map {
                map,
                pos: children,
                key,
                merged,
                ..
            } => {
                let Some(k) = key.take() else {
                    return Err(internal(node.pos));
                };
                if k.merge {
                    let merged = merged.get_or_insert_with(HashMap::new);
                    let h = merge_into(map, children, merged, value, node)?;
                    frame.height = frame.height.max(h);
                } else {
                    let child = PosNode {
                        pos: k.pos,
                        children: node.children,
                    };
                    match merged.as_mut().and_then(|m| m.remove(&k.key)) {
                        // An explicit key overrides a merged one, in place.
                        Some(idx) => {
                            map.insert(k.key, value);
                            if let Some(slot) = children.get_mut(idx) {
                                *slot = (k.shared, child);
                            }
                        }
                        None => {
                            map.insert(k.key, value);
                            children.push((k.shared, child));
                        }
                    }
                    frame.height = frame.height.max(height);
                }
            }
        }
        Ok(())
    }

    /// Inserts a copy of an anchored node (or, in key position, its key).
    fn alias(&mut self, id: usize, pos: Pos, name: impl FnOnce() -> String) -> Result<(), YamlError> {
        let Some(a) = self.anchors.get(&id) else {
            return err(YamlErrorKind::UnknownAlias(name()), pos);
        };
        if self.key_expected() {
            let Some(key) = a.key.clone() else {
                return err(YamlErrorKind::ComplexKey, pos);
            };
            self.count_node(pos)?;
            return self.key(key, pos, false);
        }
        // Check the bounds before copying anything.
        if a.count > self.limits.max_nodes.saturating_sub(self.nodes) {
            return err(
                YamlErrorKind::TooManyNodes {
                    limit: self.limits.max_nodes,
                },
                pos,
            );
        }
        if self.stack.len().saturating_add(a.height) > self.limits.max_depth {
            return err(
                YamlErrorKind::TooDeep {
                    limit: self.limits.max_depth,
                },
                pos,
            );
        }
        let value = a.value.clone();
        let mut node = a.node.clone();
        let (count, height) = (a.count, a.height);
        node.pos = pos;
        self.nodes += count;
        self.attach(value, node, height)
    }

    /// Adds a completed scalar node (already counted).
    fn scalar(&mut self, value: Value, pos: Pos) -> Result<(), YamlError> {
        self.attach(
            value,
            PosNode {
                pos,
                children: Children::None,
            },
            0,
        )
    }

    /// Takes the finished root of a document.
    fn take_root(&mut self, at: Pos) -> Result<Document, YamlError> {
        if !self.stack.is_empty() {
            return Err(internal(at));
        }
        let (value, pos) = self.root.take().ok_or_else(|| internal(at))?;
        Ok(Document {
            value,
            pos,
            span: Span::default(),
        })
    }
}

/// Merges the value of a `<<` key into a mapping; returns the height the merged entries add.
fn merge_into(
    map: &mut Map<String, Value>,
    children: &mut Vec<(Key, PosNode)>,
    merged: &mut HashMap<String, usize>,
    value: Value,
    node: PosNode,
) -> Result<usize, YamlError> {
    let bad = |pos: Pos| YamlError {
        kind: YamlErrorKind::Syntax(
            "the value of a merge key `<<` must be a mapping or a sequence of mappings".to_string(),
        ),
        pos,
    };
    match value {
        Value::Object(src) => {
            let h = merge_one(map, children, merged, src, node.children);
            Ok(h)
        }
        Value::Array(items) => {
            let kids = match node.children {
                Children::Seq(k) => k,
                _ => Vec::new(),
            };
            // Check every item first, so that nothing is merged from an invalid list.
            for (i, item) in items.iter().enumerate() {
                if !item.is_object() {
                    let at = kids.get(i).map_or(node.pos, |k| k.pos);
                    return Err(bad(at));
                }
            }
            let mut height = 0;
            let mut kids = kids.into_iter();
            for item in items {
                let kid = kids.next().unwrap_or_default();
                if let Value::Object(src) = item {
                    // Earlier mappings in the list win over later ones.
                    height = height.max(merge_one(map, children, merged, src, kid.children));
                }
            }
            Ok(height)
        }
        _ => Err(bad(node.pos)),
    }
}

/// Adds the entries of `src` whose keys are not in `map` yet; returns their greatest height.
fn merge_one(
    map: &mut Map<String, Value>,
    children: &mut Vec<(Key, PosNode)>,
    merged: &mut HashMap<String, usize>,
    src: Map<String, Value>,
    src_children: Children,
) -> usize {
    let kids = match src_children {
        Children::Map(k) => k,
        _ => Vec::new(),
    };
    let mut kids = kids.into_iter();
    let mut height = 0;
    for (k, v) in src {
        let kid = kids.next().filter(|(kk, _)| **kk == *k).map(|(_, p)| p);
        if map.contains_key(&k) {
            continue;
        }
        height = height.max(value_height(&v));
        merged.insert(k.clone(), children.len());
        children.push((Key::from(k.as_str()), kid.unwrap_or_default()));
        map.insert(k, v);
    }
    height
}

/// Height of a value (a scalar 0), computed without recursion. Only used for merged entries,
/// whose depth is already bounded by the limits.
fn value_height(v: &Value) -> usize {
    let mut max = 0;
    let mut todo: Vec<(&Value, usize)> = vec![(v, 0)];
    while let Some((v, d)) = todo.pop() {
        match v {
            Value::Array(a) => {
                max = max.max(d + 1);
                todo.extend(a.iter().map(|x| (x, d + 1)));
            }
            Value::Object(m) => {
                max = max.max(d + 1);
                todo.extend(m.values().map(|x| (x, d + 1)));
            }
            _ => {}
        }
    }
    max
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------

/// Converts saphyr markers to positions. A saphyr `Marker` holds a CHARACTER index (and a
/// 1-based line and 0-based column, which are not used: at the end of the input saphyr reports
/// the line after the last one). The byte offset, line and column are computed here by walking
/// the text from the previous conversion, which is cheap because node starts come in
/// increasing order. Line breaks are `\r\n`, `\n` and a lone `\r` (as in YAML); a byte order
/// mark at the very start takes no column.
struct Locator<'t> {
    text: &'t str,
    /// Character index and byte offset of the cursor.
    ch: usize,
    byte: usize,
    /// 1-based line of the cursor, and the columns taken before it on that line.
    line: usize,
    col: usize,
}

impl<'t> Locator<'t> {
    fn new(text: &'t str) -> Self {
        Locator {
            text,
            ch: 0,
            byte: 0,
            line: 1,
            col: 0,
        }
    }

    /// Whether the character at byte `b` ends a line.
    fn is_break(&self, b: usize) -> bool {
        let bytes = self.text.as_bytes();
        match bytes.get(b) {
            Some(b'\n') => true,
            Some(b'\r') => bytes.get(b + 1) != Some(&b'\n'),
            _ => false,
        }
    }

    fn seek(&mut self, target: usize) {
        if target < self.ch {
            // Back to the start of the target's line (O(distance + line length)).
            let before = self.text.get(..self.byte).unwrap_or("");
            for (b, _) in before.char_indices().rev() {
                let brk = self.is_break(b);
                if brk && self.ch <= target {
                    break;
                }
                if brk {
                    self.line = self.line.saturating_sub(1).max(1);
                }
                self.ch = self.ch.saturating_sub(1);
                self.byte = b;
            }
            self.col = 0;
        }
        let start = self.byte;
        let mut chars = self.text.get(start..).unwrap_or("").char_indices();
        while self.ch < target {
            let Some((i, c)) = chars.next() else { break };
            let b = start + i;
            if self.is_break(b) {
                self.line += 1;
                self.col = 0;
            } else if c != '\r' && !(c == '\u{feff}' && b == 0) {
                self.col += 1;
            }
            self.ch += 1;
            self.byte = b + c.len_utf8();
        }
    }

    fn pos(&mut self, m: Marker) -> Pos {
        self.seek(m.index());
        Pos {
            offset: to_u32(self.byte),
            line: to_u32(self.line),
            column: to_u32(self.col.saturating_add(1)),
        }
    }
}

/// saphyr's flow collections nest at most this deep (its flow level is a `u8`).
const SAPHYR_FLOW_LIMIT: usize = 255;

/// Every document of a YAML stream. An empty stream or one of only comments gives `Ok(vec![])`;
/// an explicitly empty document (`---` and nothing) gives `Value::Null`.
///
/// Scalars follow the YAML 1.2 core schema: plain `null`/`Null`/`NULL`/`~`/empty are null;
/// `true`/`false` (also capitalised or upper case) are booleans; decimal integers with an
/// optional sign, `0o17` and `0x1F` are integers (i64, else u64, else `NotRepresentable`);
/// `1.5`, `1e3`, `-2.5E-3` are floats; `.inf` and `.nan` are `NotRepresentable`; everything
/// else (`yes`, `on`, `2025-04-01`, `08:30`...) is a string, and so is every quoted or block
/// scalar. Keys are strings made from the key's text (`1: x` has key `"1"`, a null key is
/// `"null"`). Tags `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq` and `!`
/// are honoured, any other tag is `UnsupportedTag`. Aliases are expanded, each copy counted
/// against `max_nodes` before it is made; once a document has copied more than 10 000 nodes
/// through aliases, the rest of it is counted (events only) before it is built, so an alias bomb
/// fails within milliseconds. (Should that document also hold another error between that point
/// and the overflow, `TooManyNodes` is reported rather than that error.) Merge keys `<<` take a
/// mapping or a sequence of mappings; explicit keys override merged ones, and earlier mappings
/// in a merged sequence override later ones.
///
/// Nesting: saphyr itself refuses flow collections nested more than 255 deep (its scanner
/// looks ahead, so that can happen before this builder sees the level that is too deep); the
/// text up to that point is then parsed again, so that the error is the usual `TooDeep` at the
/// first collection past `max_depth`.
pub fn parse_yaml(text: &str, limits: &Limits) -> Result<Vec<Document>, YamlError> {
    parse_yaml_inner(text, limits, true, true, &mut |_| {})
}

/// As [`parse_yaml`], calling `each` on every document as soon as it is built (its `span` not
/// yet final): a caller can shrink a document while the next ones are parsed, rather than
/// hold every document of the stream at full size.
pub fn parse_yaml_each(
    text: &str,
    limits: &Limits,
    each: &mut dyn FnMut(&mut Document),
) -> Result<Vec<Document>, YamlError> {
    parse_yaml_inner(text, limits, true, true, each)
}

fn parse_yaml_inner(
    text: &str,
    limits: &Limits,
    retry_deep: bool,
    use_census: bool,
    each: &mut dyn FnMut(&mut Document),
) -> Result<Vec<Document>, YamlError> {
    let mut loc = Locator::new(text);
    let mut b = Builder::new(limits);
    let mut docs: Vec<Document> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    let mut census = Census::new(text);
    // Nodes copied by aliases so far, and whether the census has covered the current document.
    let mut copied = 0usize;
    let mut counted = false;
    let mut spans: Vec<Span> = Vec::new();
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(x) => x,
            Err(e) => return Err(scan_error(text, limits, &mut loc, &e, retry_deep)),
        };
        let pos = loc.pos(span.start);
        match event {
            Event::Nothing | Event::StreamStart => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                if !b.stack.is_empty() || b.root.is_some() {
                    return Err(internal(pos));
                }
                let start = line_start(text, pos.offset as usize);
                let line = pos.line;
                if let Some(last) = spans.last_mut() {
                    last.end = to_u32(start);
                }
                spans.push(Span {
                    start: to_u32(start),
                    line,
                    end: to_u32(text.len()),
                });
            }
            Event::DocumentEnd => {
                let mut doc = b.take_root(pos)?;
                each(&mut doc);
                docs.push(doc);
                // Anchors do not reach across documents (saphyr rejects such aliases anyway).
                b.anchors.clear();
                counted = false;
            }
            Event::Alias(id) => {
                copied = copied.saturating_add(b.anchors.get(&id).map_or(0, |a| a.count));
                if use_census && copied > CENSUS_AFTER && !counted {
                    counted = true;
                    if let Some(e) = census.count_through(docs.len(), limits.max_nodes) {
                        return Err(e);
                    }
                }
                b.alias(id, pos, || alias_name(text, pos))?;
            }
            Event::Scalar(raw, style, anchor, tag) => {
                yaml_scalar(&mut b, raw, style, anchor, tag.as_deref(), pos)?;
            }
            Event::SequenceStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), false, pos)?;
                b.begin(false, pos, anchor)?;
            }
            Event::MappingStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), true, pos)?;
                b.begin(true, pos, anchor)?;
            }
            Event::SequenceEnd | Event::MappingEnd => b.end(pos)?,
        }
    }
    // A document's span ends where the next one starts, known only once that one has.
    for (d, span) in docs.iter_mut().zip(spans) {
        d.span = span;
    }
    Ok(docs)
}

/// Alias copies (in nodes) after which the rest of the document is counted before it is built.
const CENSUS_AFTER: usize = 10_000;

/// A second, count-only pass over the event stream, run ahead of the builder once a document
/// copies many nodes through aliases. It counts exactly as the builder does (every scalar and
/// collection, and the full size of every alias copy), so an alias bomb is reported as
/// `TooManyNodes` at the same position as the builder would report it, but without building
/// the expansion first. It only moves forward: over a whole stream it costs at most one more
/// pass of saphyr. If the pass meets a syntax error it stops without a verdict: the builder
/// will meet that error itself, having built no more than `max_nodes` before it.
struct Census<'t> {
    text: &'t str,
    parser: Parser<'t, saphyr_parser::StrInput<'t>>,
    nodes: usize,
    /// Node counts before each open collection, with its anchor id.
    open: Vec<(usize, usize)>,
    anchors: HashMap<usize, usize>,
    /// Documents completed.
    docs: usize,
    done: bool,
}

impl<'t> Census<'t> {
    fn new(text: &'t str) -> Self {
        Census {
            text,
            parser: Parser::new_from_str(text),
            nodes: 0,
            open: Vec::new(),
            anchors: HashMap::new(),
            docs: 0,
            done: false,
        }
    }

    /// Counts up to the end of document number `doc` (0-based); returns the `TooManyNodes`
    /// error if the count goes past `max`.
    fn count_through(&mut self, doc: usize, max: usize) -> Option<YamlError> {
        while !self.done && self.docs <= doc {
            let Some(Ok((event, span))) = self.parser.next_event() else {
                self.done = true;
                break;
            };
            let (add, anchor) = match event {
                Event::Scalar(_, _, anchor, _) => (1, anchor),
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    self.open.push((self.nodes, anchor));
                    (1, 0)
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    if let Some((before, anchor)) = self.open.pop() {
                        if anchor != 0 {
                            self.anchors.insert(anchor, self.nodes - before);
                        }
                    }
                    continue;
                }
                Event::Alias(id) => match self.anchors.get(&id) {
                    Some(&n) => (n, 0),
                    None => {
                        self.done = true;
                        break;
                    }
                },
                Event::DocumentEnd => {
                    self.docs += 1;
                    self.anchors.clear();
                    continue;
                }
                Event::StreamEnd => {
                    self.done = true;
                    break;
                }
                Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => continue,
            };
            if add > max.saturating_sub(self.nodes) {
                self.done = true;
                return Some(YamlError {
                    kind: YamlErrorKind::TooManyNodes { limit: max },
                    pos: Locator::new(self.text).pos(span.start),
                });
            }
            self.nodes += add;
            if anchor != 0 {
                self.anchors.insert(anchor, 1);
            }
        }
        None
    }
}

/// Turns a saphyr error into ours.
fn scan_error(text: &str, limits: &Limits, loc: &mut Locator<'_>, e: &ScanError, retry_deep: bool) -> YamlError {
    let pos = loc.pos(*e.marker());
    match e.info() {
        "while parsing node, found unknown anchor" => YamlError {
            kind: YamlErrorKind::UnknownAlias(alias_name(text, pos)),
            pos,
        },
        "recursion limit exceeded" => {
            let limit = limits.max_depth.min(SAPHYR_FLOW_LIMIT);
            let too_deep = YamlError {
                kind: YamlErrorKind::TooDeep { limit },
                pos,
            };
            if !retry_deep {
                return too_deep;
            }
            // Everything before this point scans within saphyr's limit; building it again
            // finds the first level past `max_depth` (or an earlier error of another kind).
            let prefix = text.get(..pos.offset as usize).unwrap_or("");
            match parse_yaml_inner(prefix, limits, false, true, &mut |_| {}) {
                Err(e) if !matches!(e.kind, YamlErrorKind::Syntax(_)) => e,
                _ => too_deep,
            }
        }
        info => YamlError {
            kind: YamlErrorKind::Syntax(info.to_string()),
            pos,
        },
    }
}

/// The name of the alias written at `pos` (after its `*`).
fn alias_name(text: &str, pos: Pos) -> String {
    let rest = text.get(pos.offset as usize..).unwrap_or("");
    let rest = rest.strip_prefix('*').unwrap_or(rest);
    rest.chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .take(200)
        .collect()
}

/// An owned copy of a scalar's text without spare capacity: the parser builds escaped and
/// folded scalars by pushing characters, and the growth slack (kept for the whole run by every
/// key and string of the inventory) was about a third of the memory the parsed documents held.
fn exact(raw: Cow<'_, str>) -> String {
    match raw {
        Cow::Borrowed(s) => s.to_owned(),
        Cow::Owned(mut s) => {
            s.shrink_to_fit();
            s
        }
    }
}

fn yaml_scalar(
    b: &mut Builder<'_>,
    raw: Cow<'_, str>,
    style: ScalarStyle,
    anchor: usize,
    tag: Option<&Tag>,
    pos: Pos,
) -> Result<(), YamlError> {
    b.count_node(pos)?;
    let plain = matches!(style, ScalarStyle::Plain);
    if b.key_expected() {
        let merge = plain && tag.is_none() && raw == "<<";
        if tag.is_none() && anchor == 0 {
            // The common case: no resolution needed, only the null spellings change.
            let key = if plain && is_null(&raw) {
                "null".to_string()
            } else {
                exact(raw)
            };
            return b.key(key, pos, merge);
        }
        let value = resolve_scalar(&raw, plain, tag).map_err(|kind| YamlError { kind, pos })?;
        let key = if value.is_null() {
            "null".to_string()
        } else {
            exact(raw)
        };
        if anchor != 0 {
            b.anchors.insert(
                anchor,
                Anchored {
                    value,
                    node: PosNode {
                        pos,
                        children: Children::None,
                    },
                    count: 1,
                    height: 0,
                    key: Some(key.clone()),
                },
            );
        }
        return b.key(key, pos, merge);
    }
    if anchor != 0 {
        let value = resolve_scalar(&raw, plain, tag).map_err(|kind| YamlError { kind, pos })?;
        let key = if value.is_null() {
            "null".to_string()
        } else {
            exact(raw)
        };
        b.anchors.insert(
            anchor,
            Anchored {
                value: value.clone(),
                node: PosNode {
                    pos,
                    children: Children::None,
                },
                count: 1,
                height: 0,
                key: Some(key),
            },
        );
        return b.scalar(value, pos);
    }
    let value = resolve_owned(raw, plain, tag).map_err(|kind| YamlError { kind, pos })?;
    b.scalar(value, pos)
}

/// The tags this module knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CoreTag {
    Str,
    Int,
    Float,
    Bool,
    Null,
    Map,
    Seq,
    /// `!`: a plain scalar is a string; a collection is as it is.
    NonSpecific,
}

const CORE_PREFIX: &str = "tag:yaml.org,2002:";

fn classify_tag(tag: &Tag) -> Result<CoreTag, YamlErrorKind> {
    let core = if tag.handle == CORE_PREFIX {
        Some(tag.suffix.as_str())
    } else if tag.handle.is_empty() {
        if tag.suffix == "!" {
            return Ok(CoreTag::NonSpecific);
        }
        tag.suffix.strip_prefix(CORE_PREFIX)
    } else {
        None
    };
    match core {
        Some("str") => Ok(CoreTag::Str),
        Some("int") => Ok(CoreTag::Int),
        Some("float") => Ok(CoreTag::Float),
        Some("bool") => Ok(CoreTag::Bool),
        Some("null") => Ok(CoreTag::Null),
        Some("map") => Ok(CoreTag::Map),
        Some("seq") => Ok(CoreTag::Seq),
        Some(other) => Err(YamlErrorKind::UnsupportedTag(format!("!!{other}"))),
        None => Err(YamlErrorKind::UnsupportedTag(format!("{}{}", tag.handle, tag.suffix))),
    }
}

fn tag_text(t: CoreTag) -> &'static str {
    match t {
        CoreTag::Str => "!!str",
        CoreTag::Int => "!!int",
        CoreTag::Float => "!!float",
        CoreTag::Bool => "!!bool",
        CoreTag::Null => "!!null",
        CoreTag::Map => "!!map",
        CoreTag::Seq => "!!seq",
        CoreTag::NonSpecific => "!",
    }
}

fn check_collection_tag(tag: Option<&Tag>, is_map: bool, pos: Pos) -> Result<(), YamlError> {
    let Some(tag) = tag else { return Ok(()) };
    let t = classify_tag(tag).map_err(|kind| YamlError { kind, pos })?;
    match (t, is_map) {
        (CoreTag::NonSpecific, _) | (CoreTag::Map, true) | (CoreTag::Seq, false) => Ok(()),
        _ => err(
            YamlErrorKind::NotRepresentable(format!(
                "{} on a {}",
                tag_text(t),
                if is_map { "mapping" } else { "sequence" }
            )),
            pos,
        ),
    }
}

/// Resolves a scalar, taking ownership of its text when it stays a string.
fn resolve_owned(raw: Cow<'_, str>, plain: bool, tag: Option<&Tag>) -> Result<Value, YamlErrorKind> {
    match (tag, plain) {
        (None, false) => Ok(Value::String(exact(raw))),
        (None, true) => match resolve_plain(&raw)? {
            Some(v) => Ok(v),
            None => Ok(Value::String(exact(raw))),
        },
        (Some(t), _) => resolve_scalar(&raw, plain, Some(t)),
    }
}

fn resolve_scalar(raw: &str, plain: bool, tag: Option<&Tag>) -> Result<Value, YamlErrorKind> {
    let Some(tag) = tag else {
        if !plain {
            return Ok(Value::String(raw.to_string()));
        }
        return Ok(resolve_plain(raw)?.unwrap_or_else(|| Value::String(raw.to_string())));
    };
    let t = classify_tag(tag)?;
    let mismatch = || YamlErrorKind::NotRepresentable(format!("{} {raw}", tag_text(t)).trim_end().to_string());
    match t {
        CoreTag::Str | CoreTag::NonSpecific => Ok(Value::String(raw.to_string())),
        CoreTag::Null if is_null(raw) => Ok(Value::Null),
        CoreTag::Null => Err(mismatch()),
        CoreTag::Bool => parse_bool(raw).map(Value::Bool).ok_or_else(mismatch),
        CoreTag::Int => match parse_int(raw) {
            Some(Ok(n)) => Ok(Value::Number(n)),
            Some(Err(())) => Err(YamlErrorKind::NotRepresentable(raw.to_string())),
            None => Err(mismatch()),
        },
        CoreTag::Float => {
            let f = match parse_float(raw) {
                Some(r) => r,
                None => match parse_int(raw) {
                    Some(Ok(n)) => n.as_f64().ok_or(()),
                    Some(Err(())) => Err(()),
                    None => return Err(mismatch()),
                },
            };
            f.ok()
                .and_then(Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| YamlErrorKind::NotRepresentable(raw.to_string()))
        }
        CoreTag::Map | CoreTag::Seq => Err(YamlErrorKind::NotRepresentable(format!("{} on a scalar", tag_text(t)))),
    }
}

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A plain scalar's value, or None when it is a string.
fn resolve_plain(s: &str) -> Result<Option<Value>, YamlErrorKind> {
    let Some(&first) = s.as_bytes().first() else {
        return Ok(Some(Value::Null));
    };
    match first {
        b'~' | b'n' | b'N' if is_null(s) => Ok(Some(Value::Null)),
        b't' | b'T' | b'f' | b'F' => Ok(parse_bool(s).map(Value::Bool)),
        b'0'..=b'9' | b'+' | b'-' | b'.' => {
            if let Some(r) = parse_int(s) {
                return r
                    .map(|n| Some(Value::Number(n)))
                    .map_err(|()| YamlErrorKind::NotRepresentable(s.to_string()));
            }
            match parse_float(s) {
                Some(Ok(f)) => match Number::from_f64(f) {
                    Some(n) => Ok(Some(Value::Number(n))),
                    None => Err(YamlErrorKind::NotRepresentable(s.to_string())),
                },
                Some(Err(())) => Err(YamlErrorKind::NotRepresentable(s.to_string())),
                None => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

/// Core-schema integer: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`. None when the text is not
/// of that form, `Some(Err)` when it is but does not fit i64/u64.
fn parse_int(s: &str) -> Option<Result<Number, ()>> {
    let radix = |digits: &str, r: u32| {
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(r)) {
            return None;
        }
        Some(u64::from_str_radix(digits, r).map(Number::from).map_err(|_| ()))
    };
    if let Some(d) = s.strip_prefix("0o") {
        return radix(d, 8);
    }
    if let Some(d) = s.strip_prefix("0x") {
        return radix(d, 16);
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if s.starts_with('-') {
        Some(s.parse::<i64>().map(Number::from).map_err(|_| ()))
    } else {
        Some(digits.parse::<u64>().map(Number::from).map_err(|_| ()))
    }
}

/// Core-schema float: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf`,
/// `.nan` (any of the three spellings). None when not of that form, `Some(Err)` for values
/// JSON cannot hold (NaN, infinities, overflow to infinity).
fn parse_float(s: &str) -> Option<Result<f64, ()>> {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN") {
        return Some(Err(()));
    }
    let b = unsigned.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_digits = digits(&mut i);
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = digits(&mut i);
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() => Some(Ok(f)),
        _ => Some(Err(())),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/// A JSON file: exactly one document (whitespace only gives `Ok(vec![])`; a leading byte order
/// mark is accepted). Duplicate keys are an error, as in YAML. Numbers: integers must fit i64 or
/// u64 (otherwise `NotRepresentable`, rather than a silent rounding to f64), `-0` is the integer
/// 0, other numbers are f64 (overflow to infinity is `NotRepresentable`).
///
/// Why a reader of our own rather than saphyr: JSON needs exact byte offsets (no character
/// index to convert), none of YAML's restrictions on flow content (saphyr keeps a long
/// look-ahead inside nested flow collections, caps implicit keys, and would resolve numbers by
/// the YAML schema), and one byte-level pass is much faster on large files.
///
/// Why serde_json is not run first: without the `serde` crate (not a dependency) serde_json can
/// only check syntax by building a whole `Value`, which would double the work and memory on
/// large files; and its nesting limit of 128 would reject documents within `max_depth`. So the
/// reader here is itself strict (RFC 8259; tested to accept and reject exactly what serde_json
/// does), and when it finds a syntax error, serde_json parses the text to report its own message
/// and line/column, converted to a [`Pos`].
pub fn parse_json(text: &str, limits: &Limits) -> Result<Vec<Document>, YamlError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text.get(start..).unwrap_or("");
    if body.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
        return Ok(Vec::new());
    }
    let mut reader = JsonReader {
        text,
        bytes: text.as_bytes(),
        i: start,
        line: 1,
        col_byte: start,
        col_chars: 0,
        b: Builder::new(limits),
    };
    match reader.run() {
        Ok(mut doc) => {
            doc.span = Span {
                start: 0,
                line: 1,
                end: to_u32(text.len()),
            };
            Ok(vec![doc])
        }
        Err(e) if matches!(e.kind, YamlErrorKind::Syntax(_)) => Err(serde_syntax_error(text, start).unwrap_or(e)),
        Err(e) => Err(e),
    }
}

/// serde_json's syntax error for the text after `start`, if it reports one other than its own
/// nesting limit.
fn serde_syntax_error(text: &str, start: usize) -> Option<YamlError> {
    let body = text.get(start..)?;
    let e = serde_json::from_str::<Value>(body).err()?;
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = msg.strip_suffix(&suffix).unwrap_or(&msg).to_string();
    if msg.starts_with("recursion limit exceeded") {
        return None;
    }
    // serde_json counts lines by '\n' and columns in bytes (1-based; 0 at the start of a line).
    let mut line_start = 0;
    if e.line() > 1 {
        line_start = body
            .match_indices('\n')
            .nth(e.line() - 2)
            .map_or(body.len(), |(i, _)| i + 1);
    }
    let mut at = line_start.saturating_add(e.column().saturating_sub(1)).min(body.len());
    while at > line_start && !body.is_char_boundary(at) {
        at -= 1;
    }
    let column = body.get(line_start..at).map_or(0, |s| s.chars().count()) + 1;
    Some(YamlError {
        kind: YamlErrorKind::Syntax(msg),
        pos: Pos {
            offset: to_u32(start + at),
            line: to_u32(e.line()),
            column: to_u32(column),
        },
    })
}

struct JsonReader<'t, 'l> {
    text: &'t str,
    bytes: &'t [u8],
    i: usize,
    line: u32,
    /// Characters of the current line before `col_byte` (a BOM counts none).
    col_byte: usize,
    col_chars: usize,
    b: Builder<'l>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum JsonState {
    /// A value must come.
    Value,
    /// After `[`: a value or `]`.
    ItemOrEnd,
    /// After `{`: a key or `}`.
    KeyOrEnd,
    /// After `,` in an object: a key.
    Key,
    /// After a value: `,`, a closing bracket, or the end of the text.
    After,
}

impl JsonReader<'_, '_> {
    fn pos(&mut self) -> Pos {
        let at = self.i;
        if let Some(seg) = self.bytes.get(self.col_byte..at) {
            self.col_chars += seg.iter().filter(|&&c| (c & 0xC0) != 0x80).count();
            self.col_byte = at;
        }
        Pos {
            offset: to_u32(at),
            line: self.line,
            column: to_u32(self.col_chars + 1),
        }
    }

    fn syntax<T>(&mut self, msg: &str) -> Result<T, YamlError> {
        let pos = self.pos();
        err(YamlErrorKind::Syntax(msg.to_string()), pos)
    }

    fn skip_ws(&mut self) {
        while let Some(&c) = self.bytes.get(self.i) {
            match c {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\n' => {
                    self.i += 1;
                    self.line = self.line.saturating_add(1);
                    self.col_byte = self.i;
                    self.col_chars = 0;
                }
                _ => break,
            }
        }
    }

    fn run(&mut self) -> Result<Document, YamlError> {
        let mut st = JsonState::Value;
        loop {
            self.skip_ws();
            let c = self.bytes.get(self.i).copied();
            match st {
                JsonState::Value | JsonState::ItemOrEnd => {
                    if st == JsonState::ItemOrEnd && c == Some(b']') {
                        let pos = self.pos();
                        self.i += 1;
                        self.b.end(pos)?;
                        st = JsonState::After;
                        continue;
                    }
                    let pos = self.pos();
                    match c {
                        Some(b'{') => {
                            self.b.begin(true, pos, 0)?;
                            self.i += 1;
                            st = JsonState::KeyOrEnd;
                        }
                        Some(b'[') => {
                            self.b.begin(false, pos, 0)?;
                            self.i += 1;
                            st = JsonState::ItemOrEnd;
                        }
                        Some(b'"') => {
                            self.b.count_node(pos)?;
                            let s = self.string()?;
                            self.b.scalar(Value::String(s), pos)?;
                            st = JsonState::After;
                        }
                        Some(b'-' | b'0'..=b'9') => {
                            self.b.count_node(pos)?;
                            let n = self.number(pos)?;
                            self.b.scalar(Value::Number(n), pos)?;
                            st = JsonState::After;
                        }
                        Some(b't' | b'f' | b'n') => {
                            self.b.count_node(pos)?;
                            let v = self.literal()?;
                            self.b.scalar(v, pos)?;
                            st = JsonState::After;
                        }
                        None => return self.syntax("EOF while parsing a value"),
                        Some(_) => return self.syntax("expected value"),
                    }
                }
                JsonState::KeyOrEnd | JsonState::Key => {
                    if st == JsonState::KeyOrEnd && c == Some(b'}') {
                        let pos = self.pos();
                        self.i += 1;
                        self.b.end(pos)?;
                        st = JsonState::After;
                        continue;
                    }
                    match c {
                        Some(b'"') => {}
                        None => return self.syntax("EOF while parsing an object"),
                        Some(_) => return self.syntax("key must be a string"),
                    }
                    let pos = self.pos();
                    self.b.count_node(pos)?;
                    let key = self.string()?;
                    self.b.key(key, pos, false)?;
                    self.skip_ws();
                    match self.bytes.get(self.i) {
                        Some(b':') => self.i += 1,
                        None => return self.syntax("EOF while parsing an object"),
                        Some(_) => return self.syntax("expected `:`"),
                    }
                    st = JsonState::Value;
                }
                JsonState::After => {
                    let in_map = match self.b.stack.last() {
                        None => {
                            if c.is_some() {
                                return self.syntax("trailing characters");
                            }
                            let pos = self.pos();
                            return self.b.take_root(pos);
                        }
                        Some(f) => matches!(f.body, Body::Map { .. }),
                    };
                    match (c, in_map) {
                        (Some(b','), false) => {
                            self.i += 1;
                            st = JsonState::Value;
                        }
                        (Some(b','), true) => {
                            self.i += 1;
                            st = JsonState::Key;
                        }
                        (Some(b']'), false) | (Some(b'}'), true) => {
                            let pos = self.pos();
                            self.i += 1;
                            self.b.end(pos)?;
                        }
                        (None, false) => return self.syntax("EOF while parsing a list"),
                        (None, true) => return self.syntax("EOF while parsing an object"),
                        (Some(_), false) => return self.syntax("expected `,` or `]`"),
                        (Some(_), true) => return self.syntax("expected `,` or `}`"),
                    }
                }
            }
        }
    }

    /// Reads a string starting at the `"` at `self.i`.
    fn string(&mut self) -> Result<String, YamlError> {
        let open = self.i;
        let mut j = open + 1;
        let mut escaped = false;
        loop {
            match self.bytes.get(j).copied() {
                None => {
                    self.i = j.min(self.bytes.len());
                    return self.syntax("EOF while parsing a string");
                }
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    j += 2;
                }
                Some(c) if c < 0x20 => {
                    self.i = j;
                    return self.syntax("control character (\\u0000-\\u001F) found while parsing a string");
                }
                Some(_) => j += 1,
            }
        }
        self.i = j + 1;
        let s = if escaped {
            // serde_json decodes the escapes (and rejects bad ones and lone surrogates).
            self.text
                .get(open..=j)
                .and_then(|lit| serde_json::from_str::<String>(lit).ok())
        } else {
            self.text.get(open + 1..j).map(str::to_string)
        };
        match s {
            Some(s) => Ok(s),
            None => {
                self.i = open;
                self.syntax("invalid escape in string")
            }
        }
    }

    /// Reads a number (RFC 8259 grammar) starting at `self.i`.
    fn number(&mut self, pos: Pos) -> Result<Number, YamlError> {
        let start = self.i;
        let b = self.bytes;
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |i: &mut usize| {
            let s = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - s
        };
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            _ => {
                self.i = i;
                return self.syntax("invalid number");
            }
        }
        let mut float = false;
        if b.get(i) == Some(&b'.') {
            i += 1;
            float = true;
            if digits(&mut i) == 0 {
                self.i = i;
                return self.syntax("invalid number");
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            float = true;
            if matches!(b.get(i), Some(b'-' | b'+')) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                self.i = i;
                return self.syntax("invalid number");
            }
        }
        self.i = i;
        let lit = self.text.get(start..i).unwrap_or("");
        let n = if float {
            lit.parse::<f64>().ok().and_then(Number::from_f64)
        } else if lit.starts_with('-') {
            lit.parse::<i64>().ok().map(Number::from)
        } else {
            lit.parse::<u64>().ok().map(Number::from)
        };
        match n {
            Some(n) => Ok(n),
            None => err(YamlErrorKind::NotRepresentable(lit.to_string()), pos),
        }
    }

    fn literal(&mut self) -> Result<Value, YamlError> {
        let rest = self.bytes.get(self.i..).unwrap_or(&[]);
        let (len, v) = if rest.starts_with(b"true") {
            (4, Value::Bool(true))
        } else if rest.starts_with(b"false") {
            (5, Value::Bool(false))
        } else if rest.starts_with(b"null") {
            (4, Value::Null)
        } else {
            return self.syntax("expected value");
        };
        self.i += len;
        Ok(v)
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
#[cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(offset: u32, line: u32, column: u32) -> Pos {
        Pos { offset, line, column }
    }

    fn key(k: &str) -> Seg {
        Seg::Key(k.to_string())
    }

    fn yaml(text: &str) -> Vec<Document> {
        parse_yaml(text, &Limits::default()).unwrap()
    }

    /// Every document parsed alone from its span has the positions it had in the whole text.
    fn assert_spans_reparse(text: &str, json: bool) {
        let docs = if json {
            parse_json(text, &Limits::default()).unwrap()
        } else {
            parse_yaml(text, &Limits::default()).unwrap()
        };
        for (i, d) in docs.iter().enumerate() {
            let again = reparse(text, json, d.span, &Limits::default());
            assert_eq!(again.as_ref(), Some(&d.pos), "document {i} of {text:?} at {:?}", d.span);
        }
    }

    #[test]
    fn documents_reparse_alone_from_their_spans() {
        for text in [
            "a: 1\nb: [x, y]\n",
            "---\na: 1\n---\nb:\n  c: 2\n...\n--- {d: 3}\n",
            "# lead\n\n  a: 1\n  b: 2\n---\n# between\nc: [1, 2]\n",
            "\u{feff}a: 1\n---\nb: é\n",
            "a: 1\r\n---\r\nb: 2\r\n",
            "a: 1\r---\rb: 2\r",
            "--- &x {k: v}\n---\nbase: &b {p: 1}\nm:\n  <<: *b\n  q: 2\nr: *b\n",
            "a: 1\n...\nb: 2\n...\n",
            "--- |\n  text\n--- >\n  folded\n---\n- 'quoted: ---'\n- \"x\"\n",
            "---\n---\na: 1\n",
        ] {
            assert!(spans_stand_alone(text), "{text:?}");
            assert_spans_reparse(text, false);
        }
        assert_spans_reparse("\u{feff}\n {\"a\": [1, {\"b\": \"é\"}]}\n", true);
        assert!(!spans_stand_alone("%YAML 1.2\n---\na: 1\n"));
        assert!(!spans_stand_alone("a: 1\n...\n%TAG ! tag:x,2000:\n---\nb: 2\n"));
        // A span of another text gives nothing rather than wrong positions.
        let d = yaml("a: 1\n---\nb: 2\n");
        assert_eq!(reparse("a: 1\n", false, d[1].span, &Limits::default()), None);
    }

    fn yaml1(text: &str) -> Document {
        let mut docs = yaml(text);
        assert_eq!(docs.len(), 1, "{text:?}");
        docs.remove(0)
    }

    /// Every key and string of a parsed document holds exactly its text: the parser's growth
    /// slack would otherwise stay allocated for the whole run.
    #[test]
    fn strings_keep_no_spare_capacity() {
        fn check(v: &Value, seen: &mut usize) {
            match v {
                Value::String(s) => {
                    assert_eq!(s.capacity(), s.len(), "{s:?}");
                    *seen += 1;
                }
                Value::Array(items) => items.iter().for_each(|i| check(i, seen)),
                Value::Object(map) => {
                    for (k, v) in map {
                        assert_eq!(k.capacity(), k.len(), "{k:?}");
                        *seen += 1;
                        check(v, seen);
                    }
                }
                _ => {}
            }
        }
        let text = "\"k\\u00e9y with escapes\\t\": \"a\\tb \\\"quoted\\\" and a long tail of text\"\n\
                    plain key: plain text\n\
                    'single''s': 'it''s folded\n  over two lines'\n\
                    block: |\n  line one\n  line two\n\
                    folded: >\n  a folded\n  paragraph\n\
                    list: [\"x\\ny\", 'z''z', plain]\n";
        let mut seen = 0;
        check(&yaml1(text).value, &mut seen);
        assert!(seen >= 14, "{seen}");
    }

    fn yaml_err(text: &str) -> YamlError {
        match parse_yaml(text, &Limits::default()) {
            Ok(docs) => panic!(
                "{text:?} parsed: {:?}",
                docs.iter().map(|d| &d.value).collect::<Vec<_>>()
            ),
            Err(e) => e,
        }
    }

    fn json1(text: &str) -> Document {
        let mut docs = parse_json(text, &Limits::default()).unwrap();
        assert_eq!(docs.len(), 1, "{text:?}");
        docs.remove(0)
    }

    fn json_err(text: &str) -> YamlError {
        parse_json(text, &Limits::default()).unwrap_err()
    }

    fn at(doc: &Document, path: &str) -> Pos {
        let segs = parse_path(path).unwrap();
        let (pos, n) = doc.pos.lookup(&segs);
        assert_eq!(n, segs.len(), "path {path} not found");
        pos
    }

    /// Line and column computed independently: breaks are "\r\n", "\n" or "\r"; a BOM at the
    /// very start takes no column.
    fn naive_pos(text: &str, offset: usize) -> Pos {
        let before = &text[..offset];
        let mut line = 1;
        let mut col = 0;
        let mut chars = before.chars().peekable();
        let mut first = true;
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    line += 1;
                    col = 0;
                }
                '\u{feff}' if first => {}
                _ => col += 1,
            }
            first = false;
        }
        p(offset as u32, line, col + 1)
    }

    /// The position of the `nth` (0-based) occurrence of `needle` in `text`.
    fn find(text: &str, needle: &str, nth: usize) -> Pos {
        let (offset, _) = text.match_indices(needle).nth(nth).unwrap();
        naive_pos(text, offset)
    }

    fn all_positions(node: &PosNode, out: &mut Vec<Pos>) {
        out.push(node.pos);
        match &node.children {
            Children::None => {}
            Children::Map(m) => m.iter().for_each(|(_, c)| all_positions(c, out)),
            Children::Seq(s) => s.iter().for_each(|c| all_positions(c, out)),
        }
    }

    // ---- positions ----------------------------------------------------------------------

    #[test]
    fn japanese_text_before_a_key_and_on_the_same_line() {
        let doc = yaml1("名前: 山田\nkey: v");
        assert_eq!(doc.value, json!({"名前": "山田", "key": "v"}));
        assert_eq!(at(&doc, r#"["名前"]"#), p(0, 1, 1));
        // "名前: 山田\n" is 15 bytes.
        assert_eq!(at(&doc, "key"), p(15, 2, 1));

        // After multibyte text on the same line: byte offset and character column differ.
        let doc = yaml1("名前: [山田, x]\n次: {キー: 値, k: v}");
        assert_eq!(at(&doc, r#"["名前"][1]"#), p(17, 1, 10));
        // "名前: [山田, x]\n" is 20 bytes; "次: {キー: 値, " is 19 bytes, 11 characters.
        assert_eq!(at(&doc, r#"["次"].k"#), p(20 + 19, 2, 12));
        assert_eq!(at(&doc, r#"["次"]["キー"]"#), p(20 + 6, 2, 5));
        for pos in [at(&doc, r#"["次"].k"#), at(&doc, r#"["名前"][1]"#)] {
            assert_eq!(
                pos,
                naive_pos("名前: [山田, x]\n次: {キー: 値, k: v}", pos.offset as usize)
            );
        }
    }

    #[test]
    fn error_after_a_quoted_japanese_value() {
        // The more-indented `b` cannot continue a quoted scalar: the error points at it.
        let e = yaml_err("a: \"日本\" \n  b");
        assert!(matches!(e.kind, YamlErrorKind::Syntax(_)), "{e:?}");
        // `a: "日本" \n` is 13 bytes.
        assert_eq!(e.pos, p(15, 2, 3));
    }

    #[test]
    fn bom_is_skipped_for_columns_but_counted_in_offsets() {
        let doc = yaml1("\u{feff}a: 1\nb: 2");
        assert_eq!(doc.value, json!({"a": 1, "b": 2}));
        assert_eq!(doc.pos.pos, p(3, 1, 1));
        assert_eq!(at(&doc, "a"), p(3, 1, 1));
        assert_eq!(at(&doc, "b"), p(8, 2, 1));
        let doc = json1("\u{feff}{\"a\": [1, 2]}");
        assert_eq!(doc.pos.pos, p(3, 1, 1));
        assert_eq!(at(&doc, "a"), p(4, 1, 2));
        assert_eq!(at(&doc, "a[1]"), p(13, 1, 11));
        assert!(yaml("\u{feff}").is_empty());
        assert!(parse_json("\u{feff} \n", &Limits::default()).unwrap().is_empty());
    }

    #[test]
    fn block_and_flow_positions() {
        let text =
            "spec:\n  list:\n    - id: 1\n    - {id: 2, name: 名}\n    -   plain\n  flow: [a, [b, c]]\nroot: x\n";
        let doc = yaml1(text);
        assert_eq!(
            doc.value,
            json!({"spec": {"list": [{"id": 1}, {"id": 2, "name": "名"}, "plain"], "flow": ["a", ["b", "c"]]}, "root": "x"})
        );
        assert_eq!(doc.pos.pos, p(0, 1, 1));
        assert_eq!(at(&doc, "spec"), p(0, 1, 1));
        assert_eq!(at(&doc, "spec.list"), p(8, 2, 3));
        // A sequence item's position is the start of the item's node.
        assert_eq!(at(&doc, "spec.list[0]"), p(20, 3, 7));
        assert_eq!(at(&doc, "spec.list[0].id"), p(20, 3, 7));
        assert_eq!(at(&doc, "spec.list[1]"), p(32, 4, 7));
        assert_eq!(at(&doc, "spec.list[1].name"), find(text, "name", 0));
        assert_eq!(at(&doc, "spec.list[1].name").column, 15);
        assert_eq!(at(&doc, "spec.list[2]"), find(text, "plain", 0));
        assert_eq!(at(&doc, "spec.list[2]").column, 9);
        assert_eq!(at(&doc, "spec.flow[1][1]"), find(text, "c]", 0));
        assert_eq!(at(&doc, "root"), find(text, "root", 0));
        let mut all = Vec::new();
        all_positions(&doc.pos, &mut all);
        for pos in all {
            assert_eq!(pos, naive_pos(text, pos.offset as usize));
        }
    }

    #[test]
    fn crlf_and_root_positions() {
        let doc = yaml1("a: 1\r\nb:\r\n  - x\r\n");
        assert_eq!(at(&doc, "b"), p(6, 2, 1));
        assert_eq!(at(&doc, "b[0]"), p(14, 3, 5));
        let doc = yaml1("# comment\n\n  hello");
        assert_eq!(doc.value, json!("hello"));
        assert_eq!(doc.pos.pos, p(13, 3, 3));
        let doc = yaml1("--- &r !!seq\n- 1\n");
        assert_eq!(doc.value, json!([1]));
        assert_eq!(doc.pos.pos, p(4, 1, 5));
        assert_eq!(at(&doc, "[0]"), p(15, 2, 3));
    }

    #[test]
    fn multi_document_streams_keep_counting_lines() {
        let text = "a: 1\n---\nb: 2\n...\n---\nc: [1, 2]\n--- x\n";
        let docs = yaml(text);
        assert_eq!(docs.len(), 4);
        assert_eq!(docs[0].value, json!({"a": 1}));
        assert_eq!(docs[1].value, json!({"b": 2}));
        assert_eq!(docs[2].value, json!({"c": [1, 2]}));
        assert_eq!(docs[3].value, json!("x"));
        assert_eq!(docs[0].pos.lookup(&[key("a")]), (p(0, 1, 1), 1));
        assert_eq!(docs[1].pos.lookup(&[key("b")]), (p(9, 3, 1), 1));
        assert_eq!(docs[2].pos.lookup(&[key("c"), Seg::Index(1)]), (p(29, 6, 8), 2));
        assert_eq!(docs[3].pos.pos, p(36, 7, 5));
    }

    #[test]
    fn empty_streams_and_empty_documents() {
        for text in ["", "# only a comment\n", "\n\n   \n", "# a\n# b", "\u{feff}# c\n"] {
            assert!(yaml(text).is_empty(), "{text:?}");
        }
        let docs = yaml("---\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].value, Value::Null);
        let docs = yaml("---\n...\n---\n# nothing\n---\na: 1\n");
        let values: Vec<_> = docs.iter().map(|d| d.value.clone()).collect();
        assert_eq!(values, vec![Value::Null, Value::Null, json!({"a": 1})]);
        assert_eq!(docs[2].pos.pos, p(26, 6, 1));
    }

    // ---- scalars, keys, tags -------------------------------------------------------------

    #[test]
    fn core_schema_scalars() {
        let cases: &[(&str, Value)] = &[
            ("null", Value::Null),
            ("Null", Value::Null),
            ("NULL", Value::Null),
            ("~", Value::Null),
            ("", Value::Null),
            ("nULL", json!("nULL")),
            ("true", json!(true)),
            ("True", json!(true)),
            ("TRUE", json!(true)),
            ("false", json!(false)),
            ("False", json!(false)),
            ("FALSE", json!(false)),
            ("tRUE", json!("tRUE")),
            ("yes", json!("yes")),
            ("no", json!("no")),
            ("on", json!("on")),
            ("off", json!("off")),
            ("y", json!("y")),
            ("0", json!(0)),
            ("-0", json!(0)),
            ("+12", json!(12)),
            ("-12", json!(-12)),
            ("012", json!(12)),
            ("0o17", json!(15)),
            ("0x1F", json!(31)),
            ("0x1f", json!(31)),
            ("0X1F", json!("0X1F")),
            ("-0x1F", json!("-0x1F")),
            ("0o8", json!("0o8")),
            ("0x", json!("0x")),
            ("1_000", json!("1_000")),
            ("9223372036854775807", json!(i64::MAX)),
            ("9223372036854775808", json!(9_223_372_036_854_775_808_u64)),
            ("18446744073709551615", json!(u64::MAX)),
            ("-9223372036854775808", json!(i64::MIN)),
            ("0xFFFFFFFFFFFFFFFF", json!(u64::MAX)),
            ("1.5", json!(1.5)),
            ("1e3", json!(1000.0)),
            ("-2.5E-3", json!(-0.0025)),
            ("1.", json!(1.0)),
            (".5", json!(0.5)),
            ("+.5e+1", json!(5.0)),
            ("1e", json!("1e")),
            ("1.2.3", json!("1.2.3")),
            (".", json!(".")),
            ("-x", json!("-x")),
            ("--1", json!("--1")),
            ("+", json!("+")),
            ("2025-04-01", json!("2025-04-01")),
            ("08:30", json!("08:30")),
            ("1:30", json!("1:30")),
            ("inf", json!("inf")),
            ("nan", json!("nan")),
            ("'123'", json!("123")),
            ("\"true\"", json!("true")),
            ("'null'", json!("null")),
            ("''", json!("")),
            ("\"0x1F\"", json!("0x1F")),
            ("|\n  12\n", json!("12\n")),
            (">-\n  true\n", json!("true")),
        ];
        for (text, want) in cases {
            let doc = yaml(&format!("v: {text}"));
            assert_eq!(doc[0].value["v"], *want, "{text:?}");
        }
    }

    #[test]
    fn unrepresentable_scalars() {
        for (text, what) in [
            (".nan", ".nan"),
            (".NaN", ".NaN"),
            (".inf", ".inf"),
            ("-.Inf", "-.Inf"),
            ("+.INF", "+.INF"),
            ("1e999", "1e999"),
            ("18446744073709551616", "18446744073709551616"),
            ("-9223372036854775809", "-9223372036854775809"),
            ("0x10000000000000000", "0x10000000000000000"),
            ("!!int abc", "!!int abc"),
            ("!!int", "!!int"),
            ("!!bool yes", "!!bool yes"),
            ("!!null 0", "!!null 0"),
            ("!!float x", "!!float x"),
            ("!!float -0x10", "!!float -0x10"),
            ("!!float .nan", ".nan"),
            ("!!map x", "!!map on a scalar"),
            ("!!str [1]", "!!str on a sequence"),
            ("!!seq {a: 1}", "!!seq on a mapping"),
        ] {
            let e = yaml_err(&format!("a: 1\nv: {text}"));
            assert_eq!(e.kind, YamlErrorKind::NotRepresentable(what.to_string()), "{text}");
            assert_eq!(e.pos, p(8, 2, 4), "{text}");
        }
        let e = yaml_err("- [x, .nan]");
        assert_eq!(e.pos, p(6, 1, 7));
    }

    #[test]
    fn keys_are_strings_from_the_source_text() {
        let doc = yaml1("1: a\ntrue: b\nnull: c\n0x1F: d\n1.50: e\n\"q\": f\n'': g\n");
        let keys: Vec<_> = doc.value.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["1", "true", "null", "0x1F", "1.50", "q", ""]);
        assert_eq!(yaml1("~: x").value, json!({"null": "x"}));
        assert_eq!(yaml1("? \n: x").value, json!({"null": "x"}));
        assert_eq!(yaml1(".nan: x").value, json!({".nan": "x"}));
        assert_eq!(yaml1("!!str 1: x\n!!null : y").value, json!({"1": "x", "null": "y"}));
        // `~` and `null` are the same key.
        let e = yaml_err("~: 1\nnull: 2");
        assert_eq!(
            e.kind,
            YamlErrorKind::DuplicateKey {
                key: "null".into(),
                first: p(0, 1, 1)
            }
        );
        assert_eq!(e.pos, p(5, 2, 1));
        let e = yaml_err("!!int x: 1");
        assert_eq!(e.kind, YamlErrorKind::NotRepresentable("!!int x".into()));
    }

    #[test]
    fn tags() {
        let doc = yaml1(concat!(
            "a: !!str 123\n",
            "b: !!int \"12\"\n",
            "c: !!float 1\n",
            "d: !!bool 'true'\n",
            "e: !!null ''\n",
            "f: !!map {x: 1}\n",
            "g: !!seq [1]\n",
            "h: ! 12\n",
            "i: !<tag:yaml.org,2002:int> 7\n",
            "j: !!str\n",
            "k: !!float 0x10\n",
            "l: ! [1]\n",
        ));
        assert_eq!(
            doc.value,
            json!({"a": "123", "b": 12, "c": 1.0, "d": true, "e": null, "f": {"x": 1},
                   "g": [1], "h": "12", "i": 7, "j": "", "k": 16.0, "l": [1]})
        );
    }

    #[test]
    fn tag_directives_resolve_to_core_tags() {
        let docs = yaml("%TAG !e! tag:yaml.org,2002:\n--- !e!int 5\n");
        assert_eq!(docs[0].value, json!(5));
        // Overriding `!!` makes `!!str` a foreign tag.
        let e = yaml_err("%TAG !! tag:example.com,2000:\n---\na: !!str x\n");
        assert_eq!(e.kind, YamlErrorKind::UnsupportedTag("tag:example.com,2000:str".into()));
        assert_eq!(e.pos, p(37, 3, 4));
    }

    #[test]
    fn unsupported_tags() {
        for (text, tag) in [
            ("a: !foo x", "!foo"),
            ("a: !!binary aGVsbG8=", "!!binary"),
            ("a: !!timestamp 2001-12-14", "!!timestamp"),
            ("a: !!set {x}", "!!set"),
            ("a: !!omap [x: 1]", "!!omap"),
            ("a: !<tag:example.com,2000:x> y", "tag:example.com,2000:x"),
            ("a: &anchor !Ref x", "!Ref"),
        ] {
            let e = yaml_err(text);
            assert_eq!(e.kind, YamlErrorKind::UnsupportedTag(tag.into()), "{text}");
            assert_eq!(e.pos, p(3, 1, 4), "{text}");
        }
        let e = yaml_err("- !GetAtt x.y");
        assert_eq!(e.pos, p(2, 1, 3));
    }

    // ---- errors --------------------------------------------------------------------------

    #[test]
    fn syntax_errors() {
        let e = yaml_err("a: b: c");
        assert_eq!(
            e.kind,
            YamlErrorKind::Syntax("mapping values are not allowed in this context".into())
        );
        assert_eq!(e.pos, p(4, 1, 5));
        let e = yaml_err("a: [1, 2\nb: 3");
        assert!(matches!(e.kind, YamlErrorKind::Syntax(_)));
        let e = yaml_err("名前: \"山田\n");
        assert!(matches!(e.kind, YamlErrorKind::Syntax(_)));
        assert!(e.to_string().starts_with("syntax error: "));
        // saphyr reports this one at the end of the previous value.
        let e = yaml_err("a: 1\n\tb: 2");
        assert_eq!(
            e.kind,
            YamlErrorKind::Syntax("while scanning a plain scalar, found a tab".into())
        );
        assert_eq!(e.pos, p(3, 1, 4));
    }

    #[test]
    fn duplicate_keys() {
        let e = yaml_err("a: 1\nb: 2\na: 3");
        assert_eq!(
            e.kind,
            YamlErrorKind::DuplicateKey {
                key: "a".into(),
                first: p(0, 1, 1)
            }
        );
        assert_eq!(e.pos, p(10, 3, 1));
        let e = yaml_err("x:\n  - {名前: 1, 名前: 2}");
        assert_eq!(
            e.kind,
            YamlErrorKind::DuplicateKey {
                key: "名前".into(),
                first: p(8, 2, 6)
            }
        );
        assert_eq!(e.pos, p(19, 2, 13));
        // Quoted and plain spellings are the same key.
        let e = yaml_err("'a': 1\n\"a\": 2");
        assert_eq!(e.pos, p(7, 2, 1));
        // The same key in different mappings is fine.
        yaml1("a: {x: 1}\nb: {x: 2}");
        assert_eq!(
            yaml_err("a: 1\na: 2").to_string(),
            "duplicate key `a`: a key may appear only once in a mapping"
        );
    }

    #[test]
    fn too_deep() {
        let limits = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        let text = "a:\n  b:\n    c:\n      d: 1\n";
        let e = parse_yaml(text, &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooDeep { limit: 3 });
        assert_eq!(e.pos, p(21, 4, 7));
        assert!(parse_yaml("a:\n  b:\n    c: 1\n", &limits).is_ok());
        let e = parse_yaml("[[[[1]]]]", &limits).unwrap_err();
        assert_eq!((e.kind, e.pos), (YamlErrorKind::TooDeep { limit: 3 }, p(3, 1, 4)));
        let e = parse_json("[[[[1]]]]", &limits).unwrap_err();
        assert_eq!((e.kind, e.pos), (YamlErrorKind::TooDeep { limit: 3 }, p(3, 1, 4)));
        let e = parse_json("{\"a\": {\"b\": {\"c\": {}}}}", &limits).unwrap_err();
        assert_eq!(e.pos, p(18, 1, 19));
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let n = 100_000;
        let limit = Limits::default().max_depth as u32;
        // The first collection past the limit is the 129th.
        for (unit, len) in [("[", 1), ("{a: ", 4), ("- ", 2), ("[{a: ", 5)] {
            let text = unit.repeat(n);
            let e = parse_yaml(&text, &Limits::default()).unwrap_err();
            assert_eq!(e.kind, YamlErrorKind::TooDeep { limit: 128 }, "{unit}");
            let expect = if unit == "[{a: " {
                // alternating: the 129th collection is a `[` (the 65th unit).
                64 * len
            } else {
                limit * len
            };
            assert_eq!(e.pos.offset, expect, "{unit}");
        }
        // `{{` puts a mapping in key position.
        let e = parse_yaml(&"{".repeat(n), &Limits::default()).unwrap_err();
        assert_eq!((e.kind, e.pos), (YamlErrorKind::ComplexKey, p(1, 1, 2)));
        // Closed nesting, one level per line, and indented block mappings.
        let text = format!("{}{}", "[\n".repeat(n), "]\n".repeat(n));
        let e = parse_yaml(&text, &Limits::default()).unwrap_err();
        assert_eq!(e.pos, p(256, 129, 1));
        let mut text = String::new();
        for i in 0..2000 {
            text.push_str(&" ".repeat(i));
            text.push_str("a:\n");
        }
        let e = parse_yaml(&text, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooDeep { limit: 128 });
        assert_eq!(e.pos.line, 129);
        // JSON.
        let e = parse_json(&"[".repeat(n), &Limits::default()).unwrap_err();
        assert_eq!((e.kind, e.pos), (YamlErrorKind::TooDeep { limit: 128 }, p(128, 1, 129)));
        let e = parse_json(&"{\"a\":".repeat(n), &Limits::default()).unwrap_err();
        assert_eq!(e.pos.offset, 128 * 5);
        // Within a larger limit, deeper than serde_json's own limit of 128 is fine.
        let big = Limits {
            max_depth: 300,
            ..Limits::default()
        };
        let text = format!("{}{}", "[".repeat(250), "]".repeat(250));
        assert!(parse_json(&text, &big).is_ok());
        assert!(parse_yaml(&text, &big).is_ok());
        // saphyr refuses flow nesting past 255 whatever the limit.
        let text = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let e = parse_yaml(
            &text,
            &Limits {
                max_depth: 1000,
                ..Limits::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooDeep { limit: 255 });
        assert!(parse_json(
            &text,
            &Limits {
                max_depth: 1000,
                ..Limits::default()
            }
        )
        .is_ok());
    }

    #[test]
    fn alias_copies_are_bounded_in_depth() {
        let limits = Limits {
            max_depth: 5,
            ..Limits::default()
        };
        let text = "a: &a [[[1]]]\nb: [[*a]]\n";
        let e = parse_yaml(text, &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooDeep { limit: 5 });
        assert_eq!(e.pos, p(19, 2, 6));
        assert!(parse_yaml("a: &a [[[1]]]\nb: [*a]\n", &limits).is_ok());
    }

    #[test]
    fn too_many_nodes() {
        let limits = Limits {
            max_nodes: 5,
            ..Limits::default()
        };
        let e = parse_yaml("[1, 2, 3, 4, 5]", &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooManyNodes { limit: 5 });
        assert_eq!(e.pos, p(13, 1, 14));
        assert!(parse_yaml("[1, 2, 3, 4]", &limits).is_ok());
        // Keys count.
        let e = parse_yaml("a: 1\nb: 2\nc: 3", &limits).unwrap_err();
        assert_eq!(e.pos, p(10, 3, 1));
        let e = parse_json("[1, 2, 3, 4, 5]", &limits).unwrap_err();
        assert_eq!(
            (e.kind, e.pos),
            (YamlErrorKind::TooManyNodes { limit: 5 }, p(13, 1, 14))
        );
        // Alias copies count in full, and are refused before copying.
        // 6 nodes before the alias, which copies 3.
        let e = parse_yaml(
            "a: &a [1, 2]\nb: *a",
            &Limits {
                max_nodes: 8,
                ..Limits::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooManyNodes { limit: 8 });
        assert_eq!(e.pos, p(16, 2, 4));
        assert!(parse_yaml(
            "a: &a [1, 2]\nb: *a",
            &Limits {
                max_nodes: 9,
                ..Limits::default()
            }
        )
        .is_ok());
    }

    fn billion_laughs() -> String {
        let mut s = String::from("lol0: &lol0 \"lol\"\n");
        for i in 1..=9 {
            let items: Vec<String> = (0..9).map(|_| format!("*lol{}", i - 1)).collect();
            s.push_str(&format!("lol{i}: &lol{i} [{}]\n", items.join(", ")));
        }
        s
    }

    #[test]
    fn billion_laughs_fails_fast() {
        let text = billion_laughs();
        let small = Limits {
            max_nodes: 10_000,
            ..Limits::default()
        };
        let e = parse_yaml(&text, &small).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooManyNodes { limit: 10_000 });
        // lol4 holds 7381 nodes: the second alias to it (line 6) goes past 10 000.
        assert_eq!(e.pos.line, 6);
        assert_eq!(&text[e.pos.offset as usize..][..5], "*lol4");
        // With the default limit, the expansion stops in lol7, found by counting: nothing near
        // two million nodes is built first (this takes about a millisecond).
        let start = std::time::Instant::now();
        let e = parse_yaml(&text, &Limits::default()).unwrap_err();
        assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
        assert_eq!(e.kind, YamlErrorKind::TooManyNodes { limit: 2_000_000 });
        assert_eq!(e.pos.line, 8);
        assert_eq!(&text[e.pos.offset as usize..][..5], "*lol6");
        // A wide bomb: many aliases to one big anchor.
        let mut text = format!("a: &a [{}]\nb: [", vec!["x"; 1000].join(","));
        text.push_str(&vec!["*a"; 100_000].join(","));
        text.push(']');
        let e = parse_yaml(&text, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooManyNodes { limit: 2_000_000 });
    }

    #[test]
    fn census_reports_what_the_builder_would() {
        let mut bombs = vec![billion_laughs()];
        // Wide: many aliases to one anchor.
        bombs.push(format!(
            "a: &a [{}]\nb: [{}]\n",
            vec!["x"; 100].join(","),
            vec!["*a"; 3000].join(",")
        ));
        // Alias bombs in a later document, after one that uses aliases within the limit.
        bombs.push(format!(
            "a: &a [{}]\nb: [*a, *a]\n---\nc: 1\n---\n{}",
            vec!["x"; 20_000].join(","),
            billion_laughs()
        ));
        // Mappings, merges and keys.
        bombs.push(format!(
            "m: &m {{{}}}\nl: [{}]\n",
            (0..200).map(|i| format!("k{i}: v")).collect::<Vec<_>>().join(", "),
            vec!["{<<: *m, own: 1}"; 3000].join(", ")
        ));
        for limits in [
            Limits {
                max_nodes: 20_000,
                ..Limits::default()
            },
            Limits {
                max_nodes: 50_000,
                ..Limits::default()
            },
            Limits {
                max_nodes: 400_000,
                ..Limits::default()
            },
        ] {
            for text in &bombs {
                let with = parse_yaml_inner(text, &limits, true, true, &mut |_| {}).map(|d| d.len());
                let without = parse_yaml_inner(text, &limits, true, false, &mut |_| {}).map(|d| d.len());
                assert_eq!(with, without, "{limits:?}");
            }
        }
    }

    #[test]
    fn unknown_aliases() {
        let e = yaml_err("a: 1\nb: *nope");
        assert_eq!(
            (e.kind, e.pos),
            (YamlErrorKind::UnknownAlias("nope".into()), p(8, 2, 4))
        );
        let e = yaml_err("- [*x, y]");
        assert_eq!((e.kind, e.pos), (YamlErrorKind::UnknownAlias("x".into()), p(3, 1, 4)));
        // Anchors do not reach into the next document.
        let e = yaml_err("a: &x 1\n---\nb: *x");
        assert_eq!((e.kind, e.pos), (YamlErrorKind::UnknownAlias("x".into()), p(15, 3, 4)));
        // An alias inside its own anchor's node.
        let e = yaml_err("a: &x [1, *x]");
        assert_eq!((e.kind, e.pos), (YamlErrorKind::UnknownAlias("x".into()), p(10, 1, 11)));
    }

    #[test]
    fn complex_keys() {
        let e = yaml_err("? [a]\n: 1");
        assert_eq!((e.kind, e.pos), (YamlErrorKind::ComplexKey, p(2, 1, 3)));
        let e = yaml_err("x:\n  {a: 1}: 2");
        assert_eq!((e.kind, e.pos), (YamlErrorKind::ComplexKey, p(5, 2, 3)));
        let e = yaml_err("{[a]: 1}");
        assert_eq!((e.kind, e.pos), (YamlErrorKind::ComplexKey, p(1, 1, 2)));
        let e = yaml_err("a: &m {x: 1}\n*m : 2");
        assert_eq!((e.kind, e.pos), (YamlErrorKind::ComplexKey, p(13, 2, 1)));
    }

    #[test]
    fn display_has_no_position() {
        for text in ["a: b: c", "a: 1\na: 2", "a: *x", "a: !x y", "[a]: 1", "a: .nan"] {
            let e = yaml_err(text);
            let m = e.to_string();
            assert!(!m.contains("line") && !m.contains("column"), "{m}");
        }
        let e = yaml_err(&format!("a: 1\na: 2\n{}: 3\n{}: 4", "k".repeat(500), "k".repeat(500)));
        assert!(e.to_string().len() < 200);
        let limits = Limits {
            max_depth: 2,
            max_nodes: 3,
        };
        assert_eq!(
            parse_yaml("[[[1]]]", &limits).unwrap_err().to_string(),
            "collections are nested deeper than 2 levels"
        );
        assert_eq!(
            parse_yaml("[1, 2, 3]", &limits).unwrap_err().to_string(),
            "the input has more than 3 nodes once aliases are expanded"
        );
        assert_eq!(
            yaml_err("a: *x").to_string(),
            "the alias `*x` refers to no anchor completed before it in this document"
        );
        assert_eq!(yaml_err("a: !x y").to_string(), "unsupported tag `!x`");
        assert_eq!(yaml_err("a: .nan").to_string(), "value not representable in JSON: .nan");
        assert_eq!(
            yaml_err("[a]: 1").to_string(),
            "a mapping or a sequence cannot be used as a mapping key"
        );
    }

    // ---- aliases and merges --------------------------------------------------------------

    #[test]
    fn aliases_copy_values_and_positions() {
        let text = "base: &b\n  x: 1\n  y: [2]\ncopy: *b\nlist: [*b, &s str, *s]\n*s : k\n";
        let doc = yaml1(text);
        assert_eq!(
            doc.value,
            json!({"base": {"x": 1, "y": [2]}, "copy": {"x": 1, "y": [2]},
                   "list": [{"x": 1, "y": [2]}, "str", "str"], "str": "k"})
        );
        // The copy's own position is the alias; inside it, the anchored original's.
        assert_eq!(at(&doc, "copy"), p(25, 4, 1));
        assert_eq!(at(&doc, "copy.y"), at(&doc, "base.y"));
        assert_eq!(at(&doc, "list[0]"), find(text, "*b", 1));
        assert_eq!(at(&doc, "list[0]").column, 8);
        assert_eq!(at(&doc, "list[0].x"), p(11, 2, 3));
        assert_eq!(at(&doc, "list[2]"), find(text, "*s", 0));
        assert_eq!(at(&doc, "list[1]"), find(text, "&s", 0));
        assert_eq!(at(&doc, "str"), find(text, "*s", 1));
        assert_eq!(at(&doc, "str").line, 6);
        // Anchors may be redefined; an alias takes the latest.
        assert_eq!(yaml1("a: &x 1\nb: &x 2\nc: *x").value, json!({"a": 1, "b": 2, "c": 2}));
        // An anchored key can be used as a value.
        assert_eq!(yaml1("&k 0x10: a\nb: *k").value, json!({"0x10": "a", "b": 16}));
    }

    #[test]
    fn merge_keys() {
        let text = "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n  z: 4\n";
        let doc = yaml1(text);
        assert_eq!(doc.value["d"], json!({"x": 1, "y": 3, "z": 4}));
        // A merged entry points at the key it came from; an overriding one at itself.
        assert_eq!(at(&doc, "d.x"), p(10, 1, 11));
        assert_eq!(at(&doc, "d.y"), p(36, 4, 3));
        // Explicit keys win even when written before the merge.
        assert_eq!(
            yaml1("b: &b {x: 1, y: 2}\nd:\n  y: 3\n  <<: *b\n").value["d"],
            json!({"y": 3, "x": 1})
        );
        // A sequence of mappings: earlier ones win.
        let doc = yaml1("a: &a {k: a, a: 1}\nb: &b {k: b, b: 2}\nc:\n  <<: [*a, *b]\n  own: 3\n");
        assert_eq!(doc.value["c"], json!({"k": "a", "a": 1, "b": 2, "own": 3}));
        // Inline mapping.
        assert_eq!(yaml1("c: {<<: {a: 1}, b: 2}").value, json!({"c": {"a": 1, "b": 2}}));
        // Overriding a merged key twice is a duplicate.
        let e = yaml_err("b: &b {x: 1}\nd:\n  <<: *b\n  x: 2\n  x: 3\n");
        assert_eq!(
            e.kind,
            YamlErrorKind::DuplicateKey {
                key: "x".into(),
                first: p(27, 4, 3)
            }
        );
        assert_eq!(e.pos, p(34, 5, 3));
        // Two merge keys in one mapping.
        let e = yaml_err("b: &b {x: 1}\nd:\n  <<: *b\n  <<: *b\n");
        assert_eq!(
            e.kind,
            YamlErrorKind::DuplicateKey {
                key: "<<".into(),
                first: p(18, 3, 3)
            }
        );
        assert_eq!(e.pos, p(27, 4, 3));
        // Only mappings can be merged.
        let e = yaml_err("d:\n  <<: 1\n");
        assert!(matches!(e.kind, YamlErrorKind::Syntax(_)));
        assert_eq!(e.pos, p(9, 2, 7));
        let e = yaml_err("a: &a {x: 1}\nd:\n  <<: [*a, 2]\n");
        assert_eq!(e.pos, p(27, 3, 12));
        // A quoted `<<` is an ordinary key; so is `<<` in JSON.
        assert_eq!(yaml1("'<<': {a: 1}").value, json!({"<<": {"a": 1}}));
        assert_eq!(json1("{\"<<\": {\"a\": 1}}").value, json!({"<<": {"a": 1}}));
    }

    // ---- lookup and paths ----------------------------------------------------------------

    #[test]
    fn lookup_existing_and_missing_paths() {
        let doc = yaml1("spec:\n  a:\n    c: 1\n  list: [x, y]\n");
        let spec_a = at(&doc, "spec.a");
        assert_eq!(spec_a, p(8, 2, 3));
        assert_eq!(doc.pos.lookup(&parse_path("spec.a.b").unwrap()), (spec_a, 2));
        assert_eq!(doc.pos.lookup(&parse_path("spec.a.c").unwrap()), (p(15, 3, 5), 3));
        assert_eq!(doc.pos.lookup(&parse_path("spec.list[1]").unwrap()), (p(32, 4, 13), 3));
        assert_eq!(doc.pos.lookup(&parse_path("spec.list[2]").unwrap()), (p(22, 4, 3), 2));
        assert_eq!(doc.pos.lookup(&parse_path("spec.list.x").unwrap()), (p(22, 4, 3), 2));
        assert_eq!(doc.pos.lookup(&parse_path("spec[0]").unwrap()), (p(0, 1, 1), 1));
        assert_eq!(doc.pos.lookup(&[]), (p(0, 1, 1), 0));
        assert_eq!(doc.pos.lookup(&[key("nope")]), (p(0, 1, 1), 0));
    }

    #[test]
    fn parse_and_format_paths() {
        let segs = parse_path("spec.accounts.list[2].id").unwrap();
        assert_eq!(
            segs,
            vec![key("spec"), key("accounts"), key("list"), Seg::Index(2), key("id")]
        );
        assert_eq!(
            parse_path("spec.labels[\"a.b\"]").unwrap(),
            vec![key("spec"), key("labels"), key("a.b")]
        );
        assert_eq!(parse_path("spec[\"x y\"]").unwrap(), vec![key("spec"), key("x y")]);
        assert_eq!(parse_path("[0].a").unwrap(), vec![Seg::Index(0), key("a")]);
        assert_eq!(
            parse_path("a[0][1]").unwrap(),
            vec![key("a"), Seg::Index(0), Seg::Index(1)]
        );
        assert_eq!(parse_path("a.0").unwrap(), vec![key("a"), key("0")]);
        assert_eq!(
            parse_path("[\"名前\"][\"\\\"q\\\"\\n\"]").unwrap(),
            vec![key("名前"), key("\"q\"\n")]
        );
        assert_eq!(parse_path("").unwrap(), vec![]);
        for bad in [
            ".a",
            "a.",
            "a..b",
            "a[",
            "a[]",
            "a[01]",
            "a[-1]",
            "a[x]",
            "a[\"x\"",
            "a[\"x]",
            "a b",
            "a.[0]",
            "[",
            "a]",
            "a[0]b",
            "a[\"x\"]b",
            "名前",
            "a.b c",
            "a[1",
            "a[\"\\x\"]",
            "a[99999999999999999999999]",
            "a[\"x\" ]",
            "[\"a\"].",
            "a[\"\\\"]",
        ] {
            assert_eq!(parse_path(bad), None, "{bad}");
        }
        assert_eq!(format_path(&[]), "");
        let cases: Vec<Vec<Seg>> = vec![
            vec![key("spec"), key("accounts"), key("list"), Seg::Index(2), key("id")],
            vec![key("spec"), key("labels"), key("a.b")],
            vec![key("x y")],
            vec![Seg::Index(0), key("a-b_C9")],
            vec![key(""), key("\"\\\n\t\u{1}"), key("名前"), key("[0]")],
            vec![key("0"), Seg::Index(10), key("."), key("a]b")],
        ];
        for segs in cases {
            let s = format_path(&segs);
            assert_eq!(parse_path(&s), Some(segs.clone()), "{s}");
        }
        assert_eq!(
            format_path(&[key("spec"), key("labels"), key("a.b")]),
            "spec.labels[\"a.b\"]"
        );
        assert_eq!(
            format_path(&[key("spec"), key("x y"), Seg::Index(3)]),
            "spec[\"x y\"][3]"
        );
        assert_eq!(format_path(&[Seg::Index(1), key("a")]), "[1].a");
        assert_eq!(format_path(&[key("a\"b")]), "[\"a\\\"b\"]");
    }

    // ---- JSON ----------------------------------------------------------------------------

    #[test]
    fn json_values_and_positions() {
        let text =
            "{\n  \"名前\": \"山田\",\n  \"list\": [1, -2.5e3, true, null, {\"k\": \"\\u00e9\\ud83d\\ude00\\n\"}]\n}";
        let doc = json1(text);
        assert_eq!(
            doc.value,
            json!({"名前": "山田", "list": [1, -2500.0, true, null, {"k": "é😀\n"}]})
        );
        assert_eq!(doc.pos.pos, p(0, 1, 1));
        assert_eq!(at(&doc, "[\"名前\"]"), p(4, 2, 3));
        assert_eq!(at(&doc, "list"), p(26, 3, 3));
        assert_eq!(at(&doc, "list[1]"), find(text, "-2.5e3", 0));
        assert_eq!(at(&doc, "list[1]").column, 15);
        assert_eq!(at(&doc, "list[4].k"), find(text, "\"k\"", 0));
        let mut all = Vec::new();
        all_positions(&doc.pos, &mut all);
        for pos in all {
            assert_eq!(pos, naive_pos(text, pos.offset as usize));
        }
        assert_eq!(json1(" 42 ").value, json!(42));
        assert_eq!(json1("\"x\"").pos.pos, p(0, 1, 1));
        assert!(parse_json("", &Limits::default()).unwrap().is_empty());
        assert!(parse_json(" \r\n\t", &Limits::default()).unwrap().is_empty());
    }

    #[test]
    fn json_numbers() {
        assert_eq!(json1("18446744073709551615").value, json!(u64::MAX));
        assert_eq!(json1("-9223372036854775808").value, json!(i64::MIN));
        assert_eq!(json1("9223372036854775808").value, json!(9_223_372_036_854_775_808_u64));
        assert_eq!(json1("-0").value, json!(0));
        assert_eq!(json1("-0.0").value, json!(-0.0));
        assert_eq!(json1("1.5e300").value, json!(1.5e300));
        assert_eq!(json1("1E-400").value, json!(0.0));
        assert_eq!(json1("[0.1, 2e0]").value, json!([0.1, 2.0]));
        for big in [
            "18446744073709551616",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1e400",
            "-1.7976931348623159e308",
        ] {
            let e = json_err(&format!("[1,\n {big}]"));
            assert_eq!(e.kind, YamlErrorKind::NotRepresentable(big.to_string()), "{big}");
            assert_eq!(e.pos, p(5, 2, 2));
        }
    }

    #[test]
    fn json_duplicate_keys() {
        let e = json_err("{\"a\": 1, \"b\": {\"名\": 1, \"名\": 2}, \"a\": 3}");
        assert_eq!(
            e.kind,
            YamlErrorKind::DuplicateKey {
                key: "名".into(),
                first: p(15, 1, 16)
            }
        );
        assert_eq!(e.pos, p(25, 1, 24));
        let e = json_err("{\"a\": 1,\n \"\\u0061\": 2}");
        assert_eq!(
            e.kind,
            YamlErrorKind::DuplicateKey {
                key: "a".into(),
                first: p(1, 1, 2)
            }
        );
        assert_eq!(e.pos, p(10, 2, 2));
    }

    #[test]
    fn json_syntax_errors_use_serde_json_messages_and_positions() {
        let cases: &[(&str, &str, Pos)] = &[
            ("[1,\n  2,\n  x]", "expected value", p(11, 3, 3)),
            ("[\"日本\", x]", "expected value", p(11, 1, 8)),
            ("[1\n", "EOF while parsing a list", p(3, 2, 1)),
            ("[1] 2", "trailing characters", p(4, 1, 5)),
            ("[1,]", "trailing comma", p(3, 1, 4)),
            ("{\"a\":1,}", "trailing comma", p(7, 1, 8)),
            ("{\"a\" 1}", "expected `:`", p(5, 1, 6)),
            ("01", "invalid number", p(1, 1, 2)),
            ("\u{feff}[1,,]", "expected value", p(6, 1, 4)),
            ("{'a': 1}", "key must be a string", p(1, 1, 2)),
            ("[NaN]", "expected value", p(1, 1, 2)),
        ];
        for (text, msg, pos) in cases {
            let e = json_err(text);
            assert_eq!(e.kind, YamlErrorKind::Syntax(msg.to_string()), "{text:?}");
            assert_eq!(e.pos, *pos, "{text:?}");
        }
        let e = json_err("[\"\\ud800\"]");
        assert!(matches!(e.kind, YamlErrorKind::Syntax(_)));
        let e = json_err("{\"a\": 1}\n{\"b\": 2}");
        assert_eq!(
            (e.kind, e.pos),
            (YamlErrorKind::Syntax("trailing characters".into()), p(9, 2, 1))
        );
        // Past serde_json's own nesting limit, the reader's message is used.
        let text = format!("{}1,]{}", "[".repeat(150), "]".repeat(149));
        let e = parse_json(
            &text,
            &Limits {
                max_depth: 200,
                ..Limits::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            (e.kind, e.pos),
            (YamlErrorKind::Syntax("expected value".into()), p(152, 1, 153))
        );
    }

    // ---- robustness ----------------------------------------------------------------------

    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn check_positions(text: &str, docs: &[Document]) {
        // Line/column from saphyr must agree with an independent count, and offsets must be
        // character boundaries (BOMs after the start are left out: they take no column).
        if text.chars().skip(1).any(|c| c == '\u{feff}') {
            return;
        }
        for doc in docs {
            let mut all = Vec::new();
            all_positions(&doc.pos, &mut all);
            for pos in all {
                assert!(text.is_char_boundary(pos.offset as usize), "{text:?} {pos:?}");
                assert_eq!(pos, naive_pos(text, pos.offset as usize), "{text:?}");
            }
        }
    }

    #[test]
    fn random_input_never_panics() {
        let mut rng = Lcg(0x5eed);
        let limits = Limits {
            max_depth: 20,
            max_nodes: 5_000,
        };
        for _ in 0..3000 {
            let len = rng.below(64);
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_yaml(&text, &limits);
            let _ = parse_json(&text, &limits);
        }
        let pieces = [
            "- ",
            ": ",
            "? ",
            "&a ",
            "&b ",
            "*a",
            "*b",
            "!!str ",
            "!!int ",
            "!x ",
            "!!map ",
            "[",
            "]",
            "{",
            "}",
            ", ",
            "\n",
            "  ",
            "    ",
            "'",
            "\"",
            "# c",
            "---",
            "...",
            "|",
            ">-",
            "<<: ",
            "%YAML 1.2\n",
            "%TAG !e! tag:yaml.org,2002:\n",
            "\t",
            "日本",
            "\u{feff}",
            "\r",
            "\\",
            "a",
            "b: ",
            "1",
            "0x1F",
            ".nan",
            "~",
            "null",
            "true",
            "\"\\u00e9\"",
            "'it''s'",
            "--- ",
            "@",
            "`",
            "\u{2028}",
            "\u{85}",
            "-",
            "?",
            ":",
            "!",
            "&",
            "*",
            "%",
        ];
        for i in 0..6000 {
            let n = 1 + rng.below(24);
            let text: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            if let Ok(docs) = parse_yaml(&text, &limits) {
                check_positions(&text, &docs);
            }
            let _ = parse_json(&text, &limits);
            if i % 4 == 0 {
                let _ = parse_yaml(&text, &Limits::default());
            }
        }
    }

    #[test]
    fn json_reader_agrees_with_serde_json() {
        let pieces = [
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            " ",
            "\n",
            "\"a\"",
            "\"b\"",
            "\"\\u00e9\"",
            "\"\\ud800\"",
            "\"\\x\"",
            "\"\t\"",
            "\"\\\"\"",
            "\"日本\"",
            "1",
            "-0",
            "01",
            "-",
            "1.5e3",
            "1.",
            ".5",
            "1e",
            "2E+2",
            "true",
            "nul",
            "null",
            "false",
            "tru",
            "'a'",
            "\"",
            "\\",
            "\r",
            "+1",
            "0.0",
            "-1",
            "\u{feff}",
            "/",
            "NaN",
            "1e400",
        ];
        let mut rng = Lcg(42);
        let mut accepted = 0;
        for _ in 0..20_000 {
            let n = 1 + rng.below(12);
            let text: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            let ours = parse_json(&text, &Limits::default());
            if text.starts_with('\u{feff}') {
                continue;
            }
            let theirs = serde_json::from_str::<Value>(&text);
            match (&ours, &theirs) {
                (Ok(docs), Ok(v)) => {
                    accepted += 1;
                    assert_eq!(docs.len(), 1, "{text:?}");
                    let normalise = |v: &Value| v.to_string().replace("-0.0", "0");
                    assert_eq!(normalise(&docs[0].value), normalise(v), "{text:?}");
                }
                (Ok(docs), Err(_)) => {
                    assert!(docs.is_empty(), "we accept, serde_json rejects: {text:?}");
                }
                (Err(e), Ok(_)) => assert!(
                    matches!(
                        e.kind,
                        YamlErrorKind::DuplicateKey { .. } | YamlErrorKind::NotRepresentable(_)
                    ),
                    "we reject ({e:?}), serde_json accepts: {text:?}"
                ),
                (Err(e), Err(se)) => {
                    if let YamlErrorKind::Syntax(m) = &e.kind {
                        assert!(se.to_string().starts_with(m.as_str()), "{text:?}: {m} / {se}");
                    }
                }
            }
        }
        assert!(accepted > 500, "{accepted}");
    }

    #[test]
    fn large_sequence_of_small_mappings() {
        let mut text = String::from("items:\n");
        for i in 0..20_000 {
            text.push_str(&format!(
                "  - name: item-{i}\n    id: {i}\n    tags: [a, \"b\"]\n    owner: 山田\n"
            ));
        }
        let t = std::time::Instant::now();
        let doc = yaml1(&text);
        eprintln!("yaml {:?}", t.elapsed());
        let items = doc.value["items"].as_array().unwrap();
        assert_eq!(items.len(), 20_000);
        assert_eq!(items[19_999]["id"], json!(19_999));
        let pos = at(&doc, "items[19999].owner");
        assert_eq!(pos.line, 2 + 19_999 * 4 + 3);
        assert_eq!(pos, naive_pos(&text, pos.offset as usize));

        let json_text = serde_json::to_string_pretty(&doc.value).unwrap();
        let t = std::time::Instant::now();
        let jdoc = json1(&json_text);
        eprintln!("json {:?}", t.elapsed());
        assert_eq!(jdoc.value, doc.value);
        let pos = at(&jdoc, "items[19999].owner");
        assert_eq!(pos, naive_pos(&json_text, pos.offset as usize));
    }
}
