//! Writing a report or dump to a file so that a reader never sees half of it.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes a file through `write`: into a temporary file beside it, then renamed over it, so the
/// file holds the old content or the whole new one, never a part (a run killed half-way, a
/// full disk), and a hard link to the old file keeps the old content. A path that is a link is
/// followed (the file it names is replaced); one that is not a regular file (`/dev/stdout`, a
/// pipe) is written in place.
pub fn replace_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let target: PathBuf = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if std::fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&target)?);
        write(&mut w)?;
        return w.flush();
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.{}.sansho-tmp", std::process::id()));
    let written = (|| {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&temp)?);
        write(&mut w)?;
        // Flushed, not synced: the rename guards against a run that stops half-way, and a
        // sync of a 500 MB dump would cost seconds for a power cut CI does not have.
        w.flush()?;
        drop(w);
        std::fs::rename(&temp, &target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// [`replace_file`] with bytes.
pub fn replace_file_with(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    replace_file(path, |w| w.write_all(bytes.as_ref()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_links_are_respected() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("r.json");
        std::fs::write(&f, "old").unwrap();
        // A hard link keeps the old content; a symbolic link is followed.
        let hard = dir.path().join("hard.json");
        std::fs::hard_link(&f, &hard).unwrap();
        let soft = dir.path().join("soft.json");
        std::os::unix::fs::symlink(&f, &soft).unwrap();
        replace_file_with(&soft, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&hard).unwrap(), "old");
        assert!(std::fs::symlink_metadata(&soft).unwrap().file_type().is_symlink());
        // A failed write leaves the old content and no temporary file.
        let failed = replace_file(&f, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "new");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        // Not a regular file: written in place.
        replace_file_with(Path::new("/dev/null"), b"x").unwrap();
        // A missing directory is an error, as before.
        assert!(replace_file_with(&dir.path().join("no/such.json"), b"x").is_err());
    }
}
