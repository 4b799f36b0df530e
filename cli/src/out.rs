//! Writing to stdout without panicking when the reader goes away (`sansho … | head`), and
//! without losing the output silently when it cannot be written (a full disk).
use sansho_engine::{Problem, ProblemCode};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `s` to stdout. A closed pipe is not an error worth reporting (the reader has what
/// it wanted); any other failure is: the run ends with exit 2 and a message, since a report
/// that was not written must not pass for one that was.
pub fn emit(s: &str) {
    emit_bytes(s.as_bytes())
}

/// [`emit`] for bytes (an xlsx workbook).
pub fn emit_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("sansho: cannot write standard output: {e}");
            std::process::exit(crate::exit::UNTRUSTED);
        }
    }
}

/// `emit` with a trailing newline.
pub fn line(s: &str) {
    emit(&format!("{s}\n"))
}

/// One spelling of a path for comparing with others: `a/../b.json`, `./b.json` and a link to
/// `b.json` are one file. A file that does not exist yet is named through its directory.
pub fn path_key(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir).map(|d| d.join(name)).unwrap_or(absolute),
        _ => absolute,
    }
}

/// A problem when writing `output` (as the argument `what` asks) would replace a
/// file the command reads from `inputs` (files and directories: the inventory, `--policy`,
/// `--config`, `--waivers`), or put a file the next run would read as input (`.yaml`,
/// `.yml`, `.json`, `.rego`, not hidden) inside one of those directories.
pub fn refuse_input(what: &str, output: &Path, inputs: &[&Path]) -> Option<Problem> {
    let out = path_key(output);
    for input in inputs {
        let Ok(inp) = std::fs::canonicalize(input) else {
            continue;
        };
        if out == inp {
            return Some(
                Problem::new(
                    ProblemCode::Config,
                    format!("`{what}` would overwrite the input {}", input.display()),
                )
                .help("write the output to a file of its own"),
            );
        }
        let Ok(inside) = out.strip_prefix(&inp) else { continue };
        let hidden = inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let read = out
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .is_some_and(|e| matches!(e.as_str(), "yaml" | "yml" | "json" | "rego"));
        if inp.is_dir() && read && !hidden {
            let message = if out.is_file() {
                format!("`{what}` would overwrite an input of {}", input.display())
            } else {
                format!(
                    "`{what}` writes into the input directory {}: the next run would read the file as input",
                    input.display()
                )
            };
            return Some(
                Problem::new(ProblemCode::Config, message)
                .help("write outputs outside the inventory and policy directories (or into a hidden directory such as .sansho/)"),
            );
        }
    }
    None
}
