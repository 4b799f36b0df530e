//! The memory ceiling of a check, watched from beside it.
//!
//! regorus can count every allocation itself (its `allocator-memory-limits` feature) and stop
//! the rule that crosses a ceiling, but that feature makes the library install its own global
//! allocator in every program that links it, and the counting cost ≈ 11 % of a 10 000-system
//! check (docs/performance.md). Instead, the program embedding the engine says how much memory
//! is in use (the `sansho` binary asks its allocator), a [`MemoryWatch`] polls that reading
//! beside the check, and once it is over the limit the program is handed a [`Problem`] naming
//! what the check was doing: loading the inventory, or which rules it was evaluating.
//!
//! An evaluation cannot be stopped from outside, so what follows is the program's choice: the
//! binary reports the problem like any other that makes a run untrustworthy and exits 2.

use crate::problem::{Problem, ProblemCode};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often [`MemoryWatch::spawn`]'s thread reads the memory in use.
pub const POLL_EVERY: Duration = Duration::from_millis(10);

/// What a check is doing, for the problem of a crossed ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// Before the inventory is read: the catalog, the pack, the configuration.
    #[default]
    Preparing,
    /// Reading, parsing and validating the inventory.
    Loading,
    /// Evaluating rules (which ones: [`MemoryWatch::rule_started`]).
    Evaluating,
    /// Statuses, the report and its rendering.
    Reporting,
}

#[derive(Debug, Default)]
struct Doing {
    stage: Stage,
    /// The rules being evaluated now (id → policy file), one per worker at most.
    rules: BTreeMap<String, String>,
}

/// A memory ceiling and what the check is doing, shared by the check and the thread that
/// watches it.
#[derive(Debug)]
pub struct MemoryWatch {
    /// Bytes; `u64::MAX` for no ceiling.
    limit: AtomicU64,
    doing: Mutex<Doing>,
}

impl MemoryWatch {
    /// A watch with a ceiling of `limit` bytes (`None`: none yet; a check sets its own).
    pub fn new(limit: Option<u64>) -> Arc<MemoryWatch> {
        Arc::new(MemoryWatch {
            limit: AtomicU64::new(limit.unwrap_or(u64::MAX)),
            doing: Mutex::new(Doing::default()),
        })
    }

    /// Sets the ceiling, in bytes (`None`: no ceiling).
    pub fn set_limit(&self, limit: Option<u64>) {
        self.limit.store(limit.unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    /// The ceiling, in bytes.
    pub fn limit(&self) -> Option<u64> {
        let l = self.limit.load(Ordering::Relaxed);
        (l != u64::MAX).then_some(l)
    }

    fn doing(&self) -> std::sync::MutexGuard<'_, Doing> {
        // A panic while the lock was held cannot leave `Doing` half-written in a way that
        // matters: it is only ever read to name what was running.
        self.doing.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records the stage the check has reached.
    pub fn stage(&self, stage: Stage) {
        let mut d = self.doing();
        d.stage = stage;
        d.rules.clear();
    }

    /// Records that the rule `id` (of policy file `file`) is being evaluated.
    pub fn rule_started(&self, id: &str, file: &str) {
        let mut d = self.doing();
        d.stage = Stage::Evaluating;
        d.rules.insert(id.to_string(), file.to_string());
    }

    /// Records that the rule `id` is done.
    pub fn rule_done(&self, id: &str) {
        self.doing().rules.remove(id);
    }

    /// The problem of `used` bytes in use, if that is over the ceiling.
    pub fn over(&self, used: u64) -> Option<Problem> {
        let limit = self.limit()?;
        if used <= limit {
            return None;
        }
        let d = self.doing();
        // Rounded up: a use just over the limit does not read as equal to it.
        let (used_mib, limit_mib) = (used.div_ceil(1 << 20), limit >> 20);
        let raise = "raise --max-memory / limits.max_memory_mib";
        let p = match (d.stage, d.rules.first_key_value()) {
            (Stage::Evaluating, Some((id, file))) => {
                let others: Vec<&str> = d.rules.keys().skip(1).map(String::as_str).collect();
                let also = if others.is_empty() {
                    String::new()
                } else {
                    format!(" (evaluated at the same time: {})", others.join(", "))
                };
                Problem::new(
                    ProblemCode::Limit,
                    format!(
                        "rule {id} failed: memory limit exceeded: sansho used {used_mib} MiB, over the limit of {limit_mib} MiB{also}"
                    ),
                )
                .in_file(file.clone())
                .help(format!("make the rule build smaller collections, or {raise}"))
            }
            (Stage::Loading, _) => Problem::new(
                ProblemCode::Limit,
                format!(
                    "memory limit exceeded while loading the inventory: sansho used {used_mib} MiB, over the limit of {limit_mib} MiB"
                ),
            )
            .help(format!("check a part of the inventory at a time, or {raise}")),
            (stage, _) => {
                let what = match stage {
                    Stage::Preparing => "preparing the check",
                    Stage::Reporting => "writing the report",
                    Stage::Evaluating | Stage::Loading => "evaluating rules",
                };
                Problem::new(
                    ProblemCode::Limit,
                    format!(
                        "memory limit exceeded while {what}: sansho used {used_mib} MiB, over the limit of {limit_mib} MiB"
                    ),
                )
                .help(if stage == Stage::Evaluating {
                    format!("make the rules build smaller collections, or {raise} (sansho check)")
                } else {
                    raise.to_string()
                })
            }
        };
        Some(p)
    }

    /// Reads `used()` every `every` on a thread of its own, and calls `exceeded` (once) with
    /// the problem when it is over the ceiling. The thread ends when the returned [`Watching`]
    /// is dropped, or after `exceeded` returns.
    pub fn spawn(
        self: &Arc<Self>,
        used: fn() -> u64,
        every: Duration,
        exceeded: impl FnOnce(Problem) + Send + 'static,
    ) -> Watching {
        let (stop, stopped) = mpsc::channel::<()>();
        let watch = Arc::clone(self);
        let thread = std::thread::Builder::new()
            .name("sansho-memory-watch".into())
            .spawn(move || loop {
                match stopped.recv_timeout(every) {
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some(p) = watch.over(used()) {
                            exceeded(p);
                            return;
                        }
                    }
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
                }
            })
            .ok();
        Watching {
            stop: Some(stop),
            thread,
        }
    }
}

/// The thread of [`MemoryWatch::spawn`]; dropping it stops the thread.
#[derive(Debug)]
pub struct Watching {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

#[cfg(test)]
impl Watching {
    /// Whether the thread is running (it could not be started if the system refused a thread).
    fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    #[test]
    fn nothing_is_over_without_a_ceiling_or_under_it() {
        let w = MemoryWatch::new(None);
        assert!(w.over(u64::MAX - 1).is_none());
        w.set_limit(Some(100 << 20));
        assert!(w.over(100 << 20).is_none());
        let just_over = w.over((100 << 20) + 1).unwrap();
        assert!(
            just_over.message.contains("used 101 MiB, over the limit of 100 MiB"),
            "{}",
            just_over.message
        );
    }

