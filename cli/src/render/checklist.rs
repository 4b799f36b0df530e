//! `sansho checklist`: the filled-in MHLW checklist as CSV, Markdown, HTML and JSON (the xlsx
//! workbook is in `checklist_xlsx`). Every format shows the same cells, built here.
use crate::lang::t;
use crate::render::html::esc;
use sansho_engine::checklist::{Answer, Checklist, ChecklistItem, ChecklistList, DecidedBy, TargetStatus};
use sansho_engine::coverage::RequirementStatus;
use sansho_engine::Lang;

/// The column headings, in order.
pub fn headers(lang: Lang) -> [&'static str; 9] {
    [
        t(lang, "番号", "No."),
        t(lang, "確認項目", "Item"),
        t(lang, "回答", "Answer"),
        t(lang, "確認日", "Checked on"),
        t(lang, "目標日", "Target date"),
        t(lang, "備考", "Notes"),
        t(lang, "根拠となる所見", "Findings"),
        t(lang, "証跡(インベントリ)", "Evidence (inventory)"),
        t(lang, "要件ID", "Requirement"),
    ]
}

/// The cells of one item, in the order of [`headers`].
pub struct Row {
    pub no: String,
    pub item: String,
    pub answer: String,
    pub checked_on: String,
    pub target: String,
    pub notes: String,
    pub findings: String,
    pub evidence: String,
    pub requirement: String,
    /// いいえ, or a target date to look at: drawn attention to.
    pub attention: bool,
}

impl Row {
    pub fn cells(&self) -> [&str; 9] {
        [
            &self.no,
            &self.item,
            &self.answer,
            &self.checked_on,
            &self.target,
            &self.notes,
            &self.findings,
            &self.evidence,
            &self.requirement,
        ]
    }
}

fn target_cell(i: &ChecklistItem, lang: Lang) -> String {
    let Some(tg) = &i.target else { return String::new() };
    match (&tg.date, tg.status) {
        (None, _) => format!("⚠ {}", t(lang, "未記入", "missing")),
        (Some(d), TargetStatus::Set) => d.clone(),
        (Some(d), s) => format!("⚠ {d}({})", s.label().get(lang)),
    }
}

fn notes_cell(i: &ChecklistItem, lang: Lang) -> String {
    let mut notes: Vec<String> = Vec::new();
    match i.status {
        RequirementStatus::Waived => {
            for f in i.findings.iter().filter(|f| f.waiver.is_some()) {
                notes.push(format!(
                    "{} {}({} {})",
                    t(lang, "例外承認中:", "waived:"),
                    f.waiver.as_deref().unwrap_or_default(),
                    t(lang, "期限", "until"),
                    f.waiver_expires.as_deref().unwrap_or_default()
                ));
            }
        }
        RequirementStatus::AttestationMissing => {
            notes.push(t(lang, "有効な宣誓(Attestation)がない", "no valid attestation").to_string())
        }
        RequirementStatus::NotApplicable => notes.push(
            t(
                lang,
                "対象外: この項目を判定するルールの対象(機器・システム等)がインベントリにない",
                "not applicable: the inventory has nothing the item's rules look at",
            )
            .to_string(),
        ),
        RequirementStatus::NotEvaluated => {
            notes.push(
                t(
                    lang,
                    "未評価: ポリシーで判定できない項目。担当者が確認して記入してください",
                    "not evaluated: no policy decides this item; a person must answer it",
                )
                .to_string(),
            );
            if let Some(r) = &i.reason {
                notes.push(r.get(lang).to_string());
            }
        }
        _ => {}
    }
    if let DecidedBy::Attestation { name } = &i.decided_by {
        notes.push(format!("{} {name}", t(lang, "宣誓により確認:", "attested by:")));
    }
    if let Some(tg) = &i.target {
        if tg.status.flagged() {
            notes.push(tg.status.label().get(lang).to_string());
        }
    }
    if let Some(r) = &i.recorded {
        if i.recorded_mismatch {
            notes.push(format!(
                "{} {}({}:{})",
                t(lang, "記録された回答と異なる:", "differs from the recorded answer:"),
                r.answer.as_deref().unwrap_or_default(),
                r.location.file,
                r.location.line
            ));
        }
        if let Some(n) = &r.note {
            notes.push(n.clone());
        }
    }
    notes.join("\n")
}

