//! The language of human output: `--lang`, else `LANG`/`LC_ALL`/`LC_MESSAGES` (ja* → Japanese),
//! else English.
use sansho_engine::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Ja,
    En,
}

pub fn resolve(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => {
            for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
                if let Ok(v) = std::env::var(var) {
                    if !v.is_empty() {
                        return if v.starts_with("ja") { Lang::Ja } else { Lang::En };
                    }
                }
            }
            Lang::En
        }
    }
}

/// Picks the Japanese or English text.
pub fn t<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}
