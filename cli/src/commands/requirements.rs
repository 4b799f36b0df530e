//! `sansho requirements`: the requirement catalog, with the rules that check each entry.
use crate::exit;
use crate::lang::{self, LangArg};
use sansho_engine::check::load_pack;
use sansho_engine::coverage::RequirementCoverage;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Only requirements of this source (checklist_r7_institution, checklist_r7_vendor, guideline6, vendor2, mds_sds).
    #[arg(long)]
    pub source: Option<String>,
    /// Custom policy directories whose catalogs and rules to include.
    #[arg(long = "policy", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

pub fn run(args: Args) -> i32 {
    let lang = lang::resolve(args.lang);
    let (catalog, pack) = match load_pack(true, &args.policies) {
        Ok(x) => x,
        Err(p) => {
            crate::render::problems::print(&p, &Default::default());
            return exit::UNTRUSTED;
        }
    };
    let coverage: BTreeMap<String, RequirementCoverage> = sansho_engine::coverage::coverage(&catalog, &pack)
        .into_iter()
        .map(|c| (c.id.clone(), c))
        .collect();
    if let Some(source) = &args.source {
        let mut sources: Vec<&str> = catalog.iter().map(|r| r.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        if !sources.contains(&source.as_str()) {
            eprintln!("sansho: unknown source `{source}`; sources: {}", sources.join(", "));
            return exit::UNTRUSTED;
        }
    }
    let reqs: Vec<_> = catalog
        .iter()
        .filter(|r| args.source.as_ref().is_none_or(|s| &r.source == s))
        .collect();
    match args.format {
        Format::Json => {
            let items: Vec<serde_json::Value> = reqs
                .iter()
                .map(|r| {
                    let mut v = serde_json::to_value(r).unwrap_or_default();
                    if let (Some(o), Some(c)) = (v.as_object_mut(), coverage.get(&r.id)) {
                        o.insert("treatment".into(), serde_json::json!(c.treatment.as_str()));
                        o.insert("rules".into(), serde_json::json!(c.rules));
                    }
                    v
                })
                .collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({"requirements": items})).unwrap_or_default()
            );
        }
        Format::Human => {
            for r in reqs {
                let c = coverage.get(&r.id);
                let rules = c
                    .filter(|c| !c.rules.is_empty())
                    .map(|c| c.rules.join(","))
                    .unwrap_or_else(|| "-".into());
                let treatment = c.map_or("unassigned", |c| c.treatment.as_str());
                let flag = if r.basis.is_unverified() { " (unverified)" } else { "" };
                outln!(
                    "{:<22} {:<10} {}{}  [{}]",
                    r.id,
                    treatment,
                    r.title.get(lang),
                    flag,
                    rules
                );
            }
        }
    }
    exit::OK
}
