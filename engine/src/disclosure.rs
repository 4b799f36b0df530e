//! MDS/SDS disclosures as data: the question list (`policies/catalog/mds_sds_questions.yaml`,
//! sansho's paraphrase — not the official JAHIS text), the vendor's recorded answers
//! (`Contract.spec.disclosures[].answers`) and drafts of answers from a vendor's inventory.

use crate::catalog::Text;
use crate::inventory::{Document, Inventory, Kind};
use crate::problem::{Problem, ProblemCode};
use crate::source::Location;
use crate::yaml::Seg;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where the question list lives inside the embedded pack.
pub const QUESTIONS_PATH: &str = "catalog/mds_sds_questions.yaml";

/// The question list.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Questions {
    pub edition: String,
    pub format_version: String,
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Question {
    pub id: String,
    pub category: String,
    /// `mds` (product), `sds` (service).
    pub applies_to: Vec<String>,
    pub text: Text,
    /// Catalog ids a `yes` answer is evidence for.
    pub requirements: Vec<String>,
    #[serde(default)]
    pub draft: Vec<Probe>,
}

/// How to find an answer in an inventory.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Probe {
    pub kind: String,
    /// Dotted path, `[]` for every array item: `spec.backups[].immutable`.
    pub path: String,
    /// Values that make the answer yes (default: `true`).
    #[serde(default)]
    pub equals: Vec<Value>,
    /// Any value at the path makes it yes.
    #[serde(default)]
    pub present: bool,
    /// A number at least this large makes it yes.
    #[serde(default)]
    pub at_least: Option<f64>,
}

impl Probe {
    fn matches(&self, v: &Value) -> bool {
        if self.present {
            return !v.is_null();
        }
        if let Some(min) = self.at_least {
            return v.as_f64().is_some_and(|n| n >= min);
        }
        if self.equals.is_empty() {
            return v == &Value::Bool(true);
        }
        self.equals
            .iter()
            .any(|e| e == v || e.as_str().is_some_and(|s| v.as_str() == Some(s)))
    }
}

/// The built-in question list.
pub fn questions() -> Result<Questions, Problem> {
    let text = crate::policy::embedded_file(QUESTIONS_PATH).ok_or_else(|| {
        Problem::new(
            ProblemCode::Config,
            "the MDS/SDS question list is missing from this build",
        )
    })?;
    yaml_serde::from_str(text).map_err(|e| {
        Problem::new(
            ProblemCode::Config,
            format!("the MDS/SDS question list is invalid: {e}"),
        )
        .in_file(format!("policies/{QUESTIONS_PATH}"))
    })
}

/// A `yes` answer recorded in a contract's disclosure.
#[derive(Debug, Clone, Serialize)]
pub struct YesAnswer {
    pub contract: String,
    /// `MDS 5.0`, `SDS`…
    pub disclosure: String,
    pub question: String,
    pub requirements: Vec<String>,
    pub location: Location,
}

/// Every `yes` answer of every contract's disclosures. An answer to a question the list does
/// not know is bad input (a typo would silently drop the evidence): a problem at the answer.
pub fn yes_answers(inv: &Inventory) -> Result<Vec<YesAnswer>, Problem> {
    let qs = questions()?;
    let mut out = Vec::new();
    for doc in inv.documents.iter().filter(|d| d.kind == Kind::Contract) {
        let ds = doc.value.pointer("/spec/disclosures").and_then(Value::as_array);
        for (i, d) in ds.into_iter().flatten().enumerate() {
            let label = format!(
                "{}{}",
                d.get("type").and_then(Value::as_str).unwrap_or_default().to_uppercase(),
                d.get("version")
                    .and_then(Value::as_str)
                    .map(|v| format!(" {v}"))
                    .unwrap_or_default()
            );
            let answers = d.get("answers").and_then(Value::as_array);
            for (j, a) in answers.into_iter().flatten().enumerate() {
                let path = [
                    Seg::Key("spec".into()),
                    Seg::Key("disclosures".into()),
                    Seg::Index(i),
                    Seg::Key("answers".into()),
                    Seg::Index(j),
                ];
                let id = a.get("question").and_then(Value::as_str).unwrap_or_default();
                let Some(q) = qs.questions.iter().find(|q| q.id == id) else {
                    let mut at = path.to_vec();
                    at.push(Seg::Key("question".into()));
                    return Err(Problem::new(
                        ProblemCode::Config,
                        format!("unknown MDS/SDS question `{id}` in contract {}", doc.name),
                    )
                    .at(inv.locate(doc, &at))
                    .help(format!(
                        "use an id of policies/catalog/mds_sds_questions.yaml ({} …); `sansho disclosure` drafts the list",
                        qs.questions.iter().take(3).map(|q| q.id.as_str()).collect::<Vec<_>>().join(", ")
                    )));
                };
                if a.get("answer").and_then(Value::as_str) != Some("yes") {
                    continue;
                }
                out.push(YesAnswer {
                    contract: doc.name.clone(),
                    disclosure: label.clone(),
                    question: q.id.clone(),
                    requirements: q.requirements.clone(),
                    location: inv.locate(doc, &path),
                });
            }
        }
    }
    Ok(out)
}

