//! `sansho schema KIND`: the JSON Schema of an inventory kind.
use crate::exit;
use sansho_engine::Kind;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The kind, any case (Organization, System, Asset, Contract, Attestation, Waiver, Configuration); `--list` lists them.
    pub kind: Option<String>,
    /// List the kinds.
    #[arg(long)]
    pub list: bool,
}

pub fn run(args: Args) -> i32 {
    let kinds = Kind::ALL.map(Kind::as_str).join(", ");
    if args.list || args.kind.is_none() {
        for k in Kind::ALL {
            outln!("{}", k.as_str());
        }
        return exit::OK;
    }
    let name = args.kind.unwrap_or_default();
    match Kind::parse(&name) {
        Some(k) => {
            outp!("{}", sansho_engine::schema::schema_text(k));
            exit::OK
        }
        None => {
            eprintln!("sansho: unknown kind `{name}`; known kinds: {kinds}");
            exit::UNTRUSTED
        }
    }
}
