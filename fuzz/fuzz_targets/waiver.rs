//! Waiver documents: arbitrary bytes loaded as an inventory file, then read as waivers
//! against the built-in pack and catalog.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sansho_engine::check::load_pack;
use sansho_engine::inventory::{load_files, LoadOptions};
use sansho_engine::{Catalog, PolicySet};
use std::sync::OnceLock;

static PACK: OnceLock<Option<(Catalog, PolicySet)>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((catalog, pack)) = PACK.get_or_init(|| load_pack(true, &[]).ok()) else {
        return;
    };
    let opts = LoadOptions { workers: 1, ..LoadOptions::default() };
    if let Ok(inv) = load_files(vec![("waivers.yaml".to_string(), data.to_vec())], &opts) {
        let _ = sansho_engine::waiver::read(&inv, pack, catalog);
    }
});
