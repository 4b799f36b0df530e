//! The METADATA parser (a Rego file's `# METADATA` blocks and package line).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sansho_engine::metadata::{find_blocks, package_of, parse_rule_meta};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = find_blocks(text);
        let _ = package_of(text);
        let _ = parse_rule_meta(text, "fuzz.rego");
    }
});
