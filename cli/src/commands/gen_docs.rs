//! `sansho gen-docs [DIR]`: writes the rule reference (`docs/rules/`) from policy metadata.
use crate::exit;
use sansho_engine::check::load_pack;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output directory.
    #[arg(default_value = "docs/rules")]
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
    let files = sansho_engine::docs::rule_docs(&pack, &catalog);
    let mut stale = Vec::new();
    for (name, text) in &files {
        let path = args.dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path);
        }
    }
    if let Ok(rd) = std::fs::read_dir(&args.dir) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().to_string();
            if n.ends_with(".md") && !files.iter().any(|(f, _)| f == &n) {
                stale.push(e.path());
            }
        }
    }
    if args.check {
        for p in &stale {
            eprintln!(
                "sansho: {} is out of date; run `cargo run -p sansho -- gen-docs`",
                p.display()
            );
        }
        return if stale.is_empty() { exit::OK } else { exit::FINDINGS };
    }
    if let Err(e) = std::fs::create_dir_all(&args.dir) {
        eprintln!("sansho: cannot create {}: {e}", args.dir.display());
        return exit::UNTRUSTED;
    }
    for (name, text) in &files {
        if let Err(e) = std::fs::write(args.dir.join(name), text) {
            eprintln!("sansho: cannot write {name}: {e}");
            return exit::UNTRUSTED;
        }
    }
    for p in stale.iter().filter(|p| !files.iter().any(|(f, _)| p.ends_with(f))) {
        let _ = std::fs::remove_file(p);
    }
    outln!("wrote {} files to {}", files.len(), args.dir.display());
    exit::OK
}
