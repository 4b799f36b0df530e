//! Rule reference pages generated from policy metadata — the one source of each rule's id,
//! titles, severity, remediation and requirement ids. `docs/rules/` is written from here and
//! a test fails when it drifts.

use crate::catalog::Catalog;
use crate::inventory::Kind;
use crate::policy::{PolicySet, Rule};
use crate::schema::resolve;
use serde_json::Value;
use std::fmt::Write as _;

/// The Markdown page of one rule.
pub fn rule_page(rule: &Rule, pack: &PolicySet, catalog: &Catalog) -> String {
    let m = &rule.meta;
    let mut s = String::new();
    let _ = writeln!(s, "# {} — {}\n", m.id, m.title.ja);
    let _ = writeln!(s, "*{}*\n", m.title.en);
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| level / 判定 | `{}` |", m.level.as_str());
    let _ = writeln!(s, "| severity / 重大度 | `{}` |", m.severity.as_str());
    let _ = writeln!(s, "| applies to / 対象 | {} |", m.applies_to.join(", "));
    let _ = writeln!(
        s,
        "| treatment / 判定方法 | `{}` |",
        serde_json::to_value(m.treatment)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    );
    if let Some(f) = pack.files.get(rule.file) {
        let _ = writeln!(s, "| policy | `{}` |", f.path);
    }
    let unverified: Vec<&str> = m
        .requirements
        .iter()
        .filter(|r| catalog.get(r).is_some_and(|q| q.basis.is_unverified()))
        .map(String::as_str)
        .collect();
    let _ = writeln!(s);
    if !unverified.is_empty() && unverified.len() == m.requirements.len() {
        let _ = writeln!(
            s,
            "> **Unverified against the primary text / 一次資料で未確認**: the requirements this rule checks ({}) are \
             recorded from memory or inference, so its findings are capped at `warning`.\n",
            unverified.join(", ")
        );
    } else if !unverified.is_empty() {
        let _ = writeln!(
            s,
            "> Some requirements ({}) are unverified against the primary text.\n",
            unverified.join(", ")
        );
    }
    let _ = writeln!(s, "## 何を検出するか\n\n{}\n", m.description.ja);
    let _ = writeln!(s, "## What it finds\n\n{}\n", m.description.en);
    let _ = writeln!(s, "## 対処\n\n{}\n", m.remediation.ja);
    let _ = writeln!(s, "## How to fix\n\n{}\n", m.remediation.en);
    let _ = writeln!(s, "## Requirements / 要件\n");
    let _ = writeln!(s, "| id | source | section | title | basis |\n|---|---|---|---|---|");
    for id in &m.requirements {
        match catalog.get(id) {
            Some(r) => {
                let _ = writeln!(
                    s,
                    "| `{}` | {} | {}{} | {} / {} | {} |",
                    r.id,
                    r.source,
                    r.section,
                    r.item.as_deref().map(|i| format!(" ({i})")).unwrap_or_default(),
                    r.title.ja,
                    r.title.en,
                    r.basis.as_str()
                );
            }
            None => {
                let _ = writeln!(s, "| `{id}` | | | | |");
            }
        }
    }
    if !m.related_resources.is_empty() {
        let _ = writeln!(s, "\n## References\n");
        for r in &m.related_resources {
            let _ = writeln!(
                s,
                "- <{}>{}",
                r.reference,
                r.description.as_deref().map(|d| format!(" — {d}")).unwrap_or_default()
            );
        }
    }
    if !m.aliases.is_empty() {
        let _ = writeln!(s, "\nFormer ids: {}", m.aliases.join(", "));
    }
    s
}

