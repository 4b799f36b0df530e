//! The inventory loader on arbitrary bytes as a JSON file: decoding, parsing with positions,
//! envelope and schema checks, with and without the policies' input prepared while loading
//! (`sansho_fuzz::load_both_ways`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| sansho_fuzz::load_both_ways("fuzz.json", data));
