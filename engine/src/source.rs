//! The file table: every inventory file read in a run, its text and its hash, and locations
//! (file, line, column, byte offset) into it. Locations are data; rendering them as
//! snippets is the CLI's job.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::yaml::Pos;

/// Index into [`SourceMap::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// One file that was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to users: the inventory root as given, joined with the path below it,
    /// with `/` separators.
    pub display: String,
    /// Lower-case hex SHA-256 of the bytes on disk.
    pub sha256: String,
    /// The text, once known (see [`SourceFile::text`]).
    text: std::sync::OnceLock<Option<Arc<str>>>,
    /// Where the text can be read again, when it was let go after parsing.
    origin: Option<PathBuf>,
}

impl SourceFile {
    /// The text (UTF-8; a leading BOM kept so that offsets match the bytes on disk).
    ///
    /// A file whose text was let go after parsing ([`SourceMap::add_released`]) is read again
    /// the first time it is asked for, and kept from then on. `None` when it can no longer be
    /// read or no longer has the hash it was checked with (it changed since): callers then
    /// do without (positions stay those of the document's envelope, snippets are left out).
    pub fn text(&self) -> Option<&Arc<str>> {
        self.text
            .get_or_init(|| self.origin.as_deref().and_then(|p| read_again(p, &self.sha256)))
            .as_ref()
    }
}

/// The text of `path` if its bytes still hash to `sha256`.
fn read_again(path: &Path, sha256: &str) -> Option<Arc<str>> {
    let bytes = std::fs::read(path).ok()?;
    if sha256_hex(&bytes) != sha256 {
        return None;
    }
    crate::inventory::decode(bytes, "").ok().map(Arc::from)
}

/// All files of a run, in the order they were read (path order).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// Files by the path shown (what a [`Location`] names): renderers look a file up for each
    /// finding, and an inventory may have 10 000 files.
    by_display: std::collections::HashMap<String, FileId>,
}

impl SourceMap {
    pub fn add(&mut self, display: String, bytes: &[u8], text: Arc<str>) -> FileId {
        self.add_hashed(display, sha256_hex(bytes), text)
    }

    /// As [`SourceMap::add`], with the hash of the file's bytes already computed.
    pub fn add_hashed(&mut self, display: String, sha256: String, text: Arc<str>) -> FileId {
        self.push(SourceFile {
            display,
            sha256,
            text: std::sync::OnceLock::from(Some(text)),
            origin: None,
        })
    }

    /// A file read from `origin` whose text is not kept: it is read again (and checked against
    /// `sha256`) if it is ever asked for. The text of a large inventory is as large as the
    /// inventory, and after parsing only the few files findings point into are read again.
    pub fn add_released(&mut self, display: String, sha256: String, origin: PathBuf) -> FileId {
        self.push(SourceFile {
            display,
            sha256,
            text: std::sync::OnceLock::new(),
            origin: Some(origin),
        })
    }

    /// Adds a file of another map (its text, or where to read it again).
    pub fn add_file(&mut self, file: &SourceFile) -> FileId {
        self.push(file.clone())
    }

    fn push(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        // A path read twice keeps its first entry, as a search in read order would find.
        self.by_display.entry(file.display.clone()).or_insert(id);
        self.files.push(file);
        id
    }

    /// The file shown as `display` (the first read, if twice).
    pub fn find(&self, display: &str) -> Option<&SourceFile> {
        self.by_display.get(display).and_then(|&id| self.get(id))
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    s
}

/// A resolved place in an input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// Byte offset into the file (for snippet rendering; not part of the stable JSON contract).
    #[serde(skip)]
    pub offset: u32,
}

impl Location {
    pub fn new(file: &str, pos: Pos) -> Location {
        Location {
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            offset: pos.offset,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn files_are_found_by_the_path_shown() {
        let mut m = SourceMap::default();
        let a = m.add("inv/a.yaml".into(), b"a: 1\n", Arc::from("a: 1\n"));
        m.add("inv/b.yaml".into(), b"b: 2\n", Arc::from("b: 2\n"));
        m.add("inv/a.yaml".into(), b"again\n", Arc::from("again\n"));
        assert_eq!(&**m.find("inv/b.yaml").unwrap().text().unwrap(), "b: 2\n");
        // A path read twice is found as its first reading.
        assert_eq!(m.find("inv/a.yaml").unwrap().text(), m.get(a).unwrap().text());
        assert_eq!(&**m.get(a).unwrap().text().unwrap(), "a: 1\n");
        assert_eq!(m.find("inv/a.yaml").unwrap().sha256, sha256_hex(b"a: 1\n"));
        assert!(m.find("inv/c.yaml").is_none());
        assert_eq!(m.files().len(), 3);
    }

    /// A released text is read again when asked for, as it was; once the file has changed,
    /// it is not given at all (rather than a text the positions do not match).
    #[test]
    fn a_released_text_is_read_again_only_while_unchanged() {
        let dir = std::env::temp_dir().join(format!("sansho-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (same, changed, gone) = (dir.join("same.yaml"), dir.join("changed.yaml"), dir.join("gone.yaml"));
        let bytes = "\u{feff}name: 山\r\n".as_bytes();
        for p in [&same, &changed, &gone] {
            std::fs::write(p, bytes).unwrap();
        }
        let mut m = SourceMap::default();
        for p in [&same, &changed, &gone] {
            m.add_released(p.display().to_string(), sha256_hex(bytes), p.clone());
        }
        std::fs::write(&changed, "name: 川\n").unwrap();
        std::fs::remove_file(&gone).unwrap();
        let text = |p: &PathBuf| m.find(&p.display().to_string()).unwrap().text().cloned();
        assert_eq!(text(&same).as_deref(), Some("\u{feff}name: 山\r\n"));
        assert_eq!(text(&changed), None);
        assert_eq!(text(&gone), None);
        // Kept once read: a later change does not alter it.
        std::fs::write(&same, "other\n").unwrap();
        assert_eq!(text(&same).as_deref(), Some("\u{feff}name: 山\r\n"));
        let mut copy = SourceMap::default();
        copy.add_file(m.find(&same.display().to_string()).unwrap());
        assert_eq!(copy.files()[0].text().map(|t| &**t), Some("\u{feff}name: 山\r\n"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