/// The index page of all rules.
pub fn rules_index(pack: &PolicySet) -> String {
    let mut s = String::from("# Rule reference / ルール一覧\n\nGenerated from the METADATA blocks of `policies/` by `sansho gen-docs`; do not edit by hand.\n\n");
    let _ = writeln!(
        s,
        "| id | level | severity | title (ja) | title (en) | requirements |\n|---|---|---|---|---|---|"
    );
    for r in &pack.rules {
        let m = &r.meta;
        let _ = writeln!(
            s,
            "| [{}]({}.md) | {} | {} | {} | {} | {} |",
            m.id,
            m.id,
            m.level.as_str(),
            m.severity.as_str(),
            m.title.ja,
            m.title.en,
            m.requirements
                .iter()
                .map(|q| format!("`{q}`"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    s
}

/// Every generated file: (path below `docs/rules/`, contents).
pub fn rule_docs(pack: &PolicySet, catalog: &Catalog) -> Vec<(String, String)> {
    let mut out = vec![("README.md".to_string(), rules_index(pack))];
    for r in &pack.rules {
        out.push((format!("{}.md", r.meta.id), rule_page(r, pack, catalog)));
    }
    out
}

/// The project's home page.
pub const PROJECT_URL: &str = "https://github.com/sansho-dev/sansho";

/// Where the generated rule pages (`docs/rules/`) are published.
pub const DOCS_BASE_URL: &str = "https://github.com/sansho-dev/sansho/blob/main/docs/rules";

/// `docs/inventory.md`: the inventory reference, generated from the published JSON Schemas (every
/// field with its Japanese title, type and description, and an example document per kind) and
/// from the catalog (which fields express each checklist item).
pub fn inventory_reference(catalog: &Catalog) -> String {
    let mut s = String::from(
        "# Inventory reference / インベントリ形式リファレンス\n\n\
         Generated from the JSON Schemas in `engine/schemas/` and the requirement catalog by `sansho gen-docs`; \
         do not edit by hand. `sansho schema KIND` prints a schema.\n\n\
         An inventory is a directory of `.yaml`, `.yml` and `.json` files; a YAML file may hold several \
         documents separated by `---`. Every document is an envelope:\n\n\
         ```yaml\napiVersion: sansho/v1\nkind: System            # Organization | System | Asset | Contract | Attestation | Waiver | Configuration\n\
         metadata:\n  name: ehr              # unique per kind: a-z, 0-9, '.', '_', '-'\n  labels: {tier: critical}\n  \
         description: 電子カルテ\nspec: {}                # the fields below\n```\n\n\
         Unknown fields are errors (typos must not pass silently). Dates are `YYYY-MM-DD`, real calendar days of the years 0001 to 9999. Periods are whole days in \
         fields named `*_days`. Documents refer to each other by `metadata.name`; a name no document of that kind has is an error (`unknown_reference`, with the closest name), unless the inventory has no document of that kind at all. Policies see the documents as \
         `input.organizations`, `input.systems`, `input.assets`, `input.contracts` and `input.attestations`.\n\n\
         Real configurations in the same tree (Terraform plans and states, Kubernetes manifests, generic \
         data wrapped by a `Configuration` document) become items under `input.configurations` — see \
         [Configuration items](#configuration-items--構成アイテム) below and `docs/infrastructure.md`.\n\n",
    );
    s.push_str("## Checklist items and the fields that express them / チェックリスト項目と対応フィールド\n\n");
    s.push_str("| requirement | item | title | fields |\n|---|---|---|---|\n");
    for r in catalog.iter().filter(|r| !r.inventory.is_empty()) {
        let fields: Vec<String> = r.inventory.iter().map(|f| format!("[`{f}`](#{})", anchor(f))).collect();
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            r.id,
            r.section,
            r.title.ja,
            fields.join("<br>")
        );
    }
    s.push('\n');
    for kind in Kind::ALL {
        let schema = crate::schema::schema_value(kind);
        let _ = writeln!(s, "## {}\n", kind.as_str());
        let _ = writeln!(s, "{}\n", text(schema, "description"));
        s.push_str("| field | 項目 | type | required | description |\n|---|---|---|---|---|\n");
        let spec = &schema["properties"]["spec"];
        let mut rows = Vec::new();
        fields(schema, spec, &format!("{}.spec", kind.as_str()), &mut rows);
        for row in rows {
            s.push_str(&row);
        }
        if let Some(example) = schema.get("examples").and_then(|e| e.get(0)) {
            if let Ok(yaml) = yaml_serde::to_string(example) {
                let _ = writeln!(s, "\nExample / 例:\n\n```yaml\n{}```\n", yaml);
            }
        }
        s.push('\n');
    }
    s.push_str(&configuration_items());
    s
}

/// The normalised item shape of `input.configurations`, from [`crate::configuration::ITEM_FIELDS`].
fn configuration_items() -> String {
    let mut s = String::from(
        "## Configuration items / 構成アイテム\n\n\
         Files are recognised by their content, never by their name:\n\n\
         - **Terraform plan**: one JSON object with `format_version` and `planned_values` or `resource_changes` (`terraform show -json plan.out`); items are the resources of `planned_values`, child modules included.\n\
         - **Terraform state**: `format_version`, `terraform_version` and `values` (`terraform show -json`), or a raw state file with `version`, `terraform_version` and `resources` (one item per instance).\n\
         - **Kubernetes manifests**: every document of the file has a string `apiVersion` (not `sansho/…`) and a string `kind` that is not a sansho kind; Helm output (`helm template`) included, `List` documents flattened.\n\
         - **Generic**: a `Configuration` document names a YAML/JSON file (`spec.path`) or holds the data inline (`spec.data`).\n\n\
         Any other YAML/JSON file in the tree is read as inventory, and fails (missing or unsupported `apiVersion`, exit 2) \
         unless a `Configuration` document names it. A document whose `kind` is a sansho kind is never taken for a manifest, so a \
         mistyped `apiVersion` on an inventory document stays an error.\n\n\
         Policies see `input.configurations` as `{\"terraform\": [...], \"kubernetes\": [...], \"generic\": [...]}`. \
         A finding's resource is `{kind: Configuration, name: <address>, file: <file>}` (build it with `sansho.lib.config_finding`); \
         its path is a path into the item (`values.versioning[0].enabled`, `pod.containers[0].securityContext.privileged`) and its location \
         is that line of the original file.\n\n\
         | format | field | description |\n|---|---|---|\n",
    );
    for (format, field, description) in crate::configuration::ITEM_FIELDS {
        let _ = writeln!(s, "| {format} | `{field}` | {} |", description.replace('|', "\\|"));
    }
    s.push('\n');
    s
}

fn text(node: &Value, key: &str) -> String {
    node.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// The HTML anchor of a field row (`System.spec.access_logs` → `system-spec-access_logs`).
fn anchor(path: &str) -> String {
    path.to_ascii_lowercase().replace('.', "-")
}

fn type_of(node: &Value) -> String {
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(" \\| ");
    }
    if node.get("format").and_then(Value::as_str) == Some("date") {
        return "date".to_string();
    }
    match node.get("type") {
        Some(Value::String(t)) if t == "array" => {
            let items = node.get("items").map(type_of).unwrap_or_default();
            if node["items"].get("properties").is_some() {
                "list of objects".to_string()
            } else {
                format!("list of {items}")
            }
        }
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" \\| "),
        _ => String::new(),
    }
}

fn fields(root: &Value, node: &Value, path: &str, rows: &mut Vec<String>) {
    let node = resolve(root, node);
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // `oneOf: [{required: [a]}, {required: [b]}]`: exactly one of them.
    let one_of: Vec<&str> = node
        .get("oneOf")
        .and_then(Value::as_array)
        .map(|alts| {
            alts.iter()
                .filter_map(|a| a.get("required")?.as_array()?.first()?.as_str())
                .collect()
        })
        .unwrap_or_default();
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (key, child) in props {
        let child = resolve(root, child);
        let here = format!("{path}.{key}");
        let mut description = text(child, "description");
        let name_pattern = root.pointer("/$defs/metadata/properties/name/pattern");
        // `\S` (not blank) is said in the description.
        if let Some(p) = child
            .get("pattern")
            .filter(|p| Some(*p) != name_pattern)
            .and_then(Value::as_str)
            .filter(|p| *p != "\\S")
        {
            let _ = write!(description, " Pattern: `{p}`.");
        }
        if let Some(n) = child.get("minLength").and_then(Value::as_u64).filter(|n| *n > 1) {
            let _ = write!(description, " At least {n} characters.");
        }
        let required_cell = if required.contains(&key.as_str()) {
            "yes".to_string()
        } else if one_of.contains(&key.as_str()) {
            format!(
                "exactly one of {}",
                one_of.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            )
        } else {
            String::new()
        };
        rows.push(format!(
            "| <a id=\"{}\"></a>`{}` | {} | {} | {} | {} |\n",
            anchor(&here),
            here.split_once(".spec.").map_or(here.as_str(), |(_, rest)| rest),
            text(child, "title"),
            type_of(child),
            required_cell,
            description.replace('|', "\\|"),
        ));
        fields(root, child, &here, rows);
        if let Some(items) = child.get("items") {
            fields(root, items, &format!("{here}[]"), rows);
        }
    }
}

/// Whether `Kind` or `Kind.spec.a.b` names a field of the published schemas (used to keep the
/// catalog's `inventory` references honest).
pub fn field_exists(path: &str) -> bool {
    let mut parts = path.split('.');
    let Some(kind) = parts.next().and_then(Kind::parse) else {
        return false;
    };
    let schema = crate::schema::schema_value(kind);
    let mut node = schema;
    for part in parts {
        let n = resolve(schema, node);
        let n = n.get("items").map_or(n, |i| resolve(schema, i));
        match n.get("properties").and_then(|p| p.get(part)) {
            Some(next) => node = next,
            None => return false,
        }
    }
    true
}

/// `docs/coverage.md`: how every catalog requirement is checked, per source, generated from the
/// catalog and the rules' metadata.
pub fn coverage_page(catalog: &Catalog, pack: &PolicySet) -> String {
    use crate::coverage::{coverage, source_title, Coverage};
    let cov = coverage(catalog, pack);
    let mut s = String::from(
        "# Coverage / 要件の網羅状況\n\nGenerated from the requirement catalog (`policies/catalog/requirements.yaml`) and the METADATA of the rules by `sansho gen-docs`; do not edit by hand.\n\n\
         Each requirement is **automated** (a policy decides it from the inventory), **attested** (a policy requires a valid, dated `Attestation` with evidence) or **manual** (no inventory can show it; the reason is given). \
         Requirements whose catalog basis is `memory` or `unknown` are marked † — unverified against the primary text, so their rules report at most warnings.\n\n",
    );
    let mut sources: Vec<&str> = Vec::new();
    for r in catalog.iter() {
        if !sources.contains(&r.source.as_str()) {
            sources.push(&r.source);
        }
    }
    s.push_str("| source | requirements | automated | attested | manual | unassigned |\n|---|---|---|---|---|---|\n");
    for src in &sources {
        let of = |t: Coverage| {
            catalog
                .iter()
                .zip(&cov)
                .filter(|(r, c)| r.source == *src && c.treatment == t)
                .count()
        };
        let total = catalog.iter().filter(|r| r.source == *src).count();
        let auto = of(Coverage::Automated);
        let _ = writeln!(
            s,
            "| {} | {} | {} ({}%) | {} | {} | {} |",
            source_title(src).ja,
            total,
            auto,
            (auto * 100).checked_div(total).unwrap_or(0),
            of(Coverage::Attested),
            of(Coverage::Manual),
            of(Coverage::Unassigned)
        );
    }
    for src in &sources {
        let title = source_title(src);
        let _ = writeln!(s, "\n## {} / {}\n", title.ja, title.en);
        s.push_str("| requirement | section | title | treatment | rules / reason |\n|---|---|---|---|---|\n");
        for (r, c) in catalog.iter().zip(&cov).filter(|(r, _)| r.source == *src) {
            let how = if c.rules.is_empty() {
                c.reason
                    .as_ref()
                    .map(|t| format!("{} / {}", t.ja, t.en))
                    .unwrap_or_default()
            } else {
                c.rules
                    .iter()
                    .map(|id| format!("[{id}](rules/{id}.md)"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let _ = writeln!(
                s,
                "| `{}`{} | {} | {} | {} | {} |",
                r.id,
                if r.basis.is_unverified() { " †" } else { "" },
                r.section.replace('|', "\\|"),
                r.title.ja.replace('|', "\\|"),
                c.treatment.as_str(),
                how.replace('|', "\\|")
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_inventory_references_name_real_fields() {
        let catalog = Catalog::builtin().unwrap_or_default();
        let mut seen = 0;
        for r in catalog.iter() {
            for f in &r.inventory {
                assert!(field_exists(f), "{}: `{f}` is not a field of the schemas", r.id);
                seen += 1;
            }
        }
        assert!(seen > 30, "the checklist mapping went missing ({seen})");
        assert!(!field_exists("System.spec.authentcation"));
    }

    #[test]
    fn every_schema_example_is_valid() {
        for kind in Kind::ALL {
            let schema = crate::schema::schema_value(kind);
            assert!(schema.is_object(), "{}: the embedded schema is not JSON", kind.as_str());
            let examples = schema
                .get("examples")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            // Waiver documents are shown in docs/ci.md instead.
            if kind != Kind::Waiver {
                assert_eq!(examples.len(), 1, "{}: one example expected", kind.as_str());
            }
            for ex in &examples {
                let r = crate::schema::validate(kind, ex).map_err(|p| p.message);
                assert!(r.is_ok(), "{}: {r:?}", kind.as_str());
                let v = r.unwrap_or_default();
                assert!(v.is_empty(), "{}: {v:?}", kind.as_str());
            }
        }
    }

    #[test]
    fn reference_documents_every_kind_and_nested_fields() {
        let catalog = Catalog::builtin().unwrap_or_default();
        let doc = inventory_reference(&catalog);
        for kind in [
            "## Organization",
            "## System",
            "## Asset",
            "## Contract",
            "## Attestation",
            "## Waiver",
            "## Configuration",
            "## Configuration items",
        ] {
            assert!(doc.contains(kind), "{kind}");
        }
        assert!(doc.contains("`authentication.two_factor.scope`"));
        assert!(doc.contains("`backups[].offline`"));
        assert!(doc.contains("| `chk.r7.inst.2.10` |"));
    }
}
