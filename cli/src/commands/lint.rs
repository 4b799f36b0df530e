//! `sansho lint [DIR…]`: checks policy directories (the built-in pack when none is given) —
//! METADATA keys and values, unknown requirement ids, duplicate rule ids, Rego that does not
//! compile, rules without tests, Japanese or English text missing — and reports every problem
//! with its file and line.
use crate::exit;
use sansho_engine::authoring;
use sansho_engine::check::load_pack;
use sansho_engine::eval::{build_engine, EvalOptions};
use sansho_engine::Problem;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Policy directories; none: the built-in pack.
    pub dirs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(args: Args) -> i32 {
    let builtin = args.dirs.is_empty();
    for d in &args.dirs {
        if !d.is_dir() {
            eprintln!(
                "sansho: {} is not a directory; give lint the directory of your .rego files",
                d.display()
            );
            return exit::UNTRUSTED;
        }
    }
    // Custom directories are linted together with the built-in pack, so that an id clash or a
    // requirement id of the built-in catalog is judged as `check --policy` would judge it.
    let problems: Vec<Problem> = match load_pack(true, &args.dirs) {
        Err(p) => p.0,
        Ok((catalog, pack)) => {
            let mut v = authoring::lint(&pack, &catalog, builtin);
            if let Err(p) = build_engine(&pack, &catalog, &EvalOptions::default()) {
                v.extend(p.0);
            }
            v
        }
    };
    match args.format {
        Format::Json => {
            let doc = serde_json::json!({
                "problems": crate::render::problems::to_json(&sansho_engine::Problems(problems.clone()))["problems"],
                "count": problems.len(),
            });
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Human => {
            for p in &problems {
                let place = match (&p.location, &p.file) {
                    (Some(l), _) => format!("{}:{}:{}", l.file, l.line, l.column),
                    (None, Some(f)) => f.clone(),
                    (None, None) => "<pack>".to_string(),
                };
                eprintln!("{place}: {}: {}", p.code.as_str(), p.message);
                if let Some(h) = &p.help {
                    eprintln!("  help: {h}");
                }
            }
            if problems.is_empty() {
                eprintln!("sansho lint: no problems");
            } else {
                eprintln!("sansho lint: {} problem(s)", problems.len());
            }
        }
    }
    if problems.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    }
}
