//! `sansho check [PATH]`.
use crate::exit;
use crate::lang::{self, LangArg};
use crate::render;
use sansho_engine::{check, CheckRequest, Date, Level, Problem, ProblemCode, Problems, SourceMap};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
    Junit,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::from_str(s, true).ok()
    }

    fn as_str(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

/// `FORMAT=FILE` for `--output`.
#[derive(Debug, Clone)]
pub struct OutputSpec {
    pub format: Format,
    pub file: PathBuf,
}

fn parse_output(s: &str) -> Result<OutputSpec, String> {
    let (f, file) = s
        .split_once('=')
        .ok_or_else(|| "expected FORMAT=FILE, e.g. sarif=results.sarif".to_string())?;
    let format = Format::parse(f)
        .ok_or_else(|| format!("unknown format `{f}` (human, json, sarif, junit, github, markdown)"))?;
    if file.is_empty() {
        return Err("the file name is empty".to_string());
    }
    Ok(OutputSpec {
        format,
        file: PathBuf::from(file),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Inventory directory or file.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Evaluation date (YYYY-MM-DD) for deadlines and ages; default: today in Japan (JST). Also read from SANSHO_AS_OF.
    #[arg(long, value_name = "YYYY-MM-DD", env = "SANSHO_AS_OF")]
    pub as_of: Option<String>,
    /// Language of human output; default from LANG (ja* → Japanese).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Lowest finding level that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Settings file; default: sansho.yaml in the inventory directory, if present.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A directory of custom policies (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    /// Extra file or directory of Waiver documents (repeatable), besides those in the inventory.
    #[arg(long = "waivers", value_name = "PATH")]
    pub waivers: Vec<PathBuf>,
    /// Ignore every waiver and show the true state.
    #[arg(long)]
    pub no_waivers: bool,
    /// Run only the custom policies.
    #[arg(long)]
    pub no_builtin: bool,
    /// Largest inventory file read, in bytes (default 64 MiB, or sansho.yaml limits.max_file_bytes).
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_size: Option<u64>,
    /// Most inventory files read (default 100000).
    #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_files: Option<usize>,
    /// Time limit for one rule's evaluation, in seconds (default 60).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub rule_timeout: Option<u64>,
    /// Memory ceiling of the run (resident set), in MiB (default 4096, or sansho.yaml limits.max_memory_mib).
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_memory: Option<u64>,
    /// Evaluation threads (default: available cores, at most 8). Output does not depend on it.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Also write FORMAT to FILE (repeatable), e.g. `--output sarif=results.sarif`.
    #[arg(long = "output", value_name = "FORMAT=FILE", value_parser = parse_output)]
    pub outputs: Vec<OutputSpec>,
    /// SARIF `automationDetails.id` (default `sansho/<path>/`).
    #[arg(long, value_name = "ID")]
    pub sarif_category: Option<String>,
    /// Write the exact JSON document the policies see as `input` to FILE (also when a policy
    /// fails), e.g. to develop a custom policy or to run another Rego engine on it.
    #[arg(long, value_name = "FILE")]
    pub dump_input: Option<PathBuf>,
    /// Write the data document the policies see (`data.sansho`: as_of, params, requirements) to FILE.
    #[arg(long, value_name = "FILE")]
    pub dump_data: Option<PathBuf>,
    /// Colours in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// No progress line on the terminal (it is shown only on a terminal, after a second).
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn parse_as_of(s: Option<&str>) -> Result<Date, Problem> {
    match s {
        None => Ok(Date::today_jst()),
        Some(s) => Date::parse(s).ok_or_else(|| {
            Problem::new(ProblemCode::Config, format!("--as-of `{s}` is not a valid date"))
                .help("write the date as YYYY-MM-DD, e.g. --as-of 2026-03-31")
        }),
    }
}

pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
}

/// Where a check reports: the format on standard output and the `--output` files.
#[derive(Debug, Clone)]
struct Sink {
    format: Format,
    outputs: Vec<OutputSpec>,
    /// SARIF `automationDetails.id`.
    category: String,
}

/// The problems of a run that cannot be trusted, in `format` (nothing for human output on
/// standard output: the problems go to stderr).
fn failure_text(format: Format, problems: &Problems, category: &str) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(&render::problems::to_json(problems)).unwrap_or_default() + "\n",
        Format::Sarif => render::failure::sarif(problems, category),
        Format::Junit => render::failure::junit(problems),
        Format::Github => render::failure::github(problems),
        Format::Markdown => render::failure::markdown(problems),
        Format::Human => render::failure::plain(problems),
    }
}

/// Reports a run that cannot be trusted in every place a result was asked for: each
/// `--output` file is replaced by the failure in its format (a CI step reading it afterwards
/// must not find the previous run's result), standard output gets it in the chosen format,
/// and stderr the diagnostics with source snippets.
fn fail(problems: Problems, sources: &SourceMap, sink: &Sink) -> i32 {
    for o in &sink.outputs {
        if let Err(e) =
            sansho_engine::write::replace_file_with(&o.file, failure_text(o.format, &problems, &sink.category))
        {
            eprintln!("sansho: cannot write {}: {e}", o.file.display());
        }
    }
    if sink.format != Format::Human {
        crate::out::emit(&failure_text(sink.format, &problems, &sink.category));
    }
    render::problems::print(&problems, sources);
    exit::UNTRUSTED
}

/// The files asked for that cannot be written: two outputs (or dumps) naming one file would
/// overwrite each other, one that is an input (or would be read as one next time) would
/// replace it, and `-` is not a file (it would be written as one named `-`).
fn unwritable_output(args: &Args) -> Option<Problem> {
    let inputs: Vec<&std::path::Path> = std::iter::once(args.path.as_path())
        .chain(args.policies.iter().map(PathBuf::as_path))
        .chain(args.config.iter().map(PathBuf::as_path))
        .chain(args.waivers.iter().map(PathBuf::as_path))
        .collect();
    let mut seen: Vec<(std::path::PathBuf, String)> = Vec::new();
    let named = args
        .outputs
        .iter()
        .map(|o| (o.file.clone(), format!("--output {}=…", o.format.as_str())))
        .chain(args.dump_input.iter().map(|f| (f.clone(), "--dump-input".to_string())))
        .chain(args.dump_data.iter().map(|f| (f.clone(), "--dump-data".to_string())));
    for (file, flag) in named {
        if file.as_os_str() == "-" {
            return Some(
                Problem::new(ProblemCode::Config, format!("{flag} takes a file name, not `-`"))
                    .help("give a file name, e.g. input.json: standard output carries the --format output"),
            );
        }
        let what = match flag.strip_suffix('…') {
            Some(output) => format!("{output}{}", file.display()),
            None => format!("{flag} {}", file.display()),
        };
        if let Some(p) = crate::out::refuse_input(&what, &file, &inputs) {
            return Some(p);
        }
        let key = crate::out::path_key(&file);
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            return Some(
                Problem::new(
                    ProblemCode::Config,
                    format!("{first} and {flag} both write {}", file.display()),
                )
                .help("give each output a file of its own"),
            );
        }
        seen.push((key, flag));
    }
    None
}

