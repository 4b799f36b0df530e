//! The requirement catalog: every requirement id sansho knows (MHLW checklist R7, Guideline
//! 6.0, vendor guideline 2.0, JAHIS MDS/SDS), with its source, section, titles, deadline and
//! how well it was verified. The built-in catalog is embedded from
//! `policies/catalog/requirements.yaml`; custom catalogs can be added beside custom policies.

use crate::problem::{Problem, ProblemCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How an entry was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Verified,
    VerifiedDraft,
    Secondary,
    Memory,
    Unknown,
}

impl Basis {
    /// Memory and unknown entries are unverified: they may not drive an error.
    pub fn is_unverified(self) -> bool {
        matches!(self, Basis::Memory | Basis::Unknown)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Verified => "verified",
            Basis::VerifiedDraft => "verified_draft",
            Basis::Secondary => "secondary",
            Basis::Memory => "memory",
            Basis::Unknown => "unknown",
        }
    }
}

/// Japanese and English text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Text {
    pub ja: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Ja => &self.ja,
            crate::Lang::En => &self.en,
        }
    }
}

/// One requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub source: String,
    pub section: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub title: Text,
    /// `None` when it is not known whether the item is mandatory.
    pub mandatory: Option<bool>,
    pub applies_to: String,
    /// The calendar date a deadline falls on, when the source sets one.
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_note: Option<String>,
    pub basis: Basis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_basis: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_hints: Vec<String>,
    /// Why no policy can decide this requirement (its treatment is then `manual`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<Text>,
    /// Where an inventory records what the requirement asks for: `Kind` or `Kind.spec.path`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inventory: Vec<String>,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where the entry comes from: `built-in` or the path of a custom catalog.
    #[serde(default = "builtin_origin", skip_deserializing)]
    pub origin: String,
}

fn builtin_origin() -> String {
    "built-in".to_string()
}

#[derive(Debug, Deserialize)]
struct CatalogFile {
    #[serde(default)]
    catalog: Option<serde_json::Value>,
    requirements: Vec<Requirement>,
}

/// All requirements known to a run, ordered by id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// In file order (the catalog's own logical order), built-in first.
    reqs: Vec<Requirement>,
    index: std::collections::HashMap<String, usize>,
    /// Human names of the sources (`guideline6` → the document's title).
    pub source_names: BTreeMap<String, String>,
}

/// The built-in catalog file.
pub const BUILTIN_CATALOG_PATH: &str = "catalog/requirements.yaml";

/// The built-in catalog file as JSON (written by build.rs).
const BUILTIN_CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/requirements.json"));

impl Catalog {
    /// The built-in catalog.
    pub fn builtin() -> Result<Catalog, Problem> {
        // policies/catalog/requirements.yaml, turned into JSON by build.rs (5 ms less per run).
        let file: CatalogFile = serde_json::from_str(BUILTIN_CATALOG_JSON).map_err(|e| {
            Problem::new(
                ProblemCode::Config,
                format!("the built-in catalog of this build is broken: {e}"),
            )
        })?;
        let mut c = Catalog::default();
        c.add_file(file, "built-in", BUILTIN_CATALOG_PATH)?;
        Ok(c)
    }

    /// The short title of a requirement source: the built-in ones' own, a custom catalog's
    /// `catalog.sources` name (`日本語 / English` split into both languages), else the id.
    pub fn source_title(&self, source: &str) -> crate::Text {
        let builtin = crate::coverage::source_title(source);
        if builtin.en != source {
            return builtin;
        }
        match self.source_names.get(source) {
            Some(name) => match name.split_once(" / ") {
                Some((ja, en)) => crate::Text {
                    ja: ja.trim().to_string(),
                    en: en.trim().to_string(),
                },
                None => crate::Text {
                    ja: name.clone(),
                    en: name.clone(),
                },
            },
            None => builtin,
        }
    }

    /// Adds the entries of a catalog file. Ids must be new.
    pub fn add_yaml(&mut self, text: &str, origin: &str, shown: &str) -> Result<(), Problem> {
        let file: CatalogFile = yaml_serde::from_str(text).map_err(|e| {
            Problem::new(ProblemCode::Config, format!("invalid requirement catalog: {e}"))
                .in_file(shown)
                .help("each entry needs id, source, section, title {ja, en}, mandatory, applies_to, due, basis")
        })?;
        self.add_file(file, origin, shown)
    }

    fn add_file(&mut self, file: CatalogFile, origin: &str, shown: &str) -> Result<(), Problem> {
        if let Some(serde_json::Value::Object(meta)) = &file.catalog {
            if let Some(serde_json::Value::Object(srcs)) = meta.get("sources") {
                for (k, v) in srcs {
                    if let Some(s) = v.as_str() {
                        self.source_names.insert(k.clone(), s.to_string());
                    }
                }
            }
        }
        for mut r in file.requirements {
            if self.index.contains_key(&r.id) {
                return Err(Problem::new(
                    ProblemCode::Config,
                    format!("requirement id `{}` is defined twice", r.id),
                )
                .in_file(shown)
                .help("requirement ids are unique across the built-in and custom catalogs"));
            }
            if let Some(due) = &r.due {
                if crate::Date::parse(due).is_none() {
                    return Err(Problem::new(
                        ProblemCode::InvalidDate,
                        format!("requirement `{}` has an invalid due date `{due}`", r.id),
                    )
                    .in_file(shown));
                }
            }
            r.origin = origin.to_string();
            self.index.insert(r.id.clone(), self.reqs.len());
            self.reqs.push(r);
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Requirement> {
        self.index.get(id).and_then(|&i| self.reqs.get(i))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Requirement> {
        self.reqs.iter()
    }

    pub fn len(&self) -> usize {
        self.reqs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reqs.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads_with_stable_ids() {
        let c = Catalog::builtin().unwrap();
        assert!(c.len() >= 200, "{}", c.len());
        let r = c.get("chk.r7.inst.2.10").unwrap();
        assert_eq!(r.due.as_deref(), Some("2028-03-31"));
        assert_eq!(r.source, "checklist_r7_institution");
        assert!(c.get("g6.sys.14.1").is_some());
        assert!(c.get("no.such.id").is_none());
    }

    /// The JSON build.rs made holds the same catalog as the YAML it was made from.
    #[test]
    fn builtin_json_matches_the_yaml() {
        let from_json = Catalog::builtin().unwrap();
        let mut from_yaml = Catalog::default();
        let text = crate::policy::embedded_file(BUILTIN_CATALOG_PATH).unwrap();
        from_yaml.add_yaml(text, "built-in", BUILTIN_CATALOG_PATH).unwrap();
        assert_eq!(
            from_json.iter().collect::<Vec<_>>(),
            from_yaml.iter().collect::<Vec<_>>()
        );
        assert_eq!(from_json.source_names, from_yaml.source_names);
        assert!(from_json.len() >= 200);
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let mut c = Catalog::builtin().unwrap();
        let again = crate::policy::embedded_file(BUILTIN_CATALOG_PATH).unwrap();
        let err = c.add_yaml(again, "x", "x.yaml").unwrap_err();
        assert!(err.message.contains("defined twice"));
    }
}
