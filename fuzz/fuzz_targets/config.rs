//! sansho.yaml: limits and parameters checked against the built-in defaults.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sansho_engine::config::Config;
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut defaults = BTreeMap::new();
        defaults.insert("password_min_length".to_string(), serde_json::json!(8));
        defaults.insert("vendor_accepted_certifications".to_string(), serde_json::json!(["isms"]));
        defaults.insert("mds_sds_min_format_version".to_string(), serde_json::json!("5.0"));
        let _ = Config::parse(text, "sansho.yaml", &defaults);
    }
});
