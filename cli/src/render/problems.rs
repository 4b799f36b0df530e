//! Problems (a run that cannot be trusted) as miette diagnostics on stderr, with the source
//! snippet when the file was read.
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use sansho_engine::{Problem, Problems, SourceMap};
use std::io::IsTerminal;

/// The diagnostic handler: colours only on a terminal without NO_COLOR.
pub fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(120)
        .with_links(false)
}

pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Byte span from `offset` to the end of its line (the `key: value` a diagnostic is about).
pub fn line_span(text: &str, offset: usize) -> std::ops::Range<usize> {
    let start = offset.min(text.len());
    let end = text
        .get(start..)
        .and_then(|r| r.find('\n'))
        .map(|i| start + i)
        .unwrap_or(text.len());
    let trimmed = text.get(start..end).map(|s| s.trim_end().len()).unwrap_or(0);
    start..start + trimmed.max(1).min(text.len().saturating_sub(start))
}

fn render_one(p: &Problem, sources: &SourceMap, h: &GraphicalReportHandler) -> String {
    let mut d = MietteDiagnostic::new(p.message.clone()).with_code(format!("sansho::{}", p.code.as_str()));
    if let Some(help) = &p.help {
        d = d.with_help(help.clone());
    }
    let file = p.location.as_ref().map(|l| l.file.clone()).or_else(|| p.file.clone());
    let src = file
        .as_ref()
        .and_then(|f| sources.files().iter().find(|s| &s.display == f));
    let mut out = String::new();
    match (src, &p.location) {
        (Some(src), Some(loc)) => {
            let mut labels = vec![LabeledSpan::at(line_span(&src.text, loc.offset as usize), "here")];
            if let Some(rel) = p.related.as_ref().filter(|r| r.file == loc.file) {
                labels.push(LabeledSpan::at(line_span(&src.text, rel.offset as usize), "first here"));
            }
            d = d.with_labels(labels);
            let report =
                miette::Report::new(d).with_source_code(NamedSource::new(src.display.clone(), src.text.to_string()));
            if h.render_report(&mut out, report.as_ref()).is_err() {
                out = format!("{p}\n");
            }
        }
        _ => {
            let where_ = match (&p.location, &file) {
                (Some(l), _) => format!("{}:{}:{}: ", l.file, l.line, l.column),
                (None, Some(f)) => format!("{f}: "),
                _ => String::new(),
            };
            let d = MietteDiagnostic::new(format!("{where_}{}", p.message))
                .with_code(format!("sansho::{}", p.code.as_str()));
            let d = match &p.help {
                Some(h) => d.with_help(h.clone()),
                None => d,
            };
            let report = miette::Report::new(d);
            if h.render_report(&mut out, report.as_ref()).is_err() {
                out = format!("{p}\n");
            }
        }
    }
    out
}

/// Writes every problem to stderr and a closing line saying the run is not trustworthy.
pub fn print(problems: &Problems, sources: &SourceMap) {
    let h = handler(stderr_color());
    let mut all = String::new();
    for p in &problems.0 {
        all.push_str(&render_one(p, sources, &h));
    }
    let policy = problems.0.iter().any(|p| p.code.is_policy());
    all.push_str(&format!(
        "sansho: {} problem{} — the run cannot be trusted{} (exit 2)\n",
        problems.0.len(),
        if problems.0.len() == 1 { "" } else { "s" },
        if policy {
            "; a policy failed, so no result is reported"
        } else {
            ""
        }
    ));
    eprint!("{all}");
}

/// Problems as JSON on stdout (for `--format json`), so machines see why a run failed.
pub fn to_json(problems: &Problems) -> serde_json::Value {
    serde_json::json!({
        "tool": {"name": "sansho", "version": sansho_engine::check::VERSION},
        "error": true,
        "problems": problems.0,
    })
}
