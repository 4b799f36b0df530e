//! Embeds the policy pack (`../policies`) into the engine: every `.rego`, `.yaml`, `.yml`
//! and `.json` file below it becomes an entry of `EMBEDDED_POLICY_FILES`, in path order.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, root, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rego" | "yaml" | "yml" | "json")
        ) {
            let rel = path
                .strip_prefix(root)
                .map_err(std::io::Error::other)?
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path.canonicalize()?));
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(std::io::Error::other)?);
    let root = manifest.join("../policies");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    if root.is_dir() {
        collect(&root, &root, &mut files)?;
    }
    let mut code = String::from("/// Files of the built-in policy pack: (path below `policies/`, contents).\npub static EMBEDDED_POLICY_FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in &files {
        let _ = writeln!(code, "    ({rel:?}, include_str!({:?})),", abs.display().to_string());
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(std::io::Error::other)?);
    std::fs::write(out.join("embedded_policies.rs"), code)?;
    // The built-in requirement catalog as JSON (`catalog::Catalog::builtin` reads it; a test
    // checks it gives the same catalog as the YAML).
    let catalog = root.join("catalog/requirements.yaml");
    let text = std::fs::read_to_string(&catalog)?;
    let value: serde_json::Value = yaml_serde::from_str(&text).map_err(std::io::Error::other)?;
    std::fs::write(
        out.join("requirements.json"),
        serde_json::to_string(&value).map_err(std::io::Error::other)?,
    )
}
