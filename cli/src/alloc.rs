//! Tuning of the allocator regorus links in (mimalloc, through its `allocator-memory-limits`
//! feature) for large inventories.
//!
//! Every 10 000 allocations that reach its slow path, mimalloc's default is to "collect" the
//! thread's heap: a visit of every page the heap owns. The number of visits grows with the work
//! and each visit with the memory held, so on a large inventory that housekeeping grows with the
//! square of its size: 100 000 systems (6.5 GiB held) spent ≈ 10 % of their wall time in it,
//! 10 000 systems nothing measurable. Collecting every 1 000 000 such allocations instead gives
//! the same memory back at the end of a run and keeps the check linear.
//!
//! The only unsafe code of the workspace: two calls into the C allocator's option table.
#![allow(unsafe_code)]

use std::os::raw::{c_int, c_long};

extern "C" {
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_generic_collect` in mimalloc 2.2's `mi_option_t` (regorus-mimalloc-sys 2.2.6,
/// which the exact regorus version pins).
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
}
