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
}

impl SourceMap {
    pub fn add(&mut self, display: String, bytes: &[u8], text: Arc<str>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            display,
            text,
            sha256: sha256_hex(bytes),
        });
        id
    }

    /// As [`SourceMap::add`], with the hash of the file's bytes already computed.
    pub fn add_hashed(&mut self, display: String, sha256: String, text: Arc<str>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile { display, text, sha256 });
        id
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
