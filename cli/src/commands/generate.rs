//! `sansho generate`: a synthetic inventory for benchmarks and for trying sansho out.
use crate::exit;
use sansho_engine::generate::{generate, GenerateOptions};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of systems (each with a server, a terminal and a network device).
    #[arg(long, value_name = "N")]
    pub systems: usize,
    /// Seed: the same seed, date and options give byte-identical files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Share of systems and of contracts (0–100) that get one deliberate defect each.
    #[arg(long, value_name = "PCT", default_value_t = 10, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub violations: u8,
    /// Directory to write (created; must be empty or absent).
    #[arg(long, value_name = "DIR")]
    pub output: PathBuf,
    /// The date the inventory is made for (review dates and expiries are placed around it);
    /// default: today in Japan, like `sansho check`.
    #[arg(long, value_name = "YYYY-MM-DD", env = "SANSHO_AS_OF")]
    pub as_of: Option<String>,
    /// Systems per file.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub per_file: usize,
    /// Also write Kubernetes manifests (a Deployment and a NetworkPolicy per system, linked by
    /// a label selector); compliant, so the expected findings are the same.
    #[arg(long)]
    pub kubernetes: bool,
}

pub fn run(args: Args) -> i32 {
    let as_of = match crate::commands::check::parse_as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(p) => {
            eprintln!("sansho: {}", p.message);
            return exit::UNTRUSTED;
        }
    };
    let out = &args.output;
    if let Ok(mut entries) = std::fs::read_dir(out) {
        if entries.next().is_some() {
            eprintln!(
                "sansho: `{}` is not empty; give a new or empty directory (generate never overwrites files)",
                out.display()
            );
            return exit::UNTRUSTED;
        }
    } else if out.exists() {
        eprintln!("sansho: `{}` is not a directory", out.display());
        return exit::UNTRUSTED;
    }
    let mut opts = GenerateOptions::new(args.systems, args.seed, as_of);
    opts.violations_percent = args.violations;
    opts.systems_per_file = args.per_file.max(10);
    opts.kubernetes = args.kubernetes;
    let generated = generate(&opts);
    let mut files = generated.files.clone();
    files.push(("EXPECTED.tsv".to_string(), generated.expected_tsv()));
    let mut bytes = 0usize;
    for (rel, text) in &files {
        let path = out.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("sansho: cannot write {}: {e}", path.display());
            return exit::UNTRUSTED;
        }
        bytes += text.len();
    }
    outln!(
        "{}: {} systems, {} files, {} bytes; {} deliberate defects ({} % of systems and contracts), listed in EXPECTED.tsv; check with --as-of {}",
        out.display(),
        args.systems,
        files.len(),
        bytes,
        generated.expected.len(),
        args.violations,
        as_of
    );
    exit::OK
}