/// Writes compact JSON (key order as in the inventory, so the same input gives the same bytes).
fn write_json(path: &std::path::Path, value: &serde_json::Value) -> Result<(), Problem> {
    let io = |e: std::io::Error| {
        Problem::new(ProblemCode::Io, format!("cannot write {}: {e}", path.display()))
            .help("check that the directory exists and is writable")
    };
    sansho_engine::write::replace_file(path, |w| {
        serde_json::to_writer(&mut *w, value)?;
        w.write_all(b"\n")
    })
    .map_err(io)
}

pub fn run(args: Args) -> i32 {
    let lang = lang::resolve(args.lang);
    let category = args
        .sarif_category
        .clone()
        .unwrap_or_else(|| format!("sansho/{}/", args.path.to_string_lossy().trim_end_matches('/')));
    let sink = Sink {
        format: args.format,
        outputs: args.outputs.clone(),
        category: category.clone(),
    };
    if let Some(p) = unwritable_output(&args) {
        // Not written: the files named are the user's, and which of them to keep is unclear.
        let sink = Sink {
            outputs: Vec::new(),
            ..sink
        };
        return fail(p.into(), &SourceMap::default(), &sink);
    }
    let as_of = match parse_as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(p) => return fail(p.into(), &SourceMap::default(), &sink),
    };
    let mut req = CheckRequest::new(args.path.clone(), as_of);
    req.config = args.config.clone();
    req.policy_dirs = args.policies.clone();
    req.builtin = !args.no_builtin;
    req.fail_on = match args.fail_on {
        FailOn::Error => Level::Error,
        FailOn::Warning => Level::Warning,
        FailOn::Note => Level::Note,
    };
    req.max_file_bytes = args.max_file_size;
    req.max_files = args.max_files;
    req.rule_timeout = args.rule_timeout.map(Duration::from_secs);
    req.max_memory_mib = args.max_memory;
    req.waiver_paths = args.waivers.clone();
    req.no_waivers = args.no_waivers;
    // Only the report is used below; the input is dumped by the check, from the policies' input.
    req.slim_inventory = true;
    req.dump_input = args.dump_input.clone();
    req.workers = args.jobs.unwrap_or_else(default_jobs).max(1);
    // The memory ceiling (set by the check from --max-memory or sansho.yaml) is watched beside
    // it, while it loads and evaluates; crossing it is reported like any untrusted run, in the
    // output format, and ends it.
    let on_limit = sink.clone();
    let (watch, watching) = crate::alloc::watch(None, move |p| fail(p.into(), &SourceMap::default(), &on_limit));
    req.watch = Some(watch);
    let progress = crate::progress::Progress::start(args.quiet, "checking the inventory");
    let result = check(&req);
    progress.finish();
    // Not while outputs are written: ending the process then would leave a file half written.
    drop(watching);
    let outcome = match result {
        Ok(o) => o,
        Err(f) => return fail(f.problems, &f.sources, &sink),
    };
    if let Some(path) = &args.dump_data {
        let data = match sansho_engine::eval::policy_data(&outcome.catalog, as_of, &outcome.report.parameters) {
            Ok(d) => d,
            Err(p) => return fail(p, &SourceMap::default(), &sink),
        };
        if let Err(p) = write_json(path, &data) {
            return fail(p.into(), &SourceMap::default(), &sink);
        }
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let render_as = |format: Format, color: bool| -> String {
        match format {
            Format::Json => serde_json::to_string_pretty(&outcome.report).unwrap_or_default() + "\n",
            Format::Human => render::human::render(&outcome, lang, color),
            Format::Sarif => render::sarif::render(&outcome, lang, &category),
            Format::Github => render::github::render(&outcome, lang),
            Format::Markdown => render::markdown::render(&outcome, lang),
            Format::Junit => render::junit::render(&outcome, lang),
        }
    };
    for o in &args.outputs {
        if let Err(e) = sansho_engine::write::replace_file_with(&o.file, render_as(o.format, false)) {
            return fail(
                Problem::new(ProblemCode::Io, format!("cannot write {}: {e}", o.file.display()))
                    .help("check that the directory exists and is writable")
                    .into(),
                &SourceMap::default(),
                &sink,
            );
        }
    }
    if args.format == Format::Github {
        if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY") {
            use std::io::Write;
            let md = render::markdown::render(&outcome, lang);
            let written = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&summary)
                .and_then(|mut f| f.write_all(md.as_bytes()));
            if let Err(e) = written {
                eprintln!("sansho: cannot write the step summary: {e}");
            }
        }
    }
    let text = render_as(args.format, color);
    crate::out::emit(&text);
    let failed = outcome.report.failed();
    // The process ends after this: freeing the inventory (every document, its positions and
    // its text) piece by piece took about 2 % of a 10 000-system check's CPU time, for memory
    // the operating system takes back at once.
    std::mem::forget(outcome);
    if failed {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