fn findings_cell(i: &ChecklistItem, lang: Lang) -> String {
    i.findings
        .iter()
        .map(|f| {
            format!(
                "{}{} {}:{} {}",
                f.rule,
                if f.waiver.is_some() {
                    t(lang, "(例外承認)", " (waived)")
                } else {
                    ""
                },
                f.location.file,
                f.location.line,
                f.message.get(lang)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn evidence_cell(i: &ChecklistItem, lang: Lang) -> String {
    let mut lines: Vec<String> = i
        .evidence
        .iter()
        .map(|e| {
            if let Some(n) = e.documents {
                let at = format!("{}:{}", e.location.file, e.location.line);
                return match lang {
                    Lang::Ja => format!("{} × {n} ({at} 以降)", e.kind.as_str()),
                    Lang::En => format!("{} × {n} (from {at})", e.kind.as_str()),
                };
            }
            let what = format!("{}/{} {}", e.kind.as_str(), e.name, e.path);
            match &e.value {
                Some(v) => format!("{what} = {v} ({}:{})", e.location.file, e.location.line),
                None => format!("{what} ({}:{})", e.location.file, e.location.line),
            }
        })
        .collect();
    if i.evidence_more > 0 {
        lines.push(format!("… {} {}", i.evidence_more, t(lang, "件ほか", "more")));
    }
    for a in &i.attestations {
        lines.push(format!(
            "Attestation/{} {} {}{} ({}:{})",
            a.name,
            t(lang, "宣誓日", "attested on"),
            a.attested_on,
            if a.valid {
                String::new()
            } else {
                t(lang, "(無効・期限切れ)", " (not valid)").to_string()
            },
            a.location.file,
            a.location.line
        ));
    }
    lines.join("\n")
}

pub fn row(i: &ChecklistItem, lang: Lang) -> Row {
    let answer = match i.answer {
        Answer::NotEvaluated => format!("{}({})", i.answer.label().get(lang), t(lang, "要手動確認", "manual")),
        a => a.label().get(lang).to_string(),
    };
    Row {
        no: i.no.clone(),
        item: i.title.get(lang).to_string(),
        answer,
        checked_on: i.checked_on.clone().unwrap_or_default(),
        target: target_cell(i, lang),
        notes: notes_cell(i, lang),
        findings: findings_cell(i, lang),
        evidence: evidence_cell(i, lang),
        requirement: i.requirement.clone(),
        attention: i.answer == Answer::No || i.target.as_ref().is_some_and(|t| t.status.flagged()),
    }
}

/// The heading of a list: title and organization.
pub fn list_title(c: &Checklist, l: &ChecklistList, lang: Lang) -> String {
    let orgs: Vec<&str> = l.organizations.iter().map(|o| o.display()).collect();
    if orgs.is_empty() {
        format!("{} {}", c.title.get(lang), l.title.get(lang))
    } else {
        format!("{} {} — {}", c.title.get(lang), l.title.get(lang), orgs.join(", "))
    }
}

/// The line under the title: date, version, counts.
pub fn list_meta(c: &Checklist, l: &ChecklistList, lang: Lang) -> String {
    let s = &l.summary;
    format!(
        "{} {} / sansho {} / {} {} / {} {} / {} {} / {} {} / {} {}",
        t(lang, "評価日", "Evaluated on"),
        c.evaluated_at,
        c.sansho_version,
        Answer::Yes.label().get(lang),
        s.yes,
        Answer::No.label().get(lang),
        s.no,
        Answer::NotApplicable.label().get(lang),
        s.not_applicable,
        Answer::NotEvaluated.label().get(lang),
        s.not_evaluated,
        t(lang, "目標日の要確認", "target dates to check"),
        s.targets_flagged
    )
}

/// A CSV cell that a spreadsheet will not run as a formula (OWASP "CSV injection"): a cell
/// starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
pub fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// One table for every list, with a leading column naming the list (organization).
pub fn csv(c: &Checklist, lang: Lang) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec![
        t(lang, "確認表", "List"),
        t(lang, "組織", "Organization"),
        t(lang, "区分", "Section"),
    ];
    head.extend(headers(lang));
    w.write_record(&head).map_err(|e| e.to_string())?;
    for l in &c.lists {
        let org = l
            .organizations
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for s in &l.sections {
            let section = format!("{} {}", s.number, s.heading.get(lang));
            for i in &s.items {
                let r = row(i, lang);
                let mut rec = vec![l.sheet.get(lang), org.as_str(), section.as_str()];
                rec.extend(r.cells());
                w.write_record(rec.into_iter().map(csv_safe).map(|c| c.into_owned()))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('\n', "<br>")
}

pub fn markdown(c: &Checklist, lang: Lang) -> String {
    let mut out = String::new();
    for l in &c.lists {
        out.push_str(&format!(
            "## {}\n\n{}\n\n",
            md_cell(&list_title(c, l, lang)),
            md_cell(&list_meta(c, l, lang))
        ));
        let h = headers(lang);
        out.push_str(&format!("| {} |\n", h.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(h.len())));
        for s in &l.sections {
            out.push_str(&format!(
                "| **{}** | **{}** |{}\n",
                md_cell(&s.number),
                md_cell(s.heading.get(lang)),
                " |".repeat(h.len() - 2)
            ));
            for i in &s.items {
                let r = row(i, lang);
                let cells: Vec<String> = r
                    .cells()
                    .iter()
                    .enumerate()
                    .map(|(n, x)| {
                        let x = md_cell(x);
                        if n == 2 && r.attention {
                            format!("**{x}**")
                        } else {
                            x
                        }
                    })
                    .collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
        out.push('\n');
    }
    out
}

pub fn html(c: &Checklist, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        t(lang, "ja", "en"),
        esc(c.title.get(lang)),
        crate::render::html::CSS
    ));
    out.push_str(&format!("<h1>{}</h1>\n", esc(c.title.get(lang))));
    for l in &c.lists {
        out.push_str(&format!(
            "<section class=\"list\">\n<h2>{}</h2>\n<p class=\"meta\">{}</p>\n<table class=\"checklist\">\n<thead><tr>",
            esc(&list_title(c, l, lang)),
            esc(&list_meta(c, l, lang))
        ));
        for h in headers(lang) {
            out.push_str(&format!("<th>{}</th>", esc(h)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for s in &l.sections {
            out.push_str(&format!(
                "<tr class=\"section\"><td>{}</td><td colspan=\"8\">{}</td></tr>\n",
                esc(&s.number),
                esc(s.heading.get(lang))
            ));
            for i in &s.items {
                let r = row(i, lang);
                out.push_str(&format!(
                    "<tr class=\"answer-{}{}\">",
                    i.answer.as_str(),
                    if r.attention { " attention" } else { "" }
                ));
                for x in r.cells() {
                    out.push_str(&format!("<td>{}</td>", esc(x).replace('\n', "<br>")));
                }
                out.push_str("</tr>\n");
            }
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
