//! Human output of `sansho check`: one miette diagnostic per finding, with the inventory
//! snippet at the recorded line, then a summary.
use crate::lang::t;
use crate::render::problems::{handler, line_span, Snippets};
use miette::{LabeledSpan, MietteDiagnostic, NamedSource};
use sansho_engine::{CheckOutcome, Lang, Level};

fn severity(l: Level) -> miette::Severity {
    match l {
        Level::Error => miette::Severity::Error,
        Level::Warning => miette::Severity::Warning,
        Level::Note => miette::Severity::Advice,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub fn render(outcome: &CheckOutcome, lang: Lang, color: bool) -> String {
    let h = handler(color);
    let mut out = String::new();
    let r = &outcome.report;
    let mut snippets = Snippets::new(&outcome.inventory.sources);
    for f in &r.findings {
        let rule = outcome.pack.rule(&f.rule);
        let (sev, prefix) = match &f.waiver {
            Some(_) => (miette::Severity::Advice, t(lang, "[例外承認済み] ", "[waived] ")),
            None => (severity(f.level), ""),
        };
        let mut d = MietteDiagnostic::new(format!("{prefix}{}", f.message.get(lang)))
            .with_code(format!("{} {}", f.rule, f.title.get(lang)))
            .with_severity(sev);
        let help = match (&f.waiver, rule) {
            (Some(w), _) => Some(match lang {
                Lang::Ja => format!(
                    "waiver {}: {}(承認: {}、期限 {})",
                    w.name, w.reason, w.approver, w.expires
                ),
                Lang::En => format!(
                    "waiver {}: {} (approved by {}, until {})",
                    w.name, w.reason, w.approver, w.expires
                ),
            }),
            (None, Some(rule)) => Some(format!(
                "{} [{}]",
                rule.meta.remediation.get(lang),
                f.requirements.join(", ")
            )),
            (None, None) => None,
        };
        if let Some(h) = help {
            d = d.with_help(h);
        }
        let rendered = match snippets.get(&f.location.file) {
            Some((name, src)) => {
                let label = format!("{} {}", f.resource.kind.as_str(), f.resource.name);
                d = d.with_labels(vec![LabeledSpan::at(
                    line_span(src.text(), f.location.offset as usize),
                    label,
                )]);
                let report = miette::Report::new(d).with_source_code(NamedSource::new(name, src));
                let mut s = String::new();
                h.render_report(&mut s, report.as_ref()).map(|_| s).ok()
            }
            None => None,
        };
        out.push_str(&rendered.unwrap_or_else(|| {
            format!(
                "{}:{}:{}: {} {}: {}\n",
                f.location.file,
                f.location.line,
                f.location.column,
                f.level.as_str(),
                f.rule,
                f.message.get(lang)
            )
        }));
    }
    if !r.sources.is_empty() {
        out.push_str(t(lang, "要件の状況:\n", "Requirements:\n"));
        for src in &r.sources {
            let n = |k: &str| src.counts.get(k).copied().unwrap_or(0);
            let title = outcome.catalog.source_title(&src.source);
            const OTHERS: [(&str, &str, &str); 5] = [
                ("non_compliant", "不適合", "not met"),
                ("attestation_missing", "宣誓なし", "attestation missing"),
                ("waived", "例外承認", "waived"),
                ("not_applicable", "対象外", "not applicable"),
                ("not_evaluated", "未評価", "not evaluated"),
            ];
            let (name, met, sep) = match lang {
                Lang::Ja => (
                    pad(&title.ja, 34),
                    format!("適合 {}/{}", n("compliant"), src.total),
                    "  ",
                ),
                Lang::En => (
                    pad(&title.en, 28),
                    format!("met {}/{}", n("compliant"), src.total),
                    ", ",
                ),
            };
            let others: Vec<String> = OTHERS
                .iter()
                .map(|(key, ja, en)| format!("{} {}", t(lang, ja, en), n(key)))
                .collect();
            out.push_str(&format!("  {name} {met}{sep}{}\n", others.join(sep)));
        }
    }
    let s = &r.summary;
    let docs: usize = s.documents.values().sum();
    out.push_str(&match lang {
        Lang::Ja => format!(
            "{}: エラー {} 件、警告 {} 件、注意 {} 件、例外承認 {} 件 — ルール {} 件、{} ファイル {} 文書を評価(評価日 {})\n",
            if r.failed() { "不合格" } else { "合格" },
            s.errors,
            s.warnings,
            s.notes,
            s.waived,
            s.rules,
            s.files,
            docs,
            r.evaluated_at
        ),
        Lang::En => format!(
            "{}: {} error{}, {} warning{}, {} note{}, {} waived — {} rules over {} document{} in {} file{} (as of {})\n",
            if r.failed() { "FAIL" } else { "PASS" },
            s.errors,
            plural(s.errors),
            s.warnings,
            plural(s.warnings),
            s.notes,
            plural(s.notes),
            s.waived,
            s.rules,
            docs,
            plural(docs),
            s.files,
            plural(s.files),
            r.evaluated_at
        ),
    });
    if r.failed() {
        out.push_str(t(
            lang,
            &format!("--fail-on {} 以上の指摘があります(終了コード 1)\n", s.fail_on.as_str()),
            &format!("findings at or above --fail-on {} (exit 1)\n", s.fail_on.as_str()),
        ));
    }
    out
}

/// Pads `s` to `width` terminal columns, counting East Asian wide characters as two.
fn pad(s: &str, width: usize) -> String {
    let cols: usize = s
        .chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}
