//! The allocator, its tuning for large inventories, and the watch over the memory ceiling.
//!
//! **mimalloc** is the global allocator: regorus builds and drops many small values while it
//! evaluates, and mimalloc's thread-local free lists serve that faster than the system
//! allocator (glibc's: 20–25 % more CPU time for a 10 000-system check, 2026-12-05). The library leaves the choice to the binary (regorus can install an allocator of
//! its own, with per-allocation counting for its memory limit; sansho does not use that: see
//! `sansho_engine::watch`).
//!
//! Every 10 000 allocations that reach its slow path, mimalloc's default is to "collect" the
//! thread's heap: a visit of every page the heap owns. The number of visits grows with the work
//! and each visit with the memory held, so on a large inventory that housekeeping grows with the
//! square of its size: 100 000 systems (6.5 GiB held) spent ≈ 10 % of their wall time in it,
//! 10 000 systems nothing measurable. Collecting every 1 000 000 such allocations instead gives
//! the same memory back at the end of a run and keeps the check linear.
//!
//! The only unsafe code of the workspace: three calls into the C allocator.
#![allow(unsafe_code)]

use sansho_engine::watch::{Watching, POLL_EVERY};
use sansho_engine::{MemoryWatch, Problem};
use std::os::raw::{c_int, c_long};
use std::sync::Arc;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
    fn mi_process_info(
        elapsed_msecs: *mut usize,
        user_msecs: *mut usize,
        system_msecs: *mut usize,
        current_rss: *mut usize,
        peak_rss: *mut usize,
        current_commit: *mut usize,
        peak_commit: *mut usize,
        page_faults: *mut usize,
    );
}

/// `mi_option_generic_collect` in mimalloc 2's `mi_option_t` (2.3.2, which the pinned
/// `mimalloc` crate builds with its `v2` feature; in mimalloc 3 the index is another option's).
const GENERIC_COLLECT: c_int = 36;
/// mimalloc's default for it; anything else means the option table is not the expected one (or
/// `MIMALLOC_GENERIC_COLLECT` was set), and nothing is changed.
const DEFAULT_EVERY: c_long = 10_000;
/// Slow-path allocations between two heap collections.
pub const COLLECT_EVERY: c_long = 1_000_000;

/// Sets the collection interval unless the user set `MIMALLOC_GENERIC_COLLECT` or the option
/// does not hold mimalloc's default; returns whether it changed anything.
pub fn tune() -> bool {
    if std::env::var_os("MIMALLOC_GENERIC_COLLECT").is_some() {
        return false;
    }
    // SAFETY: both functions only read or write one entry of mimalloc's static option table
    // (atomically, bounds-checked against `_mi_option_last`); no pointer crosses the boundary.
    unsafe {
        if mi_option_get(GENERIC_COLLECT) != DEFAULT_EVERY {
            return false;
        }
        mi_option_set(GENERIC_COLLECT, COLLECT_EVERY);
    }
    true
}

/// Memory the process holds now, in bytes: its resident set, as `top` and the kernel's
/// out-of-memory killer count it. On Linux from `/proc/self/status` (`VmRSS`); on macOS and
/// Windows mimalloc's reading of it (the task's resident size, the working set). Elsewhere, or
/// without `/proc`, the peak resident set the system reports: mimalloc's "current" figure is
/// there only the memory it committed, which on Linux includes a whole arena reserved at once.
pub fn in_use() -> u64 {
    #[cfg(target_os = "linux")]
    if let Some(kib) = std::fs::read_to_string("/proc/self/status")
        .ok()
        .as_deref()
        .and_then(vm_rss_kib)
    {
        return kib.saturating_mul(1024);
    }
    let (mut current, mut peak): (usize, usize) = (0, 0);
    // SAFETY: mimalloc writes each non-null out-parameter once (a `size_t`) and skips the null
    // ones; `current` and `peak` live across the call.
    unsafe {
        mi_process_info(
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut current,
            &mut peak,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
    }
    if cfg!(any(target_os = "macos", target_os = "ios", windows)) {
        current as u64
    } else {
        peak as u64
    }
}

/// The `VmRSS:` figure of a `/proc/<pid>/status` text, in KiB.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn vm_rss_kib(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// A memory ceiling watched from a thread of its own until the returned handle is dropped:
/// `limit` bytes, or, with `None`, the ceiling a check sets through the watch (`--max-memory`,
/// sansho.yaml, 4 GiB). When the memory in use crosses it, `report` reports the problem (in
/// the command's format) and returns the exit code the process then ends with.
pub fn watch(limit: Option<u64>, report: impl FnOnce(Problem) -> i32 + Send + 'static) -> (Arc<MemoryWatch>, Watching) {
    let watch = MemoryWatch::new(limit);
    let watching = watch.spawn(in_use, POLL_EVERY, move |p| std::process::exit(report(p)));
    (watch, watching)
}

/// For commands that evaluate without a check (`test`, `matrix`): the default ceiling, a
/// crossing reported on stderr.
pub fn watch_evaluation() -> Watching {
    let (watch, watching) = self::watch(Some(sansho_engine::eval::DEFAULT_MEMORY_LIMIT), |p| {
        crate::render::problems::print(&p.into(), &sansho_engine::SourceMap::default());
        crate::exit::UNTRUSTED
    });
    watch.stage(sansho_engine::watch::Stage::Evaluating);
    watching
}

/// The option's current value.
#[cfg(test)]
fn current() -> c_long {
    // SAFETY: as in `tune`.
    unsafe { mi_option_get(GENERIC_COLLECT) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index names the option whose default is 10 000, and tuning sets it.
    #[test]
    fn tune_sets_the_collection_interval() {
        if std::env::var_os("MIMALLOC_GENERIC_COLLECT").is_some() {
            assert!(!tune());
            return;
        }
        assert_eq!(current(), DEFAULT_EVERY);
        assert!(tune());
        assert_eq!(current(), COLLECT_EVERY);
        // A second call sees the changed value and leaves it.
        assert!(!tune());
        assert_eq!(current(), COLLECT_EVERY);
    }

    /// The reading follows what the program holds: 256 MiB more while a buffer that size is
    /// alive and touched.
    #[test]
    fn memory_in_use_grows_with_what_is_held() {
        let before = in_use();
        let block = vec![1u8; 256 << 20];
        let during = in_use();
        assert!(during >= before + (200 << 20), "{before} → {during}");
        assert_eq!(block.iter().map(|&b| u64::from(b)).sum::<u64>(), 256 << 20);
    }

    #[test]
    fn the_resident_set_is_read_from_the_status_text() {
        let status = "Name:\tsansho\nVmPeak:\t  900 kB\nVmRSS:\t   12345 kB\nRssAnon:\t 1 kB\n";
        assert_eq!(vm_rss_kib(status), Some(12345));
        assert_eq!(vm_rss_kib("Name:\tsansho\n"), None);
        assert_eq!(vm_rss_kib("VmRSS:\tlots kB\n"), None);
    }
}
