//! Progress on the terminal for long runs: after a second of work, a spinner line on stderr
//! with the elapsed time, cleared when the work ends. Only when stderr is a terminal and not
//! `--quiet`, so piped and redirected output never contains it.
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Delay before the line appears: short runs show nothing.
const DELAY: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);

pub struct Progress {
    done: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the spinner when stderr is a terminal and `quiet` is false.
    pub fn start(quiet: bool, what: &'static str) -> Progress {
        let on = !quiet && std::io::stderr().is_terminal();
        if on {
            Progress::start_with(DELAY, what, Box::new(std::io::stderr()))
        } else {
            Progress::off()
        }
    }

    /// No progress at all.
    pub fn off() -> Progress {
        Progress {
            done: Arc::new(AtomicBool::new(true)),
            handle: None,
        }
    }

    /// Draws on `sink` once `delay` has passed, until [`Progress::finish`].
    pub fn start_with(delay: Duration, what: &'static str, mut sink: Box<dyn Write + Send>) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&done);
        let handle = std::thread::spawn(move || {
            let start = Instant::now();
            let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
            let mut shown = false;
            let mut i = 0usize;
            while !flag.load(Ordering::Relaxed) {
                let elapsed = start.elapsed();
                if elapsed >= delay {
                    shown = true;
                    let _ = write!(
                        sink,
                        "\r{} sansho: {what}… {:.1}s",
                        frames[i % frames.len()],
                        elapsed.as_secs_f64()
                    );
                    let _ = sink.flush();
                    i = i.wrapping_add(1);
                }
                std::thread::sleep(TICK);
            }
            if shown {
                let _ = write!(sink, "\r\x1b[2K");
                let _ = sink.flush();
            }
        });
        Progress {
            done,
            handle: Some(handle),
        }
    }

    /// Stops and clears the line.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn text(s: &Sink) -> String {
        String::from_utf8_lossy(&s.0.lock().unwrap()).to_string()
    }

    #[test]
    fn the_line_is_drawn_after_the_delay_and_cleared_at_the_end() {
        let sink = Sink::default();
        let p = Progress::start_with(Duration::ZERO, "checking", Box::new(sink.clone()));
        // Wait for the first frame (no timing assumption beyond "eventually").
        while !text(&sink).contains("sansho: checking…") {
            std::thread::sleep(Duration::from_millis(5));
        }
        p.finish();
        let out = text(&sink);
        assert!(out.starts_with('\r'), "{out:?}");
        assert!(out.ends_with("\r\x1b[2K"), "the line is cleared: {out:?}");
    }

    #[test]
    fn a_short_run_draws_nothing() {
        let sink = Sink::default();
        let p = Progress::start_with(Duration::from_secs(3600), "checking", Box::new(sink.clone()));
        p.finish();
        assert_eq!(text(&sink), "");
    }
}
