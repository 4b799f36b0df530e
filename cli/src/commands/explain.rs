//! `sansho explain ID`: the documentation of a rule (by id or alias) or of a requirement — the
//! same page `docs/rules/` and the requirement reference are generated from.
use crate::exit;
use sansho_engine::authoring;
use sansho_engine::check::load_pack;
use sansho_engine::docs;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule id (SNS-BAK-001) or a requirement id (chk.r7.inst.3.2).
    pub id: String,
    /// Custom policy directories whose rules and catalogs to include (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    /// Print JSON (the rule's metadata or the requirement's catalog entry) instead of Markdown.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> i32 {
    let (catalog, pack) = match load_pack(true, &args.policies) {
        Ok(x) => x,
        Err(p) => {
            crate::render::problems::print(&p, &Default::default());
            return exit::UNTRUSTED;
        }
    };
    if let Some(rule) = pack.rule(&args.id) {
        if args.json {
            let file = pack.files.get(rule.file);
            let doc = serde_json::json!({
                "rule": rule.meta,
                "source": file.map(|f| f.origin.label()),
                "file": file.map(|f| f.path.clone()),
            });
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        } else {
            outp!("{}", docs::rule_page(rule, &pack, &catalog));
        }
        return exit::OK;
    }
    if let Some(req) = catalog.get(&args.id) {
        if args.json {
            let cov = sansho_engine::coverage::coverage(&catalog, &pack)
                .into_iter()
                .find(|c| c.id == req.id);
            let doc = serde_json::json!({"requirement": req, "coverage": cov});
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        } else if let Some(page) = authoring::requirement_page(&req.id, &pack, &catalog) {
            outp!("{page}");
        }
        return exit::OK;
    }
    let wanted = args.id.to_ascii_lowercase();
    let mut near: Vec<String> = pack
        .rules
        .iter()
        .map(|r| r.meta.id.clone())
        .chain(catalog.iter().map(|r| r.id.clone()))
        .filter(|id| {
            let l = id.to_ascii_lowercase();
            l.starts_with(&wanted) || wanted.starts_with(&l) || strsim_close(&l, &wanted)
        })
        .collect();
    near.truncate(8);
    if near.is_empty() {
        eprintln!(
            "sansho: no rule or requirement `{}`; see `sansho rules` and `sansho requirements`",
            args.id
        );
    } else {
        eprintln!(
            "sansho: no rule or requirement `{}`; did you mean: {}",
            args.id,
            near.join(", ")
        );
    }
    exit::UNTRUSTED
}

/// Two ids one edit apart (a typo).
fn strsim_close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 1
}
