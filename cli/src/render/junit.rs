//! JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps): one test
//! suite per requirement source, one test case per (rule, resource). Resources a rule examined
//! without a finding are listed as passing cases, so auditors see what was checked. Findings at
//! or above `--fail-on` are failures; lower ones pass with the finding in `system-out`.
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use sansho_engine::{CheckOutcome, Finding, Kind, Lang};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Cases of one suite, keyed by (rule, kind, name).
type Suite<'a> = BTreeMap<(String, &'static str, String), Case<'a>>;

struct Case<'a> {
    rule: &'a str,
    title: &'a str,
    kind: &'static str,
    name: String,
    findings: Vec<&'a Finding>,
}

pub fn render(outcome: &CheckOutcome, lang: Lang) -> String {
    let report = &outcome.report;
    let fail_on = report.summary.fail_on;
    // source -> (rule, kind, name) -> case
    let mut suites: BTreeMap<String, Suite> = BTreeMap::new();
    let source_order: Vec<String> = {
        let mut seen = Vec::new();
        for r in outcome.catalog.iter() {
            if !seen.contains(&r.source) {
                seen.push(r.source.clone());
            }
        }
        seen
    };
    // The findings of each case, in report order, looked up once per case (a scan of every
    // finding per case made 10 000 systems take 2.3 s more than JSON).
    let mut by_case: HashMap<(&str, Kind, &str, Option<&str>), Vec<&Finding>> = HashMap::new();
    for f in &report.findings {
        by_case
            .entry((
                f.rule.as_str(),
                f.resource.kind,
                f.resource.name.as_str(),
                f.resource.file.as_deref(),
            ))
            .or_default()
            .push(f);
    }
    for rule in &outcome.pack.rules {
        let m = &rule.meta;
        let sources: BTreeSet<String> = m
            .requirements
            .iter()
            .filter_map(|q| outcome.catalog.get(q))
            .map(|q| q.source.clone())
            .collect();
        let mut cases: Vec<Case> = Vec::new();
        for doc in outcome
            .inventory
            .documents
            .iter()
            .filter(|d| m.resources.contains(&d.kind))
        {
            // A configuration address may repeat across files (two Terraform roots): the file
            // is part of its identity.
            let file = (doc.kind == Kind::Configuration)
                .then(|| outcome.inventory.sources.get(doc.file).map(|f| f.display.clone()))
                .flatten();
            let findings = by_case
                .get(&(m.id.as_str(), doc.kind, doc.name.as_str(), file.as_deref()))
                .cloned()
                .unwrap_or_default();
            cases.push(Case {
                rule: &m.id,
                title: m.title.get(lang),
                kind: doc.kind.as_str(),
                name: match &file {
                    Some(file) => format!("{} ({file})", doc.name),
                    None => doc.name.clone(),
                },
                findings,
            });
        }
        for source in sources {
            let suite = suites.entry(source).or_default();
            for c in &cases {
                suite.insert(
                    (c.rule.to_string(), c.kind, c.name.clone()),
                    Case {
                        rule: c.rule,
                        title: c.title,
                        kind: c.kind,
                        name: c.name.clone(),
                        findings: c.findings.clone(),
                    },
                );
            }
        }
    }
    let mut ordered: Vec<(String, Suite)> = suites.into_iter().collect();
    ordered.sort_by_key(|(s, _)| source_order.iter().position(|x| x == s).unwrap_or(usize::MAX));

    let failing = |c: &Case| c.findings.iter().any(|f| f.is_open() && f.level >= fail_on);
    let total: usize = ordered.iter().map(|(_, s)| s.len()).sum();
    let failures: usize = ordered
        .iter()
        .map(|(_, s)| s.values().filter(|c| failing(c)).count())
        .sum();

    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "sansho"));
    root.push_attribute(("tests", total.to_string().as_str()));
    root.push_attribute(("failures", failures.to_string().as_str()));
    root.push_attribute(("errors", "0"));
    let _ = w.write_event(Event::Start(root));
    for (source, cases) in &ordered {
        let mut s = BytesStart::new("testsuite");
        let name = outcome
            .catalog
            .source_names
            .get(source)
            .map(|n| format!("{source}: {n}"))
            .unwrap_or_else(|| source.clone());
        s.push_attribute(("name", name.as_str()));
        s.push_attribute(("tests", cases.len().to_string().as_str()));
        s.push_attribute((
            "failures",
            cases.values().filter(|c| failing(c)).count().to_string().as_str(),
        ));
        s.push_attribute(("errors", "0"));
        s.push_attribute(("timestamp", format!("{}T00:00:00+09:00", report.evaluated_at).as_str()));
        let _ = w.write_event(Event::Start(s));
        for c in cases.values() {
            let mut tc = BytesStart::new("testcase");
            let case_name = format!("{} {} {}/{}", c.rule, c.title, c.kind, c.name);
            tc.push_attribute(("name", case_name.as_str()));
            tc.push_attribute(("classname", format!("sansho.{}", c.rule).as_str()));
            if let Some(f) = c.findings.first() {
                tc.push_attribute(("file", f.location.file.as_str()));
                tc.push_attribute(("line", f.location.line.to_string().as_str()));
            }
            let _ = w.write_event(Event::Start(tc));
            let details: String = c
                .findings
                .iter()
                .map(|f| {
                    format!(
                        "{} {}:{}:{} {}",
                        f.level.as_str(),
                        f.location.file,
                        f.location.line,
                        f.location.column,
                        f.message.get(lang)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            if failing(c) {
                let mut fe = BytesStart::new("failure");
                let first = c.findings.first().map(|f| f.message.get(lang)).unwrap_or_default();
                fe.push_attribute(("message", first));
                fe.push_attribute((
                    "type",
                    c.findings
                        .iter()
                        .map(|f| f.level)
                        .max()
                        .map(|l| l.as_str())
                        .unwrap_or("error"),
                ));
                let _ = w.write_event(Event::Start(fe));
                let _ = w.write_event(Event::Text(BytesText::new(&details)));
                let _ = w.write_event(Event::End(BytesEnd::new("failure")));
            } else if !c.findings.is_empty() {
                let _ = w.write_event(Event::Start(BytesStart::new("system-out")));
                let _ = w.write_event(Event::Text(BytesText::new(&details)));
                let _ = w.write_event(Event::End(BytesEnd::new("system-out")));
            }
            let _ = w.write_event(Event::End(BytesEnd::new("testcase")));
        }
        let _ = w.write_event(Event::End(BytesEnd::new("testsuite")));
    }
    let _ = w.write_event(Event::End(BytesEnd::new("testsuites")));
    String::from_utf8(w.into_inner()).unwrap_or_default() + "\n"
}
