//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one reportingDescriptor per
//! rule of the pack (from its METADATA), one result per finding with a physical location into
//! the inventory file. Columns are counted in Unicode code points (`columnKind`).
use sansho_engine::{CheckOutcome, Lang, Level};
use serde_sarif::sarif;
use std::collections::BTreeMap;

/// Where rule documentation lives; `SANSHO_DOCS_URL` overrides it (e.g. a fork's docs).
pub fn docs_url(rule: &str) -> String {
    let base = std::env::var("SANSHO_DOCS_URL").unwrap_or_else(|_| sansho_engine::docs::DOCS_BASE_URL.to_string());
    format!("{}/{rule}.md", base.trim_end_matches('/'))
}

fn level(l: Level) -> serde_json::Value {
    serde_json::json!(match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    })
}

fn text(s: &str) -> sarif::Message {
    sarif::Message::builder().text(s.to_string()).build()
}

fn mtext(s: &str, md: Option<String>) -> sarif::MultiformatMessageString {
    match md {
        Some(md) => sarif::MultiformatMessageString::builder()
            .text(s.to_string())
            .markdown(md)
            .build(),
        None => sarif::MultiformatMessageString::builder().text(s.to_string()).build(),
    }
}

/// A stable fingerprint of a finding that survives line moves: rule, resource and value path.
fn fingerprint(rule: &str, kind: &str, name: &str, path: &str) -> String {
    sansho_engine::source::sha256_hex(format!("{rule}\u{0}{kind}\u{0}{name}\u{0}{path}").as_bytes())
}

