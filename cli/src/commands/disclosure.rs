//! `sansho disclosure PATH --vendor NAME`: drafts a vendor's MDS/SDS answers from its
//! inventory, as a YAML list to paste under `Contract.spec.disclosures[].answers` (after review).
use crate::exit;
use crate::lang::{self, t, LangArg};
use sansho_engine::inventory::{self, LoadOptions};
use sansho_engine::{Lang, SourceMap};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Type {
    /// 製造業者による開示書 (a product).
    Mds,
    /// サービス事業者による開示書 (a service).
    Sds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Yaml,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The vendor's inventory directory or file.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The vendor (metadata.name of its Organization, spec.type vendor).
    #[arg(long, value_name = "NAME")]
    pub vendor: String,
    /// Which disclosure to draft.
    #[arg(long = "type", value_enum, default_value_t = Type::Sds)]
    pub kind: Type,
    #[arg(long, value_enum, default_value_t = Format::Yaml)]
    pub format: Format,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn yaml(d: &sansho_engine::disclosure::Draft, lang: Lang) -> String {
    let mut o = String::new();
    o.push_str(&match lang {
        Lang::Ja => format!(
            "# {} の {} 回答案(sansho disclosure が自社インベントリから作成)。\n# 質問は sansho による要約(版 {})で、JAHIS の開示書の正式な文言・番号ではありません。\n# 提出前に必ず確認し、unknown は回答してください。\n",
            d.vendor,
            d.r#type.to_uppercase(),
            d.edition
        ),
        Lang::En => format!(
            "# Draft {} answers of {} (sansho disclosure, from its own inventory).\n# The questions are sansho's paraphrase ({}), not the official JAHIS wording or numbering.\n# Review before submitting and answer every unknown.\n",
            d.r#type.to_uppercase(),
            d.vendor,
            d.edition
        ),
    });
    o.push_str("answers:\n");
    for a in &d.answers {
        o.push_str(&format!("  # [{}] {}\n", a.category, a.text.get(lang)));
        for e in &a.evidence {
            o.push_str(&format!("  #   {e}\n"));
        }
        o.push_str(&format!("  - question: {}\n    answer: {}\n", a.question, a.answer));
        let remarks = match (a.answer, a.evidence.first()) {
            ("unknown", _) => t(lang, "インベントリに記録がありません", "not recorded in the inventory").to_string(),
            (_, Some(e)) => e.split(": ").next().unwrap_or_default().to_string(),
            (_, None) => String::new(),
        };
        if !remarks.is_empty() {
            o.push_str(&format!("    remarks: {}\n", q(&remarks)));
        }
    }
    o
}

pub fn run(args: Args) -> i32 {
    let lang = lang::resolve(args.lang);
    let inv = match inventory::load(&args.path, &LoadOptions::default()) {
        Ok(i) => i,
        Err(f) => {
            crate::render::problems::print(&f.problems, &f.sources);
            return exit::UNTRUSTED;
        }
    };
    let kind = match args.kind {
        Type::Mds => "mds",
        Type::Sds => "sds",
    };
    let draft = match sansho_engine::disclosure::draft(&inv, &args.vendor, kind) {
        Ok(d) => d,
        Err(p) => {
            crate::render::problems::print(&p.into(), &SourceMap::default());
            return exit::UNTRUSTED;
        }
    };
    let text = match args.format {
        Format::Yaml => yaml(&draft, lang),
        Format::Json => serde_json::to_string_pretty(&draft).unwrap_or_default() + "\n",
    };
    crate::out::emit(&text);
    exit::OK
}
