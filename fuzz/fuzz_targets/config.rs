//! sansho.yaml: limits and parameters checked against the built-in defaults and catalog.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sansho_engine::config::Config;
use sansho_engine::{Catalog, PolicySet};
use std::sync::OnceLock;

/// The built-in pack's catalog and parameters, loaded once.
fn pack() -> &'static (Catalog, PolicySet) {
    static PACK: OnceLock<(Catalog, PolicySet)> = OnceLock::new();
    PACK.get_or_init(|| sansho_engine::check::load_pack(true, &[]).expect("the built-in pack loads"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (catalog, pack) = pack();
        let _ = Config::parse(text, "sansho.yaml", &pack.params, catalog);
    }
});
