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

pub struct Progress {
    done: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the spinner when stderr is a terminal and `quiet` is false.
    pub fn start(quiet: bool) -> Progress {
        let on = !quiet && std::io::stderr().is_terminal() && std::env::var_os("SANSHO_NO_PROGRESS").is_none();
        Progress::start_if(on)
    }

    fn start_if(on: bool) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        if !on {
            return Progress { done, handle: None };
        }
        let flag = Arc::clone(&done);
        let handle = std::thread::spawn(move || {
            let start = Instant::now();
            let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
            let mut shown = false;
            let mut i = 0usize;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                let elapsed = start.elapsed();
                if elapsed < DELAY || flag.load(Ordering::Relaxed) {
                    continue;
                }
                shown = true;
                i = i.wrapping_add(1);
                let mut e = std::io::stderr().lock();
                let _ = write!(
                    e,
                    "\r{} sansho: checking the inventory… {:.1}s",
                    frames[i % frames.len()],
                    elapsed.as_secs_f64()
                );
                let _ = e.flush();
            }
            if shown {
                let mut e = std::io::stderr().lock();
                let _ = write!(e, "\r\x1b[2K");
                let _ = e.flush();
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
