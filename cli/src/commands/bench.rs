//! `sansho bench PATH` (hidden): one check, timed by phase, with the peak memory of the
//! process — what `scripts/bench.sh` records in docs/performance.md. Prints `key: value` lines.
use crate::exit;
use sansho_engine::{check, CheckRequest, Lang};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Inventory directory or file.
    pub path: PathBuf,
    /// Evaluation date (YYYY-MM-DD); default today in Japan.
    #[arg(long, value_name = "YYYY-MM-DD", env = "SANSHO_AS_OF")]
    pub as_of: Option<String>,
    /// Evaluation threads (default as `sansho check`).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// A directory of custom policies (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    /// Run only the custom policies.
    #[arg(long)]
    pub no_builtin: bool,
    /// Show the N slowest rules.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub slowest: usize,
}

/// Peak resident set size of this process in KiB (`VmHWM` of /proc/self/status; Linux only).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bytes_on_disk(files: &[String]) -> u64 {
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

fn ms(d: std::time::Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

pub fn run(args: Args) -> i32 {
    let started = Instant::now();
    let as_of = match crate::commands::check::parse_as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(p) => {
            eprintln!("sansho: {}", p.message);
            return exit::UNTRUSTED;
        }
    };
    let mut req = CheckRequest::new(args.path.clone(), as_of);
    req.policy_dirs = args.policies.clone();
    req.builtin = !args.no_builtin;
    req.workers = args.jobs.unwrap_or_else(crate::commands::check::default_jobs).max(1);
    // As `sansho check` does.
    req.slim_inventory = true;
    // Watched as `sansho check` is, so that the figures include the watch.
    let (watch, watching) = crate::alloc::watch(None, |p| {
        crate::render::problems::print(&p.into(), &sansho_engine::SourceMap::default());
        exit::UNTRUSTED
    });
    req.watch = Some(watch);
    let checked_outcome = check(&req);
    drop(watching);
    let outcome = match checked_outcome {
        Ok(o) => o,
        Err(f) => {
            crate::render::problems::print(&f.problems, &f.sources);
            return exit::UNTRUSTED;
        }
    };
    let checked = started.elapsed();
    // The renderings a CI run produces: JSON and SARIF (not printed).
    let json = serde_json::to_string_pretty(&outcome.report).unwrap_or_default();
    let sarif = crate::render::sarif::render(&outcome, Lang::En, "sansho/bench/");
    let total = started.elapsed();
    let render = total.saturating_sub(checked);
    let files: Vec<String> = outcome.report.inputs.iter().map(|i| i.path.clone()).collect();
    let t = &outcome.timings;
    outln!("files: {}", files.len());
    outln!("input_bytes: {}", bytes_on_disk(&files));
    for (kind, n) in &outcome.report.summary.documents {
        outln!("documents.{kind}: {n}");
    }
    outln!("rules: {}", outcome.report.summary.rules);
    outln!("findings: {}", outcome.report.summary.findings);
    outln!("jobs: {}", req.workers);
    outln!("load_ms: {}", ms(t.load));
    outln!("evaluate_ms: {}", ms(t.evaluate));
    outln!("report_ms: {}", ms(t.report + render));
    outln!("total_ms: {}", ms(total));
    outln!("output_bytes: {}", json.len() + sarif.len());
    if let Some(kib) = peak_rss_kib() {
        outln!("peak_rss_kib: {kib}");
    }
    let mut rules = t.rules.clone();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (id, d) in rules.iter().take(args.slowest) {
        outln!("rule.{id}_ms: {}", ms(*d));
    }
    exit::OK
}
