//! `sansho matrix [PATH]`: the responsibility matrix of an inventory's contracts, or with
//! `--institution DIR --vendor DIR` the cross-check of the two sides' splits.
use crate::exit;
use crate::lang::{self, LangArg};
use crate::render;
use sansho_engine::{Problem, ProblemCode, Problems, SourceMap};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Matrix as a Markdown table (default for the matrix).
    Markdown,
    /// Matrix as CSV (one column per party).
    Csv,
    /// Matrix as a standalone HTML page.
    Html,
    /// Matrix, or cross-check report, as JSON.
    Json,
    /// Matrix as an OSCAL system security plan (JSON).
    Oscal,
    /// Cross-check findings with source snippets (default for the cross-check).
    Human,
    /// Cross-check findings as SARIF 2.1.0.
    Sarif,
    /// Cross-check findings as GitHub workflow commands.
    Github,
    /// Cross-check findings as JUnit XML.
    Junit,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Inventory directory or file with the Contract documents.
    pub path: Option<PathBuf>,
    /// Only this contract (metadata.name).
    #[arg(long, value_name = "NAME")]
    pub contract: Option<String>,
    /// Output format (default: markdown for the matrix, human for the cross-check).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the output to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The institution's inventory, to cross-check against --vendor.
    #[arg(long, value_name = "DIR", requires = "vendor", conflicts_with_all = ["path", "contract"])]
    pub institution: Option<PathBuf>,
    /// The vendor's inventory, to cross-check against --institution.
    #[arg(long, value_name = "DIR", requires = "institution")]
    pub vendor: Option<PathBuf>,
    /// Evaluation date (YYYY-MM-DD) written into OSCAL and reports; default: today in Japan (JST).
    #[arg(long, value_name = "YYYY-MM-DD", env = "SANSHO_AS_OF")]
    pub as_of: Option<String>,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

fn fail(p: Problems, sources: &SourceMap) -> i32 {
    render::problems::print(&p, sources);
    exit::UNTRUSTED
}

fn write(output: &Option<PathBuf>, text: &str) -> i32 {
    match output {
        Some(file) => match sansho_engine::write::replace_file_with(file, text.as_bytes()) {
            Ok(()) => exit::OK,
            Err(e) => fail(
                Problem::new(ProblemCode::Io, format!("cannot write {}: {e}", file.display()))
                    .help("check that the directory exists and is writable")
                    .into(),
                &SourceMap::default(),
            ),
        },
        None => {
            crate::out::emit(text);
            exit::OK
        }
    }
}

pub fn run(args: Args) -> i32 {
    let lang = lang::resolve(args.lang);
    let as_of = match crate::commands::check::parse_as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(p) => return fail(p.into(), &SourceMap::default()),
    };
    // Its rules (unassigned requirements) stop at the default memory ceiling, watched while
    // the inventories load and the rules evaluate.
    if let Some(out) = &args.output {
        let inputs: Vec<&Path> = [&args.path, &args.institution, &args.vendor]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
            .collect();
        if let Some(p) = crate::out::refuse_input(&format!("--output {}", out.display()), out, &inputs) {
            return fail(p.into(), &SourceMap::default());
        }
    }
    let watching = crate::alloc::watch_evaluation();
    if let (Some(inst), Some(vend)) = (&args.institution, &args.vendor) {
        let format = args.format.unwrap_or(Format::Human);
        let checked = sansho_engine::matrix::cross_check(inst, vend, as_of);
        drop(watching);
        let outcome = match checked {
            Ok(o) => o,
            Err(f) => return fail(f.problems, &f.sources),
        };
        let category = format!("sansho/matrix/{}/", vend.to_string_lossy().trim_end_matches('/'));
        let text = match format {
            Format::Human => render::human::render(&outcome, lang, false),
            Format::Json => serde_json::to_string_pretty(&outcome.report).unwrap_or_default() + "\n",
            Format::Sarif => render::sarif::render(&outcome, lang, &category),
            Format::Github => render::github::render(&outcome, lang),
            Format::Junit => render::junit::render(&outcome, lang),
            Format::Markdown => render::markdown::render(&outcome, lang),
            Format::Csv | Format::Html | Format::Oscal => {
                return fail(
                    Problem::new(
                        ProblemCode::Config,
                        "--format csv, html and oscal render a matrix, not a cross-check",
                    )
                    .help("use human, json, markdown, sarif, github or junit with --institution/--vendor")
                    .into(),
                    &SourceMap::default(),
                )
            }
        };
        let code = write(&args.output, &text);
        if code != exit::OK {
            return code;
        }
        return if outcome.report.failed() {
            exit::FINDINGS
        } else {
            exit::OK
        };
    }
    let Some(path) = args.path.clone() else {
        return fail(
            Problem::new(ProblemCode::Config, "no inventory given")
                .help("sansho matrix PATH, or sansho matrix --institution DIR --vendor DIR")
                .into(),
            &SourceMap::default(),
        );
    };
    let format = args.format.unwrap_or(Format::Markdown);
    if matches!(format, Format::Human | Format::Sarif | Format::Github | Format::Junit) {
        return fail(
            Problem::new(
                ProblemCode::Config,
                "--format human, sarif, github and junit are for the cross-check",
            )
            .help("use markdown, csv, html, json or oscal for a matrix")
            .into(),
            &SourceMap::default(),
        );
    }
    let built = sansho_engine::matrix::matrix_of(&path, args.contract.as_deref(), as_of);
    drop(watching);
    let m = match built {
        Ok((m, _)) => m,
        Err(f) => return fail(f.problems, &f.sources),
    };
    let text = match format {
        Format::Markdown => render::matrix::markdown(&m, lang),
        Format::Csv => render::matrix::csv(&m, lang),
        Format::Html => render::matrix::html(&m, lang),
        Format::Json => render::matrix::json(&m),
        Format::Oscal => render::matrix::oscal(&m, lang, as_of),
        Format::Human | Format::Sarif | Format::Github | Format::Junit => String::new(),
    };
    write(&args.output, &text)
}