    #[test]
    fn the_problem_names_the_rules_being_evaluated() {
        let w = MemoryWatch::new(Some(256 << 20));
        w.rule_started("SNS-B", "policies/b.rego");
        w.rule_started("SNS-A", "policies/a.rego");
        let p = w.over(300 << 20).unwrap();
        assert_eq!(p.code, ProblemCode::Limit);
        assert_eq!(p.file.as_deref(), Some("policies/a.rego"));
        assert!(
            p.message.contains("rule SNS-A failed: memory limit exceeded"),
            "{}",
            p.message
        );
        assert!(
            p.message.contains("300 MiB") && p.message.contains("256 MiB"),
            "{}",
            p.message
        );
        assert!(p.message.contains("same time: SNS-B"), "{}", p.message);
        assert!(p.help.as_deref().unwrap_or_default().contains("--max-memory"));
        w.rule_done("SNS-A");
        let p = w.over(300 << 20).unwrap();
        assert!(
            p.message.starts_with("rule SNS-B failed") && !p.message.contains("same time"),
            "{}",
            p.message
        );
        w.stage(Stage::Loading);
        let p = w.over(300 << 20).unwrap();
        assert!(
            p.message.contains("while loading the inventory") && p.file.is_none(),
            "{}",
            p.message
        );
        w.stage(Stage::Reporting);
        assert!(w.over(300 << 20).unwrap().message.contains("writing the report"));
        // Evaluating with no rule named (`sansho test`, `sansho matrix`).
        w.stage(Stage::Evaluating);
        let p = w.over(300 << 20).unwrap();
        assert!(
            p.message.starts_with("memory limit exceeded while evaluating rules"),
            "{}",
            p.message
        );
        assert!(p.help.unwrap_or_default().contains("smaller collections"));
    }

    static USED: AtomicU64 = AtomicU64::new(0);

    #[test]
    fn the_thread_reports_once_when_the_reading_crosses_the_ceiling() {
        let w = MemoryWatch::new(Some(1000));
        w.stage(Stage::Loading);
        let (tx, rx) = mpsc::channel();
        let watching = w.spawn(
            || USED.load(Ordering::Relaxed),
            Duration::from_millis(1),
            move |p| {
                let _ = tx.send(p);
            },
        );
        assert!(rx.recv_timeout(Duration::from_millis(50)).is_err(), "under the ceiling");
        USED.store(2000, Ordering::Relaxed);
        let p = rx.recv_timeout(Duration::from_secs(10)).expect("reported");
        assert!(p.message.contains("while loading"), "{}", p.message);
        // Once only: the thread has ended.
        assert!(rx.recv_timeout(Duration::from_millis(20)).is_err());
        drop(watching);
    }

    #[test]
    fn dropping_the_handle_stops_the_thread() {
        let w = MemoryWatch::new(None);
        let watching = w.spawn(|| 0, Duration::from_secs(3600), |_| {});
        assert!(watching.is_running());
        let started = std::time::Instant::now();
        drop(watching);
        // Not after the hour-long poll interval: the channel wakes it.
        assert!(started.elapsed() < Duration::from_secs(60));
    }
}
