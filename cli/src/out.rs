//! Writing to stdout without panicking when the reader goes away (`sansho … | head`).
use std::io::Write;

/// Writes `s` to stdout; a closed pipe is not an error worth reporting.
pub fn emit(s: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => true,
        Err(e) => e.kind() == std::io::ErrorKind::BrokenPipe,
    }
}

/// `emit` with a trailing newline.
pub fn line(s: &str) -> bool {
    emit(&format!("{s}\n"))
}
