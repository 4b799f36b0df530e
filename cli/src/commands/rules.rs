//! `sansho rules`: the rules of the pack (id, level, severity, requirements, source).
use crate::exit;
use crate::lang::{self, LangArg};
use sansho_engine::check::load_pack;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Custom policy directories whose rules to list (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    /// List only the custom rules.
    #[arg(long)]
    pub no_builtin: bool,
    /// Language of the titles; default from LANG.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

pub fn run(args: Args) -> i32 {
    let lang = lang::resolve(args.lang);
    let (_, pack) = match load_pack(!args.no_builtin, &args.policies) {
        Ok(x) => x,
        Err(p) => {
            crate::render::problems::print(&p, &Default::default());
            return exit::UNTRUSTED;
        }
    };
    match args.format {
        Format::Json => {
            let rules: Vec<serde_json::Value> = pack
                .rules
                .iter()
                .map(|r| {
                    let file = pack.files.get(r.file);
                    serde_json::json!({
                        "id": r.meta.id,
                        "title": r.meta.title,
                        "level": r.meta.level,
                        "severity": r.meta.severity,
                        "requirements": r.meta.requirements,
                        "applies_to": r.meta.applies_to,
                        "treatment": r.meta.treatment,
                        "source": file.map(|f| f.origin.label()),
                        "file": file.map(|f| f.path.clone()),
                    })
                })
                .collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({"rules": rules})).unwrap_or_default()
            );
        }
        Format::Human => {
            for r in &pack.rules {
                let src = pack.files.get(r.file).map(|f| f.origin.label()).unwrap_or_default();
                outln!(
                    "{:<14} {:<7} {:<8} {}  [{}] ({})",
                    r.meta.id,
                    r.meta.level.as_str(),
                    r.meta.severity.as_str(),
                    r.meta.title.get(lang),
                    r.meta.requirements.join(", "),
                    src
                );
            }
        }
    }
    exit::OK
}
