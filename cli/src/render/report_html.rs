//! `sansho report`: one self-contained HTML file (inline CSS and SVG, no scripts, no external
//! resources) for auditors and management. Every text from the inventory is escaped.
use crate::lang::t;
use crate::render::html::{esc, CSS};
use sansho_engine::audit::{status_label, AuditReport, STATUSES};
use sansho_engine::coverage::RequirementStatus;
use sansho_engine::Lang;
use std::fmt::Write as _;

fn color(s: RequirementStatus) -> &'static str {
    match s {
        RequirementStatus::Compliant => "#1b7f3b",
        RequirementStatus::NonCompliant => "#b00020",
        RequirementStatus::AttestationMissing => "#e65100",
        RequirementStatus::Waived => "#f2a900",
        RequirementStatus::NotApplicable => "#9e9e9e",
        RequirementStatus::NotEvaluated => "#cfd8dc",
    }
}

/// A donut of the status counts (`counts` in [`STATUSES`] order), with the total inside.
fn donut(counts: &[usize], lang: Lang, label: &str) -> String {
    let total: usize = counts.iter().sum();
    let mut out = format!(
        "<svg class=\"donut\" role=\"img\" aria-label=\"{}\" width=\"180\" height=\"180\" viewBox=\"0 0 42 42\">\n<title>{}</title>\n<circle cx=\"21\" cy=\"21\" r=\"15.91549\" fill=\"none\" stroke=\"#eee\" stroke-width=\"6\"/>\n",
        esc(label),
        esc(label)
    );
    let mut offset = 25.0_f64; // start at 12 o'clock
    for (s, &n) in STATUSES.iter().zip(counts) {
        if n == 0 || total == 0 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let pct = n as f64 * 100.0 / total as f64;
        let _ = writeln!(
            out,
            "<circle cx=\"21\" cy=\"21\" r=\"15.91549\" fill=\"none\" stroke=\"{}\" stroke-width=\"6\" stroke-dasharray=\"{:.3} {:.3}\" stroke-dashoffset=\"{:.3}\"><title>{}: {}</title></circle>",
            color(*s),
            pct,
            100.0 - pct,
            offset,
            esc(status_label(*s).get(lang)),
            n
        );
        offset -= pct;
    }
    let _ = writeln!(
        out,
        "<text x=\"21\" y=\"22\" text-anchor=\"middle\" font-size=\"6\" font-weight=\"bold\">{total}</text>\n<text x=\"21\" y=\"27\" text-anchor=\"middle\" font-size=\"2.6\">{}</text>\n</svg>",
        esc(t(lang, "要件", "requirements"))
    );
    out
}

/// A horizontal stacked bar of status counts.
fn bar(counts: &[usize], lang: Lang, label: &str) -> String {
    let total: usize = counts.iter().sum();
    let width = 360.0_f64;
    let mut out = format!(
        "<svg class=\"bar\" role=\"img\" aria-label=\"{}\" width=\"{width}\" height=\"22\" viewBox=\"0 0 {width} 22\"><title>{}</title>",
        esc(label),
        esc(label)
    );
    let mut x = 0.0_f64;
    for (s, &n) in STATUSES.iter().zip(counts) {
        if n == 0 || total == 0 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let w = n as f64 * width / total as f64;
        let _ = write!(
            out,
            "<rect x=\"{x:.2}\" y=\"0\" width=\"{w:.2}\" height=\"22\" fill=\"{}\"><title>{}: {n}</title></rect>",
            color(*s),
            esc(status_label(*s).get(lang))
        );
        x += w;
    }
    out.push_str("</svg>");
    out
}

fn legend(lang: Lang) -> String {
    let mut out = String::from("<p class=\"legend\">");
    for s in STATUSES {
        let _ = write!(
            out,
            "<svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"{}\"/></svg> {} &nbsp; ",
            color(s),
            esc(status_label(s).get(lang))
        );
    }
    out.push_str("</p>\n");
    out
}

