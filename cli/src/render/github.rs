//! GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::…`), one per finding,
//! so that findings show as annotations on the pull request.
use sansho_engine::{CheckOutcome, Lang, Level};

fn esc_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn esc_prop(s: &str) -> String {
    esc_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(outcome: &CheckOutcome, lang: Lang) -> String {
    let mut out = String::new();
    for f in &outcome.report.findings {
        let cmd = match (f.level, &f.waiver) {
            (_, Some(_)) => "notice",
            (Level::Error, None) => "error",
            (Level::Warning, None) => "warning",
            (Level::Note, None) => "notice",
        };
        let title = match &f.waiver {
            Some(w) => format!(
                "{} {} (waived: {} until {})",
                f.rule,
                f.title.get(lang),
                w.name,
                w.expires
            ),
            None => format!("{} {}", f.rule, f.title.get(lang)),
        };
        out.push_str(&format!(
            "::{cmd} file={},line={},col={},title={}::{}\n",
            esc_prop(f.location.file.trim_start_matches("./")),
            f.location.line,
            f.location.column,
            esc_prop(&title),
            esc_data(&format!("{} [{}]", f.message.get(lang), f.requirements.join(", ")))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(esc_prop("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(esc_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
    }
}