/// A drafted answer.
#[derive(Debug, Clone, Serialize)]
pub struct DraftAnswer {
    pub question: String,
    pub category: String,
    pub text: Text,
    /// `yes`, `no` or `unknown`.
    pub answer: &'static str,
    /// What the answer rests on: `file:line: Kind name path = value`.
    pub evidence: Vec<String>,
    pub requirements: Vec<String>,
}

/// Draft answers of one vendor.
#[derive(Debug, Clone, Serialize)]
pub struct Draft {
    pub vendor: String,
    /// `mds` or `sds`.
    pub r#type: String,
    pub edition: String,
    pub format_version: String,
    pub answers: Vec<DraftAnswer>,
}

fn parts(path: &str) -> Vec<&str> {
    path.split('.').collect()
}

/// Every value at `path` in `v` with its segments (arrays walked at `[]`).
fn values_at<'a>(v: &'a Value, path: &[&str], prefix: Vec<Seg>, out: &mut Vec<(Vec<Seg>, &'a Value)>) {
    let Some((head, rest)) = path.split_first() else {
        out.push((prefix, v));
        return;
    };
    let (name, each) = match head.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (*head, false),
    };
    let Some(next) = v.get(name) else {
        return;
    };
    let mut p = prefix;
    p.push(Seg::Key(name.to_string()));
    if each {
        for (i, item) in next.as_array().into_iter().flatten().enumerate() {
            let mut q = p.clone();
            q.push(Seg::Index(i));
            values_at(item, rest, q, out);
        }
    } else {
        values_at(next, rest, p, out);
    }
}