pub fn render(a: &AuditReport, lang: Lang) -> String {
    let mut o = String::new();
    let title = t(lang, "sansho 監査レポート", "sansho audit report");
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        t(lang, "ja", "en"),
        esc(title),
        esc(&a.evaluated_at),
        esc(title)
    );
    // Header: what makes the report reproducible.
    let result = if a.result == "pass" {
        t(lang, "合格", "pass")
    } else {
        t(lang, "不合格", "fail")
    };
    let _ = write!(
        o,
        "<section id=\"header\">\n<table class=\"header\">\n<tr><th>{}</th><td id=\"evaluated-at\">{}</td></tr>\n<tr><th>sansho</th><td id=\"sansho-version\">{}</td></tr>\n<tr><th>{}</th><td id=\"pack-version\">{} ({} {})</td></tr>\n",
        t(lang, "評価日", "Evaluation date"),
        esc(&a.evaluated_at),
        esc(a.sansho_version),
        t(lang, "ポリシーパック", "Policy pack"),
        esc(a.pack_version),
        a.rules,
        t(lang, "ルール", "rules"),
    );
    if !a.custom_policies.is_empty() {
        let _ = writeln!(
            o,
            "<tr><th>{}</th><td>{}</td></tr>",
            t(lang, "独自ポリシー", "Custom policies"),
            esc(&a.custom_policies.join(", "))
        );
    }
    let s = &a.summary;
    let _ = write!(
        o,
        "<tr><th>{}</th><td id=\"result\" class=\"result-{}\">{}</td></tr>\n<tr><th>{}</th><td>{} <span id=\"count-errors\">{}</span> / {} <span id=\"count-warnings\">{}</span> / {} <span id=\"count-notes\">{}</span> / {} <span id=\"count-waived\">{}</span></td></tr>\n</table>\n",
        t(lang, "結果", "Result"),
        esc(a.result),
        esc(result),
        t(lang, "指摘", "Findings"),
        t(lang, "エラー", "errors"),
        s.errors,
        t(lang, "警告", "warnings"),
        s.warnings,
        t(lang, "注意", "notes"),
        s.notes,
        t(lang, "例外承認", "waived"),
        s.waived
    );
    let _ = write!(
        o,
        "<h2>{}</h2>\n<table id=\"inputs\">\n<thead><tr><th>{}</th><th>{}</th><th>SHA-256</th></tr></thead>\n<tbody>\n",
        t(lang, "入力ファイル", "Input files"),
        t(lang, "ファイル", "File"),
        t(lang, "種別", "Role")
    );
    for i in &a.inputs {
        let role = match i.role {
            "waiver" => t(lang, "例外承認", "waiver"),
            "config" => t(lang, "設定", "config"),
            _ => t(lang, "インベントリ", "inventory"),
        };
        let _ = writeln!(
            o,
            "<tr><td><code>{}</code></td><td>{}</td><td><code class=\"sha256\">{}</code></td></tr>",
            esc(&i.path),
            esc(role),
            esc(&i.sha256)
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");

    // Status per source.
    let _ = writeln!(
        o,
        "<section id=\"status\">\n<h2>{}</h2>",
        t(lang, "要件の状況(出典別)", "Requirement status by source")
    );
    let totals: Vec<usize> = STATUSES
        .iter()
        .map(|st| {
            a.sources
                .iter()
                .map(|s| s.counts.get(st.as_str()).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    o.push_str("<div class=\"charts\">\n<div class=\"chart\">\n");
    let _ = writeln!(o, "<h3>{}</h3>", t(lang, "全体", "All sources"));
    o.push_str(&donut(
        &totals,
        lang,
        t(lang, "全要件の状況", "Status of all requirements"),
    ));
    o.push_str("</div>\n<div class=\"chart\">\n");
    for src in &a.sources {
        let counts: Vec<usize> = STATUSES
            .iter()
            .map(|st| src.counts.get(st.as_str()).copied().unwrap_or(0))
            .collect();
        let _ = writeln!(o, "<h3>{} ({})</h3>", esc(src.title.get(lang)), src.total);
        o.push_str(&bar(&counts, lang, src.title.get(lang)));
        o.push('\n');
    }
    o.push_str("</div>\n</div>\n");
    o.push_str(&legend(lang));
    let _ = write!(
        o,
        "<table id=\"status-table\">\n<thead><tr><th>{}</th>",
        t(lang, "出典", "Source")
    );
    for st in STATUSES {
        let _ = write!(o, "<th>{}</th>", esc(status_label(st).get(lang)));
    }
    let _ = writeln!(
        o,
        "<th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        t(lang, "計", "Total"),
        t(lang, "うち宣誓で適合", "met by attestation")
    );
    for src in &a.sources {
        let _ = write!(
            o,
            "<tr data-source=\"{}\"><td>{}</td>",
            esc(&src.source),
            esc(src.title.get(lang))
        );
        for st in STATUSES {
            let _ = write!(
                o,
                "<td class=\"num\" data-status=\"{}\">{}</td>",
                st.as_str(),
                src.counts.get(st.as_str()).copied().unwrap_or(0)
            );
        }
        let _ = writeln!(
            o,
            "<td class=\"num\" data-status=\"total\">{}</td><td class=\"num\" data-status=\"attested\">{}</td></tr>",
            src.total, src.attested
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");

    // Requirements not met.
    let _ = writeln!(
        o,
        "<section id=\"open\">\n<h2>{} (<span id=\"open-count\">{}</span>)</h2>",
        t(lang, "満たしていない要件", "Requirements not met"),
        a.open_requirements.len()
    );
    if a.open_requirements.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", t(lang, "ありません。", "None."));
    }
    for q in &a.open_requirements {
        let _ = writeln!(
            o,
            "<article class=\"requirement\" id=\"req-{}\">\n<h3><code>{}</code> {} <span class=\"status-{}\">{}</span></h3>\n<p class=\"meta\">{}</p>",
            esc(&q.id),
            esc(&q.id),
            esc(q.title.get(lang)),
            q.status.as_str(),
            esc(status_label(q.status).get(lang)),
            esc(a
                .sources
                .iter()
                .find(|s| s.source == q.source)
                .map_or_else(|| sansho_engine::coverage::source_title(&q.source), |s| s.title.clone())
                .get(lang))
        );
        for f in &q.findings {
            let _ = writeln!(
                o,
                "<div class=\"finding\">\n<p><code>{}</code> [{}] {} — <code>{}</code> <code class=\"location\">{}:{}:{}</code></p>\n<p>{}</p>",
                esc(&f.rule),
                esc(f.level.as_str()),
                esc(f.title.get(lang)),
                esc(&f.resource),
                esc(&f.location.file),
                f.location.line,
                f.location.column,
                esc(f.message.get(lang))
            );
            if !f.snippet.is_empty() {
                o.push_str("<pre class=\"snippet\">");
                for l in &f.snippet {
                    let line = format!("{:>5} | {}", l.number, l.text);
                    if l.hit {
                        let _ = writeln!(o, "<span class=\"hit\">{}</span>", esc(&line));
                    } else {
                        let _ = writeln!(o, "{}", esc(&line));
                    }
                }
                o.push_str("</pre>\n");
            }
            o.push_str("</div>\n");
        }
        o.push_str("</article>\n");
    }
    o.push_str("</section>\n");

    // Waivers.
    let _ = writeln!(
        o,
        "<section id=\"waivers\">\n<h2>{} (<span id=\"waiver-count\">{}</span>)</h2>",
        t(lang, "例外承認", "Waivers"),
        a.waivers.len()
    );
    if a.waivers.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", t(lang, "ありません。", "None."));
    } else {
        let _ = writeln!(
            o,
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            t(lang, "名前", "Name"),
            t(lang, "対象", "Covers"),
            t(lang, "理由", "Reason"),
            t(lang, "承認者", "Approver"),
            t(lang, "期限", "Expires"),
            t(lang, "状態", "State"),
            t(lang, "対象の指摘", "Findings")
        );
        for w in &a.waivers {
            let state = if w.active {
                format!(
                    "{} ({} {})",
                    t(lang, "有効", "active"),
                    t(lang, "残り日数", "days left"),
                    w.days_left
                )
            } else {
                t(lang, "期限切れ", "expired").to_string()
            };
            let _ = writeln!(
                o,
                "<tr><td><code>{}</code><br><code class=\"location\">{}:{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&w.name),
                esc(&w.location.file),
                w.location.line,
                esc(&w.covers),
                esc(&w.reason),
                esc(&w.approver),
                esc(&w.expires),
                if w.active { "status-waived" } else { "status-non_compliant" },
                esc(&state),
                w.findings
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");

    // Pack coverage.
    let _ = writeln!(
        o,
        "<section id=\"coverage\">\n<h2>{}</h2>\n<p class=\"meta\">{}</p>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        t(lang, "ポリシーパックの網羅性", "Coverage of the policy pack"),
        t(
            lang,
            "自動: ポリシーがインベントリから判定 / 宣誓: 有効な宣誓(Attestation)を求める / 手動: ポリシーで判定できない(理由はカタログに記載)",
            "automated: a policy decides it from the inventory / attested: a valid attestation is required / manual: no policy can decide it (the catalog says why)"
        ),
        t(lang, "出典", "Source"),
        t(lang, "要件数", "Requirements"),
        t(lang, "自動", "Automated"),
        t(lang, "宣誓", "Attested"),
        t(lang, "手動", "Manual"),
        t(lang, "自動化率", "Automated share")
    );
    for c in &a.coverage {
        let share = (c.automated * 100).checked_div(c.total).unwrap_or(0);
        let _ = writeln!(
            o,
            "<tr data-source=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{share}%</td></tr>",
            esc(&c.source),
            esc(c.title.get(lang)),
            c.total,
            c.automated,
            c.attested,
            c.manual + c.unassigned
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
    let _ = writeln!(
        o,
        "<footer class=\"meta\"><p>{} sansho {} — {}</p></footer>\n</body>\n</html>",
        t(lang, "作成:", "Generated by"),
        esc(a.sansho_version),
        esc(&a.evaluated_at)
    );
    o
}
