//! `sansho checklist --format xlsx`: one worksheet per list, laid out like the official sheet
//! (title, organization and date rows, a header row, section rows, one row per item), with
//! column widths, wrapped text and いいえ drawn in red. Document properties and the creation
//! time are fixed (the evaluation date), so the same input gives byte-identical files.
use crate::lang::t;
use crate::render::checklist::{headers, list_meta, list_title, row};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use sansho_engine::checklist::Checklist;
use sansho_engine::{Date, Lang};
use std::collections::BTreeSet;

/// Column widths (in characters) for the columns of [`headers`].
const WIDTHS: [f64; 9] = [7.0, 46.0, 12.0, 12.0, 16.0, 34.0, 60.0, 60.0, 18.0];

/// Excel's limit on the characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// The text cut to what a cell holds, with a note of how much was left out.
fn fit(text: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    let n = text.chars().count();
    if n <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let note = format!(
        "\n… {}",
        t(
            lang,
            "(セルの上限のため省略。全体は --format json で)",
            "(cut at the cell limit; --format json has all)"
        )
    );
    let keep = MAX_CELL_CHARS - note.chars().count();
    std::borrow::Cow::Owned(text.chars().take(keep).collect::<String>() + &note)
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(base: &str, used: &mut BTreeSet<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
        let keep = 31 - suffix.chars().count();
        let name: String = clean.chars().take(keep).collect::<String>() + &suffix;
        if used.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

pub fn render(c: &Checklist, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let date = Date::parse(&c.evaluated_at).unwrap_or_else(|| Date::new(2000, 1, 1).unwrap_or_else(Date::today_jst));
    let created = ExcelDateTime::from_ymd(u16::try_from(date.year()).unwrap_or(2000), date.month(), date.day())?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(c.title.get(lang))
            .set_subject(t(
                lang,
                "サイバーセキュリティ対策チェックリスト",
                "Cybersecurity checklist",
            ))
            .set_author("sansho")
            .set_company("")
            .set_comment(format!("sansho {} / {}", c.sansho_version, c.evaluated_at))
            .set_creation_datetime(&created),
    );
    let font = t(lang, "Yu Gothic", "Calibri");
    let base = Format::new().set_font_name(font).set_font_size(10);
    let title = base.clone().set_bold().set_font_size(14);
    let meta = base.clone().set_font_color(Color::RGB(0x444444));
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap()
    };
    let head = border(base.clone().set_bold().set_background_color(Color::RGB(0xDCE6F1)));
    let section = border(base.clone().set_bold().set_background_color(Color::RGB(0xEEF2F7)));
    let cell = border(base.clone());
    let center = border(base.clone().set_align(FormatAlign::Center));
    let no = border(
        base.clone()
            .set_bold()
            .set_font_color(Color::RGB(0xB00020))
            .set_align(FormatAlign::Center),
    );
    let flagged = border(base.clone().set_font_color(Color::RGB(0xB00020)));
    let mut used = BTreeSet::new();
    for l in &c.lists {
        let base_name = match l.organizations.first() {
            Some(o) if l.list == sansho_engine::checklist::ListKind::Vendor => {
                format!("{} {}", l.sheet.get(lang), o.name)
            }
            _ => l.sheet.get(lang).to_string(),
        };
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&base_name, &mut used))?;
        ws.set_landscape();
        ws.set_paper_size(9); // A4
        ws.set_print_fit_to_pages(1, 0);
        for (i, w) in WIDTHS.iter().enumerate() {
            ws.set_column_width(u16::try_from(i).unwrap_or(0), *w)?;
        }
        let last_col = u16::try_from(WIDTHS.len() - 1).unwrap_or(0);
        ws.merge_range(0, 0, 0, last_col, &list_title(c, l, lang), &title)?;
        ws.set_row_height(0, 24)?;
        ws.merge_range(1, 0, 1, last_col, &list_meta(c, l, lang), &meta)?;
        ws.merge_range(
            2,
            0,
            2,
            last_col,
            t(
                lang,
                "回答は sansho がインベントリとポリシーから判定したもの。「いいえ」には目標日を記入すること。未評価の項目は担当者が確認して記入する。",
                "Answers decided by sansho from the inventory and the policies. Give every No a target date. Items not evaluated must be answered by a person.",
            ),
            &meta,
        )?;
        let header_row = 4;
        for (i, h) in headers(lang).iter().enumerate() {
            ws.write_string_with_format(header_row, u16::try_from(i).unwrap_or(0), *h, &head)?;
        }
        ws.set_freeze_panes(header_row + 1, 0)?;
        // Printed pages repeat the column headings, and say which list and page they are.
        ws.set_repeat_rows(header_row, header_row)?;
        // (Excel allows 255 characters in a footer; rust_xlsxwriter would warn on stderr.)
        let short: String = base_name.chars().take(60).collect();
        ws.set_footer(format!("&L{}&R&P / &N", short.replace('&', "&&")));
        let mut r = header_row + 1;
        for s in &l.sections {
            ws.write_string_with_format(r, 0, &s.number, &section)?;
            ws.merge_range(r, 1, r, last_col, s.heading.get(lang), &section)?;
            r += 1;
            for i in &s.items {
                let row = row(i, lang);
                for (col, text) in row.cells().iter().enumerate() {
                    let f = match col {
                        2 if row.attention => &no,
                        0 | 2 | 3 => &center,
                        4 if i.target.as_ref().is_some_and(|t| t.status.flagged()) => &flagged,
                        _ => &cell,
                    };
                    ws.write_string_with_format(r, u16::try_from(col).unwrap_or(0), fit(text, lang), f)?;
                }
                r += 1;
            }
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_to_the_excel_limit() {
        let long = "あ".repeat(40_000);
        let cut = fit(&long, Lang::Ja);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with("--format json で)"));
        assert_eq!(fit("short", Lang::Ja), "short");
    }
}