fn seg_path(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// The documents that describe `vendor`'s product or service: its Organization, the
/// contracts it is the vendor of, and the systems those contracts cover or that name it as
/// `vendor` or `operator`.
fn vendor_documents<'a>(inv: &'a Inventory, vendor: &str) -> Vec<&'a Document> {
    let is_vendor_of = |d: &Document| {
        d.value
            .pointer("/spec/parties")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|p| {
                p.get("role").and_then(Value::as_str) == Some("vendor")
                    && p.get("organization").and_then(Value::as_str) == Some(vendor)
            })
    };
    let contracts: Vec<&Document> = inv
        .documents
        .iter()
        .filter(|d| d.kind == Kind::Contract && is_vendor_of(d))
        .collect();
    let covered: Vec<&str> = contracts
        .iter()
        .flat_map(|c| {
            c.value
                .pointer("/spec/systems")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter_map(Value::as_str)
        .collect();
    inv.documents
        .iter()
        .filter(|d| match d.kind {
            Kind::Organization => d.name == vendor,
            Kind::Contract => is_vendor_of(d),
            Kind::System => {
                covered.contains(&d.name.as_str())
                    || ["vendor", "operator"]
                        .iter()
                        .any(|k| d.value.pointer(&format!("/spec/{k}")).and_then(Value::as_str) == Some(vendor))
            }
            _ => false,
        })
        .collect()
}

/// Drafts `vendor`'s answers (`mds` or `sds`) from the inventory.
pub fn draft(inv: &Inventory, vendor: &str, kind: &str) -> Result<Draft, Problem> {
    let known = inv
        .get(Kind::Organization, vendor)
        .is_some_and(|o| o.value.pointer("/spec/type").and_then(Value::as_str) == Some("vendor"));
    if !known {
        let mut vendors: Vec<&str> = inv
            .documents
            .iter()
            .filter(|d| d.kind == Kind::Organization)
            .filter(|d| d.value.pointer("/spec/type").and_then(Value::as_str) == Some("vendor"))
            .map(|d| d.name.as_str())
            .collect();
        vendors.sort_unstable();
        return Err(Problem::new(
            ProblemCode::Config,
            format!("no Organization of type vendor named `{vendor}` in the inventory"),
        )
        .help(if vendors.is_empty() {
            "add the vendor's Organization document (spec.type: vendor)".to_string()
        } else {
            format!("the vendors are: {}", vendors.join(", "))
        }));
    }
    let qs = questions()?;
    let docs = vendor_documents(inv, vendor);
    let mut answers = Vec::new();
    for q in qs.questions.iter().filter(|q| q.applies_to.iter().any(|a| a == kind)) {
        let mut yes = Vec::new();
        let mut seen = Vec::new();
        for probe in &q.draft {
            for d in docs.iter().filter(|d| d.kind.as_str() == probe.kind) {
                let mut found = Vec::new();
                values_at(&d.value, &parts(&probe.path), Vec::new(), &mut found);
                for (segs, v) in found {
                    let loc = inv.locate(d, &segs);
                    let line = format!(
                        "{}:{}: {} {} {} = {}",
                        loc.file,
                        loc.line,
                        d.kind.as_str(),
                        d.name,
                        seg_path(&segs),
                        v
                    );
                    if probe.matches(v) {
                        yes.push(line);
                    } else {
                        seen.push(line);
                    }
                }
            }
        }
        let (answer, evidence) = if !yes.is_empty() {
            ("yes", yes)
        } else if !seen.is_empty() {
            ("no", seen)
        } else {
            ("unknown", Vec::new())
        };
        answers.push(DraftAnswer {
            question: q.id.clone(),
            category: q.category.clone(),
            text: q.text.clone(),
            answer,
            evidence,
            requirements: q.requirements.clone(),
        });
    }
    Ok(Draft {
        vendor: vendor.to_string(),
        r#type: kind.to_string(),
        edition: qs.edition,
        format_version: qs.format_version,
        answers,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_question_list_parses_and_maps_only_catalog_ids() {
        let qs = questions().unwrap();
        let catalog = crate::Catalog::builtin().unwrap();
        assert!(qs.questions.len() >= 10);
        let mut ids = std::collections::BTreeSet::new();
        for q in &qs.questions {
            assert!(ids.insert(q.id.clone()), "{} twice", q.id);
            assert!(!q.requirements.is_empty(), "{} maps no requirement", q.id);
            for r in &q.requirements {
                assert!(catalog.get(r).is_some(), "{}: {r} is not in the catalog", q.id);
            }
            assert!(!q.draft.is_empty(), "{} has no draft probe", q.id);
        }
    }

    #[test]
    fn probes_match_true_lists_presence_and_minimums() {
        let p: Probe = yaml_serde::from_str("{kind: System, path: a}").unwrap();
        assert!(p.matches(&Value::Bool(true)) && !p.matches(&Value::Bool(false)));
        let p: Probe = yaml_serde::from_str("{kind: System, path: a, equals: [JP]}").unwrap();
        assert!(p.matches(&Value::from("JP")) && !p.matches(&Value::from("US")));
        let p: Probe = yaml_serde::from_str("{kind: System, path: a, at_least: 8}").unwrap();
        assert!(p.matches(&Value::from(12)) && !p.matches(&Value::from(6)));
        let p: Probe = yaml_serde::from_str("{kind: System, path: a, present: true}").unwrap();
        assert!(p.matches(&Value::from("x")));
    }

    #[test]
    fn values_at_walks_arrays() {
        let v: Value = serde_json::json!({"spec": {"backups": [{"offline": false}, {"offline": true}]}});
        let mut out = Vec::new();
        values_at(&v, &parts("spec.backups[].offline"), Vec::new(), &mut out);
        let got: Vec<(String, Value)> = out.into_iter().map(|(s, v)| (seg_path(&s), v.clone())).collect();
        assert_eq!(
            got,
            [
                ("spec.backups[0].offline".to_string(), Value::Bool(false)),
                ("spec.backups[1].offline".to_string(), Value::Bool(true))
            ]
        );
    }
}
