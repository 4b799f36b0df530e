//! `sansho gen-docs [DIR]`: writes the generated documentation below `docs/` — the rule reference
//! (`rules/`) from policy metadata and the inventory reference (`inventory.md`) from the schemas
//! and the catalog.
use crate::exit;
use sansho_engine::check::load_pack;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The documentation directory.
    #[arg(default_value = "docs")]
    pub dir: PathBuf,
    /// Only report whether the files differ (exit 1 when they do).
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: Args) -> i32 {
    let (catalog, pack) = match load_pack(true, &[]) {
        Ok(x) => x,
        Err(p) => {
            crate::render::problems::print(&p, &Default::default());
            return exit::UNTRUSTED;
        }
    };
    // (path below DIR, contents)
    let mut files: Vec<(String, String)> = sansho_engine::docs::rule_docs(&pack, &catalog)
        .into_iter()
        .map(|(name, text)| (format!("rules/{name}"), text))
        .collect();
    files.push((
        "coverage.md".to_string(),
        sansho_engine::docs::coverage_page(&catalog, &pack),
    ));
    files.push((
        "inventory.md".to_string(),
        sansho_engine::docs::inventory_reference(&catalog),
    ));
    let mut stale = Vec::new();
    for (name, text) in &files {
        let path = args.dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path);
        }
    }
    // Pages of rules that no longer exist.
    let mut orphans = Vec::new();
    if let Ok(rd) = std::fs::read_dir(args.dir.join("rules")) {
        for e in rd.flatten() {
            let n = format!("rules/{}", e.file_name().to_string_lossy());
            if n.ends_with(".md") && !files.iter().any(|(f, _)| f == &n) {
                orphans.push(e.path());
            }
        }
    }
    orphans.sort();
    if args.check {
        for p in stale.iter().chain(&orphans) {
            eprintln!(
                "sansho: {} is out of date; run `cargo run -p sansho -- gen-docs`",
                p.display()
            );
        }
        return if stale.is_empty() && orphans.is_empty() {
            exit::OK
        } else {
            exit::FINDINGS
        };
    }
    for (name, text) in &files {
        let path = args.dir.join(name);
        if let Some(parent) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("sansho: cannot create {}: {e}", parent.display());
                return exit::UNTRUSTED;
            }
        }
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("sansho: cannot write {}: {e}", path.display());
            return exit::UNTRUSTED;
        }
    }
    for p in &orphans {
        if let Err(e) = std::fs::remove_file(p) {
            eprintln!("sansho: cannot remove {}: {e}", p.display());
            return exit::UNTRUSTED;
        }
    }
    exit::OK
}
