//! The inventory loader on arbitrary bytes as a YAML file: decoding, parsing with positions,
//! envelope and schema checks. Any outcome but a panic (or a hang) is fine.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sansho_engine::inventory::{load_files, LoadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = LoadOptions { workers: 1, ..LoadOptions::default() };
    if let Ok(inv) = load_files(vec![("fuzz.yaml".to_string(), data.to_vec())], &opts) {
        // Every document's positions resolve, and the input document builds.
        for d in &inv.documents {
            let _ = inv.locate(d, &[]);
        }
        let _ = inv.to_input();
    }
});