pub fn render(outcome: &CheckOutcome, lang: Lang, automation_id: &str) -> String {
    let pack = &outcome.pack;
    let mut index: BTreeMap<&str, i64> = BTreeMap::new();
    let rules: Vec<sarif::ReportingDescriptor> = pack
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let m = &r.meta;
            index.insert(m.id.as_str(), i64::try_from(i).unwrap_or(0));
            let mut tags = vec!["security".to_string(), "compliance".to_string()];
            tags.extend(m.requirements.iter().cloned());
            let mut extra = BTreeMap::new();
            extra.insert("security-severity".to_string(), serde_json::json!(m.severity.score()));
            extra.insert("requirements".to_string(), serde_json::json!(m.requirements));
            extra.insert("title_ja".to_string(), serde_json::json!(m.title.ja));
            extra.insert("title_en".to_string(), serde_json::json!(m.title.en));
            let help_md = format!(
                "{}\n\n{}\n\nRequirements: {}",
                m.remediation.get(lang),
                m.description.get(lang),
                m.requirements
                    .iter()
                    .map(|q| format!("`{q}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let slug = pack
                .files
                .get(r.file)
                .map(|f| f.package.rsplit('.').next().unwrap_or_default().to_string())
                .unwrap_or_default();
            sarif::ReportingDescriptor::builder()
                .id(m.id.clone())
                .name(slug)
                .short_description(mtext(m.title.get(lang), None))
                .full_description(mtext(m.description.get(lang), None))
                .help(mtext(
                    &format!(
                        "{} (requirements: {})",
                        m.remediation.get(lang),
                        m.requirements.join(", ")
                    ),
                    Some(help_md),
                ))
                .help_uri(docs_url(&m.id))
                .default_configuration(sarif::ReportingConfiguration::builder().level(level(m.level)).build())
                .properties(
                    sarif::PropertyBag::builder()
                        .tags(tags)
                        .additional_properties(extra)
                        .build(),
                )
                .build()
        })
        .collect();
    let results: Vec<sarif::Result> = outcome
        .report
        .findings
        .iter()
        .map(|f| {
            let region = sarif::Region::builder()
                .start_line(i64::from(f.location.line))
                .start_column(i64::from(f.location.column))
                .build();
            let artifact = sarif::ArtifactLocation::builder()
                .uri(f.location.file.trim_start_matches("./").to_string())
                .build();
            let physical = sarif::PhysicalLocation::builder()
                .artifact_location(artifact)
                .region(region)
                .build();
            let logical = sarif::LogicalLocation::builder()
                .name(f.resource.name.clone())
                .kind(f.resource.kind.as_str().to_lowercase())
                .fully_qualified_name(format!("{}/{}#{}", f.resource.kind.as_str(), f.resource.name, f.path))
                .build();
            let location = sarif::Location::builder()
                .physical_location(physical)
                .logical_locations(vec![logical])
                .build();
            let mut fp = BTreeMap::new();
            fp.insert(
                "sansho/v1".to_string(),
                // Configuration addresses repeat across files (prod and staging plans): the
                // file is part of their identity. Other kinds keep their fingerprints.
                match &f.resource.file {
                    Some(file) => fingerprint(
                        &f.rule,
                        f.resource.kind.as_str(),
                        &format!("{file}#{}", f.resource.name),
                        &f.path,
                    ),
                    None => fingerprint(&f.rule, f.resource.kind.as_str(), &f.resource.name, &f.path),
                },
            );
            let mut extra = BTreeMap::new();
            extra.insert("requirements".to_string(), serde_json::json!(f.requirements));
            extra.insert("severity".to_string(), serde_json::json!(f.severity.as_str()));
            extra.insert("message_ja".to_string(), serde_json::json!(f.message.ja));
            extra.insert("message_en".to_string(), serde_json::json!(f.message.en));
            extra.insert("path".to_string(), serde_json::json!(f.path));
            let suppressions: Vec<sarif::Suppression> = f
                .waiver
                .iter()
                .map(|w| {
                    let mut props = BTreeMap::new();
                    props.insert("waiver".to_string(), serde_json::json!(w.name));
                    props.insert("approver".to_string(), serde_json::json!(w.approver));
                    props.insert("expires".to_string(), serde_json::json!(w.expires));
                    if let Some(t) = &w.ticket {
                        props.insert("ticket".to_string(), serde_json::json!(t));
                    }
                    sarif::Suppression::builder()
                        .kind(serde_json::json!("external"))
                        .status(serde_json::json!("accepted"))
                        .justification(w.reason.clone())
                        .properties(sarif::PropertyBag::builder().additional_properties(props).build())
                        .build()
                })
                .collect();
            sarif::Result::builder()
                .rule_id(f.rule.clone())
                .suppressions(suppressions)
                .rule_index(index.get(f.rule.as_str()).copied().unwrap_or(-1))
                .level(match f.level {
                    Level::Error => sarif::ResultLevel::Error,
                    Level::Warning => sarif::ResultLevel::Warning,
                    Level::Note => sarif::ResultLevel::Note,
                })
                .message(text(f.message.get(lang)))
                .locations(vec![location])
                .partial_fingerprints(fp)
                .properties(sarif::PropertyBag::builder().additional_properties(extra).build())
                .build()
        })
        .collect();
    text_of(&log(rules, results, automation_id))
}

/// A SARIF log of one run of sansho: its rules, its results, `automationDetails.id`.
pub fn log(rules: Vec<sarif::ReportingDescriptor>, results: Vec<sarif::Result>, automation_id: &str) -> sarif::Sarif {
    let driver = sarif::ToolComponent::builder()
        .name("sansho")
        .version(sansho_engine::check::VERSION)
        .semantic_version(sansho_engine::check::VERSION)
        .information_uri(sansho_engine::docs::PROJECT_URL)
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .automation_details(
            sarif::RunAutomationDetails::builder()
                .id(automation_id.to_string())
                .build(),
        )
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    sarif::Sarif::builder()
        .schema(sarif::SCHEMA_URL.to_string())
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// The log as the files sansho writes: pretty JSON, a final newline.
pub fn text_of(log: &sarif::Sarif) -> String {
    serde_json::to_string_pretty(log).unwrap_or_default() + "\n"
}
