//! Markdown for merge-request comments and the GitHub step summary.
use crate::lang::t;
use sansho_engine::{CheckOutcome, Lang};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(outcome: &CheckOutcome, lang: Lang) -> String {
    let r = &outcome.report;
    let s = &r.summary;
    let mut out = String::new();
    let verdict = if r.failed() {
        t(lang, "❌ 不合格", "❌ FAIL")
    } else {
        t(lang, "✅ 合格", "✅ PASS")
    };
    out.push_str(&format!(
        "## sansho {} — {}\n\n",
        t(lang, "チェック結果", "check"),
        verdict
    ));
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|\n| {} | {} | {} | {} | {} | {} |\n\n",
        t(lang, "エラー", "errors"),
        t(lang, "警告", "warnings"),
        t(lang, "注意", "notes"),
        t(lang, "例外承認", "waived"),
        t(lang, "ルール数", "rules"),
        t(lang, "評価日", "as of"),
        s.errors,
        s.warnings,
        s.notes,
        s.waived,
        s.rules,
        r.evaluated_at
    ));
    if r.findings.is_empty() {
        out.push_str(t(lang, "指摘はありません。\n", "No findings.\n"));
        return out;
    }
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
        t(lang, "レベル", "level"),
        t(lang, "ルール", "rule"),
        t(lang, "場所", "location"),
        t(lang, "対象", "resource"),
        t(lang, "内容", "message")
    ));
    for f in &r.findings {
        out.push_str(&format!(
            "| {} | `{}` {} | `{}:{}:{}` | {} `{}` | {} |\n",
            match &f.waiver {
                Some(w) => format!("waived ({}, ~{})", w.name, w.expires),
                None => f.level.as_str().to_string(),
            },
            f.rule,
            cell(f.title.get(lang)),
            f.location.file,
            f.location.line,
            f.location.column,
            f.resource.kind.as_str(),
            f.resource.name,
            cell(f.message.get(lang))
        ));
    }
    out
}
