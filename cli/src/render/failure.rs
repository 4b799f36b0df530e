//! A run that cannot be trusted, in each machine format of `sansho check`.
//!
//! CI reads the file it asked for, whatever the exit code: a SARIF upload step or a JUnit
//! publisher runs after a failed step too. Without a document of the failure it would read
//! nothing, or the file a previous run left, and show an old result as today's. Each format
//! says the run failed in its own terms: SARIF an unsuccessful invocation with a notification
//! per problem (and no results), JUnit an `<error>` per problem, GitHub an `::error` annotation
//! per problem at its file and line, Markdown a list.
use sansho_engine::{Problem, Problems};
use serde_sarif::sarif;

fn place(p: &Problem) -> Option<(String, u32, u32)> {
    match (&p.location, &p.file) {
        (Some(l), _) => Some((l.file.clone(), l.line.max(1), l.column.max(1))),
        (None, Some(f)) => Some((f.clone(), 0, 0)),
        (None, None) => None,
    }
}

/// `message (help: …)`.
fn text_of(p: &Problem) -> String {
    match &p.help {
        Some(h) => format!("{} (help: {h})", p.message),
        None => p.message.clone(),
    }
}

pub fn sarif(problems: &Problems, automation_id: &str) -> String {
    let notifications: Vec<sarif::Notification> = problems
        .0
        .iter()
        .map(|p| {
            let locations: Vec<sarif::Location> = place(p)
                .map(|(file, line, column)| {
                    let artifact = sarif::ArtifactLocation::builder()
                        .uri(file.trim_start_matches("./").to_string())
                        .build();
                    let physical = if line > 0 {
                        sarif::PhysicalLocation::builder()
                            .artifact_location(artifact)
                            .region(
                                sarif::Region::builder()
                                    .start_line(i64::from(line))
                                    .start_column(i64::from(column))
                                    .build(),
                            )
                            .build()
                    } else {
                        sarif::PhysicalLocation::builder().artifact_location(artifact).build()
                    };
                    sarif::Location::builder().physical_location(physical).build()
                })
                .into_iter()
                .collect();
            sarif::Notification::builder()
                .message(sarif::Message::builder().text(text_of(p)).build())
                .level(serde_json::json!("error"))
                .descriptor(
                    sarif::ReportingDescriptorReference::builder()
                        .id(format!("sansho::{}", p.code.as_str()))
                        .build(),
                )
                .locations(locations)
                .build()
        })
        .collect();
    let invocation = sarif::Invocation::builder()
        .execution_successful(false)
        .exit_code(i64::from(crate::exit::UNTRUSTED))
        .tool_execution_notifications(notifications)
        .build();
    let mut log = crate::render::sarif::log(Vec::new(), Vec::new(), automation_id);
    for run in &mut log.runs {
        run.invocations = Some(vec![invocation.clone()]);
    }
    crate::render::sarif::text_of(&log)
}

/// Text for an XML attribute or element: escaped, with the characters XML 1.0 cannot hold
/// (control characters a problem may quote from a hostile file) replaced.
fn xml(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

pub fn junit(problems: &Problems) -> String {
    let n = problems.0.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"sansho\" tests=\"{n}\" failures=\"0\" errors=\"{n}\">\n  <testsuite name=\"sansho check\" tests=\"{n}\" failures=\"0\" errors=\"{n}\">\n"
    ));
    for (i, p) in problems.0.iter().enumerate() {
        let name = match place(p) {
            Some((file, line, _)) if line > 0 => format!("{} {file}:{line}", p.code.as_str()),
            Some((file, _, _)) => format!("{} {file}", p.code.as_str()),
            None => p.code.as_str().to_string(),
        };
        out.push_str(&format!(
            "    <testcase classname=\"sansho\" name=\"{}\">\n      <error type=\"sansho::{}\" message=\"{}\">{}</error>\n    </testcase>\n",
            xml(&format!("{} {}", i + 1, name)),
            p.code.as_str(),
            xml(&p.message),
            xml(&text_of(p)),
        ));
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

pub fn github(problems: &Problems) -> String {
    let esc_data = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let esc_prop = |s: &str| esc_data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for p in &problems.0 {
        let title = esc_prop(&format!("sansho::{} (the run cannot be trusted)", p.code.as_str()));
        let at = match place(p) {
            Some((file, line, col)) if line > 0 => {
                format!(
                    "file={},line={line},col={col},",
                    esc_prop(file.trim_start_matches("./"))
                )
            }
            Some((file, _, _)) => format!("file={},", esc_prop(file.trim_start_matches("./"))),
            None => String::new(),
        };
        out.push_str(&format!("::error {at}title={title}::{}\n", esc_data(&text_of(p))));
    }
    out
}

pub fn markdown(problems: &Problems) -> String {
    let mut out = String::from(
        "# sansho check: the run cannot be trusted\n\nNo result is reported (exit 2). Fix these and run again:\n\n",
    );
    for p in &problems.0 {
        let at = match place(p) {
            Some((file, line, col)) if line > 0 => format!(" `{file}:{line}:{col}`"),
            Some((file, _, _)) => format!(" `{file}`"),
            None => String::new(),
        };
        out.push_str(&format!(
            "- **sansho::{}**{at}: {}",
            p.code.as_str(),
            p.message.replace('\n', " ")
        ));
        if let Some(h) = &p.help {
            out.push_str(&format!(" — {}", h.replace('\n', " ")));
        }
        out.push('\n');
    }
    out
}

/// Plain text, for `--output human=FILE`: what stderr shows, without snippets or colours.
pub fn plain(problems: &Problems) -> String {
    let mut out = String::new();
    for p in &problems.0 {
        let at = match place(p) {
            Some((file, line, col)) if line > 0 => format!("{file}:{line}:{col}: "),
            Some((file, _, _)) => format!("{file}: "),
            None => String::new(),
        };
        out.push_str(&format!("{at}sansho::{}: {}\n", p.code.as_str(), p.message));
        if let Some(h) = &p.help {
            out.push_str(&format!("  help: {h}\n"));
        }
    }
    out.push_str(&format!(
        "sansho: {} problem{} — the run cannot be trusted, no result is reported (exit 2)\n",
        problems.0.len(),
        if problems.0.len() == 1 { "" } else { "s" }
    ));
    out
}
