//! Shared pieces of the HTML outputs (checklist, report): escaping and the inline style sheet.
//! Pages are self-contained: no scripts, no external resources.

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The style sheet, inlined into every page.
pub const CSS: &str = r#"
body{font-family:"Noto Sans CJK JP","Hiragino Kaku Gothic ProN","Yu Gothic",Meiryo,sans-serif;margin:2em;color:#1a1a1a;line-height:1.5}
h1{font-size:1.5em;border-bottom:3px solid #2b5797;padding-bottom:.3em}
h2{font-size:1.2em;margin-top:2em;border-left:6px solid #2b5797;padding-left:.5em}
h3{font-size:1.05em;margin-top:1.5em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em;font-size:.9em}
th,td{border:1px solid #999;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#dce6f1}
tr.section td{background:#eef2f7;font-weight:bold}
tr.attention td:nth-child(3){color:#b00020;font-weight:bold}
table.checklist td:nth-child(-n+4),table.checklist th:nth-child(-n+4){white-space:nowrap}
table.checklist td:nth-child(2){white-space:normal;min-width:16em}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#444}
.charts{display:flex;flex-wrap:wrap;gap:1.5em}
.chart{border:1px solid #ccc;padding:.5em 1em;border-radius:4px}
pre.snippet{background:#f6f8fa;border:1px solid #ddd;padding:.5em;overflow-x:auto;font-size:.85em}
pre.snippet .hit{background:#ffe08a;display:inline-block;width:100%}
code{font-family:"Noto Sans Mono CJK JP",Menlo,Consolas,monospace}
.status-non_compliant,.status-attestation_missing{color:#b00020;font-weight:bold}
.status-compliant{color:#1b7f3b}
.status-waived{color:#a05a00}
@media print{body{margin:0}section{page-break-inside:avoid}}
"#;
