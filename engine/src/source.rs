//! The file table: every inventory file read in a run, its text and its hash, and locations
//! (file, line, column, byte offset) into it. Locations are data; rendering them as
//! snippets is the CLI's job.

use serde::Serialize;
use sha2::{Digest, Sha256};
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
    /// The text (UTF-8; a leading BOM kept so that offsets match the bytes on disk).
    pub text: Arc<str>,
    /// Lower-case hex SHA-256 of the bytes on disk.
    pub sha256: String,
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
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        // A path read twice keeps its first entry, as a search in read order would find.
        self.by_display.entry(display.clone()).or_insert(id);
        self.files.push(SourceFile { display, text, sha256 });
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
        assert_eq!(&*m.find("inv/b.yaml").unwrap().text, "b: 2\n");
        // A path read twice is found as its first reading.
        assert_eq!(&*m.find("inv/a.yaml").unwrap().text, &*m.get(a).unwrap().text);
        assert_eq!(m.find("inv/a.yaml").unwrap().sha256, sha256_hex(b"a: 1\n"));
        assert!(m.find("inv/c.yaml").is_none());
        assert_eq!(m.files().len(), 3);
    }
}
