//! JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps): one test
//! suite per requirement source, one test case per (rule, resource). Resources a rule examined
//! without a finding are listed as passing cases, so auditors see what was checked. Findings at
//! or above `--fail-on` are failures; lower ones pass with the finding in `system-out`.
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use sansho_engine::{CheckOutcome, Finding, Kind, Lang};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a case is about: rule, resource kind and name, and the file for configuration items.
type CaseKey<'a> = (&'a str, Kind, &'a str, Option<&'a str>);

/// One test case: a rule and a document it examined.
struct Case<'a> {
    rule: &'a str,
    title: &'a str,
    kind: &'static str,
    name: Cow<'a, str>,
    findings: &'a [&'a Finding],
}

impl Case<'_> {
    /// The order of cases in a suite.
    fn key(&self) -> (&str, &str, &str) {
        (self.rule, self.kind, &self.name)
    }
}

pub fn render(outcome: &CheckOutcome, lang: Lang) -> String {
    let report = &outcome.report;
    let fail_on = report.summary.fail_on;
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
    let mut by_case: HashMap<CaseKey, Vec<&Finding>> = HashMap::new();
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
    // Every case once (a rule's cases appear in the suite of each of its sources: a million
    // cases at 10 000 systems, so suites hold references, not copies).
    let mut cases: Vec<Case> = Vec::new();
    let mut rule_cases: Vec<(BTreeSet<&str>, std::ops::Range<usize>)> = Vec::new();
    let mut held: std::collections::HashSet<CaseKey> = std::collections::HashSet::new();
    for rule in &outcome.pack.rules {
        let m = &rule.meta;
        let sources: BTreeSet<&str> = m
            .requirements
            .iter()
            .filter_map(|q| outcome.catalog.get(q))
            .map(|q| q.source.as_str())
            .collect();
        let first = cases.len();
        for doc in outcome
            .inventory
            .documents
            .iter()
            .filter(|d| m.resources.contains(&d.kind))
        {
            // A configuration address may repeat across files (two Terraform roots): the file
            // is part of its identity.
            let file = (doc.kind == Kind::Configuration)
                .then(|| outcome.inventory.sources.get(doc.file).map(|f| f.display.as_str()))
                .flatten();
            let key = (m.id.as_str(), doc.kind, doc.name.as_str(), file);
            held.insert(key);
            let findings = by_case.get(&key).map_or(&[][..], Vec::as_slice);
            cases.push(Case {
                rule: &m.id,
                title: m.title.get(lang),
                kind: doc.kind.as_str(),
                name: match file {
                    Some(file) => Cow::Owned(format!("{} ({file})", doc.name)),
                    None => Cow::Borrowed(doc.name.as_str()),
                },
                findings,
            });
        }
        rule_cases.push((sources, first..cases.len()));
    }
    // Findings on no document of this inventory (the cross-check judges the contracts of two
    // inventories): a case each, in the suites of their requirements' sources, so that a run
    // failing on them does not report zero tests.
    let mut orphans: Vec<(&CaseKey, &Vec<&Finding>)> = by_case.iter().filter(|(k, _)| !held.contains(*k)).collect();
    orphans.sort_by(|a, b| a.0.cmp(b.0));
    for ((rule, kind, name, _), findings) in orphans {
        let Some(first) = findings.first() else { continue };
        let sources: BTreeSet<&str> = first
            .requirements
            .iter()
            .filter_map(|q| outcome.catalog.get(q))
            .map(|q| q.source.as_str())
            .collect();
        let at = cases.len();
        cases.push(Case {
            rule,
            title: first.title.get(lang),
            kind: kind.as_str(),
            name: Cow::Borrowed(name),
            findings,
        });
        rule_cases.push((sources, at..cases.len()));
    }
    // source -> its cases, ordered by (rule, kind, name); of two cases with the same key, the
    // later one (as a map insert would keep).
    let mut suites: BTreeMap<&str, Vec<&Case>> = BTreeMap::new();
    for (sources, range) in &rule_cases {
        for source in sources {
            suites
                .entry(source)
                .or_default()
                .extend(cases.get(range.clone()).unwrap_or_default());
        }
    }
    let mut ordered: Vec<(&str, Vec<&Case>)> = suites
        .into_iter()
        .map(|(source, mut list)| {
            list.reverse();
            list.sort_by(|a, b| a.key().cmp(&b.key()));
            list.dedup_by(|a, b| a.key() == b.key());
            (source, list)
        })
        .collect();
    ordered.sort_by_key(|(s, _)| source_order.iter().position(|x| x == s).unwrap_or(usize::MAX));

    let failing = |c: &Case| c.findings.iter().any(|f| f.is_open() && f.level >= fail_on);
    let total: usize = ordered.iter().map(|(_, s)| s.len()).sum();
    let failures: usize = ordered
        .iter()
        .map(|(_, s)| s.iter().filter(|c| failing(c)).count())
        .sum();

    // Room for the whole document at once (a case takes 150–250 bytes; pages never written
    // cost nothing), rather than copies of a growing buffer: 160 MB at 10 000 systems.
    let mut w = Writer::new_with_indent(
        Vec::with_capacity(total.saturating_mul(320).saturating_add(4096)),
        b' ',
        2,
    );
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
            .get(*source)
            .map(|n| format!("{source}: {n}"))
            .unwrap_or_else(|| source.to_string());
        s.push_attribute(("name", name.as_str()));
        s.push_attribute(("tests", cases.len().to_string().as_str()));
        s.push_attribute((
            "failures",
            cases.iter().filter(|c| failing(c)).count().to_string().as_str(),
        ));
        s.push_attribute(("errors", "0"));
        s.push_attribute(("timestamp", format!("{}T00:00:00+09:00", report.evaluated_at).as_str()));
        let _ = w.write_event(Event::Start(s));
        for c in cases {
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
