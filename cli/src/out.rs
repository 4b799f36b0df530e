//! Writing to stdout without panicking when the reader goes away (`sansho … | head`), and
//! without losing the output silently when it cannot be written (a full disk).
use std::io::Write;

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
