//! Problems (a run that cannot be trusted) as miette diagnostics on stderr, with the source
//! snippet when the file was read.
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents,
    NamedSource, SourceCode, SourceSpan, SpanContents,
};
use sansho_engine::{Problem, Problems, SourceMap};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Arc;

/// A file's text for miette, with the byte offset of each line's start.
///
/// miette's own `str` source counts lines from the start of the text up to a snippet, and
/// a `NamedSource` owns its text: quoting a 1.6 MB file for each of a thousand findings copied
/// and scanned gigabytes (`--format human` took 2.6 s longer than JSON at 10 000 systems). This
/// one shares the text and hands miette only the lines around the span, with the same line
/// numbers and contents as the whole text would give.
#[derive(Clone)]
pub struct Indexed {
    text: Arc<str>,
    /// Offsets where lines start: 0, and after each `\n`, `\r\n` or lone `\r` (miette's breaks).
    starts: Arc<[usize]>,
}

impl Indexed {
    pub fn new(text: Arc<str>) -> Indexed {
        // miette draws a lone `\r` (classic Mac line breaks) inside a line, so a snippet of
        // such a file was the whole file on one line. Shown as `\n` instead: one byte for one,
        // so offsets, line numbers and columns stay those of the file.
        let text = if has_lone_cr(text.as_bytes()) {
            let bytes: Vec<u8> = text
                .as_bytes()
                .iter()
                .enumerate()
                .map(|(i, &b)| if is_lone_cr(text.as_bytes(), i) { b'\n' } else { b })
                .collect();
            Arc::from(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
        } else {
            text
        };
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Indexed {
            text,
            starts: starts.into(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }
}

impl SourceCode for Indexed {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // From one line more than the context before the span (or the start of the text) to
        // two lines past the context after it (or the end): within that window miette finds
        // the same context as in the whole text.
        let first = self.line_of(span.offset()).saturating_sub(before.saturating_add(1));
        let last = self
            .line_of(span.offset().saturating_add(span.len()))
            .saturating_add(after)
            .saturating_add(2);
        let lo = self.starts.get(first).copied().unwrap_or(0);
        let hi = self.starts.get(last).copied().unwrap_or(self.text.len());
        let window = self.text.get(lo..hi).ok_or(MietteError::OutOfBounds)?;
        let offset = span.offset().checked_sub(lo).ok_or(MietteError::OutOfBounds)?;
        let inner = window.read_span(&SourceSpan::new(offset.into(), span.len()), before, after)?;
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            SourceSpan::new((inner.span().offset() + lo).into(), inner.span().len()),
            inner.line() + first,
            inner.column(),
            // Counted from the start of the text, as miette's own sources count it.
            inner.line_count() + first,
        )))
    }
}

fn is_lone_cr(bytes: &[u8], i: usize) -> bool {
    bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n')
}

fn has_lone_cr(bytes: &[u8]) -> bool {
    (0..bytes.len()).any(|i| is_lone_cr(bytes, i))
}

/// The files diagnostics quote, each indexed once, by the path shown.
pub struct Snippets<'s> {
    sources: &'s SourceMap,
    indexed: HashMap<&'s str, Indexed>,
}

impl<'s> Snippets<'s> {
    pub fn new(sources: &'s SourceMap) -> Self {
        Snippets {
            sources,
            indexed: HashMap::new(),
        }
    }

    /// The file shown as `display`, if it was read.
    pub fn get(&mut self, display: &str) -> Option<(&'s str, Indexed)> {
        if let Some((k, v)) = self.indexed.get_key_value(display) {
            return Some((k, v.clone()));
        }
        let src = self.sources.find(display)?;
        let indexed = Indexed::new(src.text()?.clone());
        self.indexed.insert(src.display.as_str(), indexed.clone());
        Some((src.display.as_str(), indexed))
    }
}

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

fn render_one(p: &Problem, snippets: &mut Snippets<'_>, h: &GraphicalReportHandler) -> String {
    let mut d = MietteDiagnostic::new(p.message.clone()).with_code(format!("sansho::{}", p.code.as_str()));
    if let Some(help) = &p.help {
        d = d.with_help(help.clone());
    }
    let file = p.location.as_ref().map(|l| l.file.clone()).or_else(|| p.file.clone());
    let src = file.as_ref().and_then(|f| snippets.get(f));
    let mut out = String::new();
    match (src, &p.location) {
        (Some((name, src)), Some(loc)) => {
            let mut labels = vec![LabeledSpan::at(line_span(src.text(), loc.offset as usize), "here")];
            if let Some(rel) = p.related.as_ref().filter(|r| r.file == loc.file) {
                labels.push(LabeledSpan::at(
                    line_span(src.text(), rel.offset as usize),
                    "first here",
                ));
            }
            d = d.with_labels(labels);
            let report = miette::Report::new(d).with_source_code(NamedSource::new(name, src));
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
    let mut snippets = Snippets::new(sources);
    for p in &problems.0 {
        all.push_str(&render_one(p, &mut snippets, &h));
    }
    // A policy's problems name its file; a memory limit reached while the inventory loads names
    // none, and no policy failed.
    let policy = problems.0.iter().any(|p| p.code.is_policy() && p.file.is_some());
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// What miette reads of a span: everything its graphical handler uses.
    fn read(
        src: &dyn SourceCode,
        offset: usize,
        len: usize,
        ctx: usize,
    ) -> Option<(Vec<u8>, usize, usize, usize, usize, usize)> {
        let c = src.read_span(&SourceSpan::new(offset.into(), len), ctx, ctx).ok()?;
        Some((
            c.data().to_vec(),
            c.span().offset(),
            c.span().len(),
            c.line(),
            c.column(),
            c.line_count(),
        ))
    }

    /// The indexed source gives miette what the whole text would, for every span of texts
    /// with each kind of line break, at the edges and past the end (a lone `\r` read as `\n`).
    #[test]
    fn indexed_source_reads_as_the_whole_text() {
        let lines: Vec<String> = (0..40).map(|i| format!("key{i}: 値{i}")).collect();
        for sep in ["\n", "\r\n", "\r"] {
            let mut text = lines.join(sep);
            text.push_str(sep);
            text.push_str("tail without break");
            let indexed = Indexed::new(Arc::from(text.as_str()));
            // Lone `\r`s (here: every `\r` of the `\r` text) are shown as `\n`s.
            let text = if sep == "\r" { text.replace('\r', "\n") } else { text };
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for &offset in starts.iter().step_by(7).chain([0, text.len(), text.len() + 5].iter()) {
                for len in [0, 1, 12, 300] {
                    for ctx in [0, 1, 3] {
                        assert_eq!(
                            read(&indexed, offset, len, ctx),
                            read(&text.as_str(), offset, len, ctx),
                            "{sep:?} offset {offset} len {len} context {ctx}"
                        );
                    }
                }
            }
        }
    }
}
