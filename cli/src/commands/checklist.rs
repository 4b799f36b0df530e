//! `sansho checklist [PATH]`: the MHLW cybersecurity checklist filled in from a check.
use crate::commands::check::{default_jobs, parse_as_of};
use crate::exit;
use crate::lang::LangArg;
use crate::render;
use sansho_engine::checklist::{self, ListSelection};
use sansho_engine::{check, CheckOutcome, CheckRequest, Lang, Problem, ProblemCode, Problems, SourceMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// What the document commands (`checklist`, `report`) check: the inventory and how.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// Inventory directory or file.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Evaluation date (YYYY-MM-DD); default: today in Japan (JST). Also read from SANSHO_AS_OF.
    #[arg(long, value_name = "YYYY-MM-DD", env = "SANSHO_AS_OF")]
    pub as_of: Option<String>,
    /// Language of the document (default Japanese: the documents are for Japanese readers).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Settings file; default: sansho.yaml in the inventory directory, if present.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A directory of custom policies (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    /// Extra file or directory of Waiver documents (repeatable).
    #[arg(long = "waivers", value_name = "PATH")]
    pub waivers: Vec<PathBuf>,
    /// Ignore every waiver.
    #[arg(long)]
    pub no_waivers: bool,
    /// Evaluation threads (default: available cores, at most 8). Output does not depend on it.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress on the terminal.
    #[arg(long, short)]
    pub quiet: bool,
}

impl RunArgs {
    /// The document language: `--lang`, else Japanese.
    pub fn lang(&self) -> Lang {
        match self.lang {
            Some(LangArg::En) => Lang::En,
            _ => Lang::Ja,
        }
    }

    /// Runs the check, printing problems and returning exit 2 when it cannot be trusted.
    /// `every_position`: the caller reads the positions of most documents (the checklist's
    /// evidence), so they are kept rather than found again one document at a time.
    /// Checks the inventory; `output` is the file the document goes to, refused when it is
    /// one of the inputs.
    pub fn check(&self, every_position: bool, output: Option<&Path>) -> Result<CheckOutcome, i32> {
        if let Some(out) = output {
            let inputs: Vec<&Path> = std::iter::once(self.path.as_path())
                .chain(self.policies.iter().map(PathBuf::as_path))
                .chain(self.config.iter().map(PathBuf::as_path))
                .chain(self.waivers.iter().map(PathBuf::as_path))
                .collect();
            if let Some(p) = crate::out::refuse_input(&format!("--output {}", out.display()), out, &inputs) {
                return Err(fail(p.into(), &SourceMap::default()));
            }
        }
        let as_of = parse_as_of(self.as_of.as_deref()).map_err(|p| fail(p.into(), &SourceMap::default()))?;
        let mut req = CheckRequest::new(self.path.clone(), as_of);
        req.config = self.config.clone();
        req.policy_dirs = self.policies.clone();
        req.waiver_paths = self.waivers.clone();
        req.no_waivers = self.no_waivers;
        req.workers = self.jobs.unwrap_or_else(default_jobs).max(1);
        req.positions_on_demand = !every_position;
        let (watch, _watching) = crate::alloc::watch(None, |p| fail(p.into(), &SourceMap::default()));
        req.watch = Some(watch);
        let progress = crate::progress::Progress::start(self.quiet, "checking the inventory");
        let result = check(&req);
        progress.finish();
        result.map_err(|f| fail(f.problems, &f.sources))
    }
}

pub fn fail(problems: Problems, sources: &SourceMap) -> i32 {
    render::problems::print(&problems, sources);
    exit::UNTRUSTED
}

/// Writes `bytes` to `file`, or to stdout without one.
pub fn write_out(file: Option<&Path>, bytes: &[u8]) -> i32 {
    match file {
        Some(f) => match sansho_engine::write::replace_file_with(f, bytes) {
            Ok(()) => exit::OK,
            Err(e) => fail(
                Problem::new(ProblemCode::Io, format!("cannot write {}: {e}", f.display()))
                    .help("check that the directory exists and is writable")
                    .into(),
                &SourceMap::default(),
            ),
        },
        None => {
            crate::out::emit_bytes(bytes);
            exit::OK
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Xlsx,
    Csv,
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum List {
    Institution,
    Vendor,
    All,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub run: RunArgs,
    /// Checklist edition (the item list of that fiscal year).
    #[arg(long, default_value = "r7")]
    pub edition: String,
    /// Which list: the institution's (医療機関確認用), one per vendor (事業者確認用), or all.
    #[arg(long, value_enum, default_value_t = List::All)]
    pub list: List,
    /// Output format; default: from the --output file's extension, else markdown.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn format_of(args: &Args) -> Format {
    if let Some(f) = args.format {
        return f;
    }
    let ext = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx") => Format::Xlsx,
        Some("csv") => Format::Csv,
        Some("html" | "htm") => Format::Html,
        Some("json") => Format::Json,
        _ => Format::Markdown,
    }
}

pub fn run(args: Args) -> i32 {
    let format = format_of(&args);
    if format == Format::Xlsx && args.output.is_none() && std::io::stdout().is_terminal() {
        return fail(
            Problem::new(ProblemCode::Config, "an xlsx workbook is not written to a terminal")
                .help("add --output checklist.xlsx")
                .into(),
            &SourceMap::default(),
        );
    }
    let lang = args.run.lang();
    let outcome = match args.run.check(true, args.output.as_deref()) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let lists = match args.list {
        List::Institution => ListSelection::Institution,
        List::Vendor => ListSelection::Vendor,
        List::All => ListSelection::All,
    };
    let c = match checklist::build(&outcome, &args.edition, lists) {
        Ok(c) => c,
        Err(p) => return fail(p.into(), &SourceMap::default()),
    };
    let bytes = match format {
        Format::Xlsx => match render::checklist_xlsx::render(&c, lang) {
            Ok(b) => b,
            Err(e) => {
                return fail(
                    Problem::new(ProblemCode::Io, format!("cannot build the workbook: {e}")).into(),
                    &SourceMap::default(),
                )
            }
        },
        Format::Csv => match render::checklist::csv(&c, lang) {
            Ok(s) => s.into_bytes(),
            Err(e) => {
                return fail(
                    Problem::new(ProblemCode::Io, format!("cannot write CSV: {e}")).into(),
                    &SourceMap::default(),
                )
            }
        },
        Format::Markdown => render::checklist::markdown(&c, lang).into_bytes(),
        Format::Html => render::checklist::html(&c, lang).into_bytes(),
        Format::Json => (serde_json::to_string_pretty(&c).unwrap_or_default() + "\n").into_bytes(),
    };
    write_out(args.output.as_deref(), &bytes)
}
