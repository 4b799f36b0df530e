//! `sansho report [PATH] --output report.html`: the self-contained audit report.
use crate::commands::checklist::{write_out, RunArgs};
use crate::render;
use sansho_engine::audit;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub run: RunArgs,
    /// Write the HTML to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> i32 {
    let lang = args.run.lang();
    let outcome = match args.run.check(false, args.output.as_deref()) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let report = audit::build(&outcome);
    write_out(
        args.output.as_deref(),
        render::report_html::render(&report, lang).as_bytes(),
    )
}
