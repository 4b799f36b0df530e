//! `sansho new policy ID`: writes a rule skeleton — a policy with a complete METADATA block, its
//! test file with a passing and a failing case on real inventory documents, and the fixtures.
use crate::exit;
use sansho_engine::authoring::{self, NewPolicy};
use sansho_engine::check::load_pack;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// A new rule: `DIR/<id>/<id>.rego`, its `_test.rego`, `fixtures/pass` and `fixtures/fail`.
    Policy(PolicyArgs),
}

#[derive(Debug, clap::Args)]
pub struct PolicyArgs {
    /// Rule id, e.g. ACME-OPS-001 (upper-case parts joined by `-`; must not clash with a built-in id).
    pub id: String,
    /// Policy directory to write into (the one you will give `--policy`).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Requirement id the rule checks (repeatable); none: a custom catalog entry is written.
    #[arg(long = "requirement", value_name = "ID")]
    pub requirements: Vec<String>,
}

pub fn run(args: Args) -> i32 {
    match args.what {
        What::Policy(a) => policy(a),
    }
}

fn policy(a: PolicyArgs) -> i32 {
    if !authoring::valid_rule_id(&a.id) {
        eprintln!(
            "sansho: `{}` is not a rule id: use upper-case letters and digits in parts joined by `-`, e.g. ACME-OPS-001",
            a.id
        );
        return exit::UNTRUSTED;
    }
    let (catalog, pack) = match load_pack(true, &[]) {
        Ok(x) => x,
        Err(p) => {
            crate::render::problems::print(&p, &Default::default());
            return exit::UNTRUSTED;
        }
    };
    if pack.rule(&a.id).is_some() {
        eprintln!(
            "sansho: rule id `{}` is a built-in rule's; choose another prefix (your organisation's, e.g. ACME-)",
            a.id
        );
        return exit::UNTRUSTED;
    }
    for r in &a.requirements {
        if catalog.get(r).is_none() {
            eprintln!(
                "sansho: requirement `{r}` is not in the built-in catalog (see `sansho requirements`); \
                 leave --requirement out to get a custom catalog entry you can edit"
            );
            return exit::UNTRUSTED;
        }
    }
    let files = authoring::skeleton(&NewPolicy {
        id: a.id.clone(),
        requirements: a.requirements.clone(),
    });
    for (rel, _) in &files {
        let p = a.dir.join(rel);
        if p.exists() {
            eprintln!("sansho: {} already exists; nothing was written", p.display());
            return exit::UNTRUSTED;
        }
    }
    for (rel, text) in &files {
        let p = a.dir.join(rel);
        let written = p
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&p, text));
        if let Err(e) = written {
            eprintln!("sansho: cannot write {}: {e}", p.display());
            return exit::UNTRUSTED;
        }
        outln!("created {}", p.display());
    }
    let dir = a.dir.display();
    outln!("next: edit the rule, then `sansho test {dir}`, `sansho lint {dir}` and `sansho check INVENTORY --policy {dir}`");
    exit::OK
}
