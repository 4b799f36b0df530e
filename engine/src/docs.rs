//! Rule reference pages generated from policy metadata — the one source of each rule's id,
//! titles, severity, remediation and requirement ids. `docs/rules/` is written from here and
//! a test fails when it drifts.

use crate::catalog::Catalog;
use crate::policy::{PolicySet, Rule};
use std::fmt::Write as _;

/// The Markdown page of one rule.
pub fn rule_page(rule: &Rule, pack: &PolicySet, catalog: &Catalog) -> String {
    let m = &rule.meta;
    let mut s = String::new();
    let _ = writeln!(s, "# {} — {}\n", m.id, m.title.ja);
    let _ = writeln!(s, "*{}*\n", m.title.en);
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| level / 判定 | `{}` |", m.level.as_str());
    let _ = writeln!(s, "| severity / 重大度 | `{}` |", m.severity.as_str());
    let _ = writeln!(s, "| applies to / 対象 | {} |", m.applies_to.join(", "));
    let _ = writeln!(
        s,
        "| treatment / 判定方法 | `{}` |",
        serde_json::to_value(m.treatment)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    );
    if let Some(f) = pack.files.get(rule.file) {
        let _ = writeln!(s, "| policy | `{}` |", f.path);
    }
    let unverified: Vec<&str> = m
        .requirements
        .iter()
        .filter(|r| catalog.get(r).is_some_and(|q| q.basis.is_unverified()))
        .map(String::as_str)
        .collect();
    let _ = writeln!(s);
    if !unverified.is_empty() && unverified.len() == m.requirements.len() {
        let _ = writeln!(
            s,
            "> **Unverified against the primary text / 一次資料で未確認**: the requirements this rule checks ({}) are \
             recorded from memory or inference, so its findings are capped at `warning`.\n",
            unverified.join(", ")
        );
    } else if !unverified.is_empty() {
        let _ = writeln!(
            s,
            "> Some requirements ({}) are unverified against the primary text.\n",
            unverified.join(", ")
        );
    }
    let _ = writeln!(s, "## 何を検出するか\n\n{}\n", m.description.ja);
    let _ = writeln!(s, "## What it finds\n\n{}\n", m.description.en);
    let _ = writeln!(s, "## 対処\n\n{}\n", m.remediation.ja);
    let _ = writeln!(s, "## How to fix\n\n{}\n", m.remediation.en);
    let _ = writeln!(s, "## Requirements / 要件\n");
    let _ = writeln!(s, "| id | source | section | title | basis |\n|---|---|---|---|---|");
    for id in &m.requirements {
        match catalog.get(id) {
            Some(r) => {
                let _ = writeln!(
                    s,
                    "| `{}` | {} | {}{} | {} / {} | {} |",
                    r.id,
                    r.source,
                    r.section,
                    r.item.as_deref().map(|i| format!(" ({i})")).unwrap_or_default(),
                    r.title.ja,
                    r.title.en,
                    r.basis.as_str()
                );
            }
            None => {
                let _ = writeln!(s, "| `{id}` | | | | |");
            }
        }
    }
    if !m.related_resources.is_empty() {
        let _ = writeln!(s, "\n## References\n");
        for r in &m.related_resources {
            let _ = writeln!(
                s,
                "- <{}>{}",
                r.reference,
                r.description.as_deref().map(|d| format!(" — {d}")).unwrap_or_default()
            );
        }
    }
    if !m.aliases.is_empty() {
        let _ = writeln!(s, "\nFormer ids: {}", m.aliases.join(", "));
    }
    s
}

/// The index page of all rules.
pub fn rules_index(pack: &PolicySet) -> String {
    let mut s = String::from("# Rule reference / ルール一覧\n\nGenerated from the METADATA blocks of `policies/` by `sansho gen-docs`; do not edit by hand.\n\n");
    let _ = writeln!(
        s,
        "| id | level | severity | title (ja) | title (en) | requirements |\n|---|---|---|---|---|---|"
    );
    for r in &pack.rules {
        let m = &r.meta;
        let _ = writeln!(
            s,
            "| [{}]({}.md) | {} | {} | {} | {} | {} |",
            m.id,
            m.id,
            m.level.as_str(),
            m.severity.as_str(),
            m.title.ja,
            m.title.en,
            m.requirements
                .iter()
                .map(|q| format!("`{q}`"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    s
}

/// Every generated file: (path below `docs/rules/`, contents).
pub fn rule_docs(pack: &PolicySet, catalog: &Catalog) -> Vec<(String, String)> {
    let mut out = vec![("README.md".to_string(), rules_index(pack))];
    for r in &pack.rules {
        out.push((format!("{}.md", r.meta.id), rule_page(r, pack, catalog)));
    }
    out
}

/// The project's home page.
pub const PROJECT_URL: &str = "https://github.com/sansho-dev/sansho";

/// Where the generated rule pages (`docs/rules/`) are published.
pub const DOCS_BASE_URL: &str = "https://github.com/sansho-dev/sansho/blob/main/docs/rules";
