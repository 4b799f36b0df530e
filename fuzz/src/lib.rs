//! What the fuzz targets share.
use sansho_engine::eval::take_input;
use sansho_engine::inventory::{load_files, LoadOptions};

/// Loads `data` as the file `name` with and without the policies' input prepared on the
/// reading threads and positions kept on demand (`prepare_input`, `positions_on_demand`: what
/// a check does) and requires the same problems, or the same input and positions. Any other
/// outcome but a panic (or a hang) is fine.
pub fn load_both_ways(name: &str, data: &[u8]) {
    let files = || vec![(name.to_string(), data.to_vec())];
    // Whole position trees on one side, trees cut to the envelope (found again on demand) on
    // the other.
    let opts = LoadOptions { workers: 1, positions_on_demand: false, ..LoadOptions::default() };
    let prepared = LoadOptions { prepare_input: true, positions_on_demand: true, ..opts };
    match (load_files(files(), &opts), load_files(files(), &prepared)) {
        (Ok(mut plain), Ok(mut early)) => {
            // Every document's positions resolve, and the input document builds.
            for d in &plain.documents {
                let _ = plain.locate(d, &[]);
            }
            // The engine's conversion (strings and containers shared) equals a plain one.
            let fresh = regorus::Value::from(plain.to_input());
            // Positions cut while preparing are found again, the same.
            for (p, e) in plain.documents.iter().zip(&early.documents) {
                assert!(plain.positions(p) == early.positions(e), "positions differ");
            }
            assert_eq!(plain.documents.len(), early.documents.len());
            let input = take_input(&mut plain);
            assert!(input == fresh, "shared conversion differs from a plain one");
            assert!(input == take_input(&mut early), "prepared input differs");
        }
        (Err(plain), Err(early)) => assert_eq!(plain.problems.0, early.problems.0),
        _ => panic!("loading with and without prepare_input disagree"),
    }
}
