//! Work spread over threads, each thread taking the next item when it is done with one.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The stack of every thread that parses or evaluates Rego: regorus recurses once per nested
/// expression and per rule or function a rule depends on, and its parser allows 20 000 lines
/// of 1 024 characters, so a custom policy of a 20 000-term sum or a chain of 20 000 rules
/// needs far more than the 2 MiB of a spawned thread or the 8 MiB of a main thread (it
/// aborted the process). The memory is reserved, not used: only the pages a deep policy
/// touches are ever mapped. A program embedding the engine should run it on a thread with
/// this stack too, as the `sansho` binary does.
pub const STACK_SIZE: usize = 1 << 30;

/// Applies `f` to every item on up to `workers` threads (at most 16, and no more than there
/// are items), each thread taking the next item not yet taken — items differ in cost by an
/// order of magnitude (files, groups of rules), and fixed shares left one thread idle — and
/// keeping a state of its own made by `state` (a string table, say). The results come back in
/// item order, so nothing downstream depends on which thread did what. The items of a thread
/// that panicked give `None`. With one worker everything runs on the calling thread.
pub(crate) fn each_taking_next<T: Sync, S, R: Send>(
    items: &[T],
    workers: usize,
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<Option<R>> {
    let workers = workers.clamp(1, 16).min(items.len().max(1));
    if workers <= 1 {
        let mut s = state();
        return items.iter().map(|item| Some(f(&mut s, item))).collect();
    }
    let next = AtomicUsize::new(0);
    let mut out: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let work = || {
                    let mut s = state();
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(&mut s, item)));
                    }
                    done
                };
                // Where the system refuses a stack that large, the default one still works
                // for any policy of ordinary depth.
                std::thread::Builder::new()
                    .stack_size(STACK_SIZE)
                    .spawn_scoped(scope, work)
                    .or_else(|_| std::thread::Builder::new().spawn_scoped(scope, work))
            })
            .filter_map(Result::ok)
            .collect();
        for h in handles {
            for (i, r) in h.join().unwrap_or_default() {
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(r);
                }
            }
        }
    });
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_item_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..200).collect();
        let one = each_taking_next(
            &items,
            1,
            || 0u64,
            |seen, &i| {
                *seen += 1;
                i * i
            },
        );
        assert_eq!(one, items.iter().map(|i| Some(i * i)).collect::<Vec<_>>());
        for workers in [2, 3, 16, 100] {
            assert_eq!(
                each_taking_next(&items, workers, || (), |_, &i| i * i),
                one,
                "{workers}"
            );
        }
        assert!(each_taking_next(&[] as &[u64], 4, || (), |_, &i| i).is_empty());
    }

    #[test]
    fn each_thread_keeps_its_own_state() {
        // The state counts the items its thread took: the counts add up to all of them.
        let items: Vec<u32> = (0..50).collect();
        let counts = each_taking_next(
            &items,
            2,
            || 0u32,
            |n, _| {
                *n += 1;
                *n
            },
        );
        let ones = counts.iter().filter(|c| **c == Some(1)).count();
        assert!((1..=2).contains(&ones), "{counts:?}");
        assert!(counts.iter().all(Option::is_some));
    }

    #[test]
    fn the_items_of_a_thread_that_panicked_are_none() {
        let items: Vec<u32> = (0..8).collect();
        let out = each_taking_next(
            &items,
            2,
            || (),
            |_, &i| {
                if i == 5 {
                    panic!("item 5");
                }
                i
            },
        );
        assert_eq!(out.get(5), Some(&None));
        assert!(out.iter().flatten().all(|&i| i != 5));
    }
}
