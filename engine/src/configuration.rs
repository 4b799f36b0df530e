//! Real configurations beside the declared inventory: Terraform plans and states, Kubernetes
//! manifests (Helm-rendered output included) and generic YAML/JSON wrapped by a `Configuration`
//! document. Files are recognised by their content, never by their name, and each resource
//! becomes one normalised *item* that policies see under `input.configurations.<format>`.
//!
//! An item is an ordinary [`crate::inventory::Document`] of kind `Configuration` whose name is
//! the resource address (`aws_s3_bucket.records`, `Deployment/medical/karte-api`). Its value is
//! the normalised shape documented in `docs/inventory.md`; its position tree is built from the
//! positions of the original file, so that a finding about `values.versioning[0].enabled` or
//! `pod.containers[0].securityContext` points at that line of the plan or the manifest.

use crate::yaml::{Children, Document as YamlDoc, Pos, PosNode};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The groups of `input.configurations`, in this order.
pub const FORMATS: [&str; 3] = ["terraform", "kubernetes", "generic"];

/// The normalised shape of an item, field by field: (formats it appears in, field, description).
/// `docs/inventory.md` is generated from this table, and a test keeps it equal to what the
/// loader produces.
pub const ITEM_FIELDS: &[(&str, &str, &str)] = &[
    ("all", "format", "`terraform`, `kubernetes` or `generic`: the group the item is in."),
    ("all", "address", "The item's address and the finding's resource name: `aws_s3_bucket.records`, `module.db.aws_db_instance.main[0]`, `Deployment/medical/karte-api` (`Kind/name` without a namespace), or the Configuration document's name."),
    ("all", "labels", "String labels: Kubernetes `metadata.labels`, Terraform `tags` (AWS, Azure) and `labels` (Google Cloud), or the Configuration document's `metadata.labels`."),
    ("all", "file", "The file the item was read from, as shown in findings."),
    ("all", "line", "The line the item starts on."),
    ("all", "systems", "Names of the Systems whose `spec.configurations` select the item (sorted; empty when none)."),
    ("terraform", "source", "`plan` (`terraform show -json plan.out`) or `state` (a state file, or `terraform show -json` of one)."),
    ("terraform", "mode", "`managed` or `data`."),
    ("terraform", "type", "Resource type (`aws_s3_bucket`)."),
    ("terraform", "name", "Resource name in its module."),
    ("terraform", "index", "`count` / `for_each` key, when the resource has one."),
    ("terraform", "module", "Module address (`module.db`), empty for the root module."),
    ("terraform", "provider", "Provider address (`registry.terraform.io/hashicorp/aws`)."),
    ("terraform", "cloud", "`aws`, `azure`, `google`, `kubernetes` or `other`, from the provider."),
    ("terraform", "region", "The resource's `region`, `location` or (Google Cloud) `zone`, else the `region` of the provider configuration it uses (plans only), else the region of its `arn` (states); absent when unknown."),
    ("terraform", "references", "Plans only (else empty): for each top-level attribute set by an expression in the configuration, the addresses it refers to, module prefix included (`{\"bucket\": [\"aws_s3_bucket.records.id\", \"aws_s3_bucket.records\"]}`). It joins resources whose ids stay unknown until apply."),
    ("terraform", "values", "The attribute values as planned (unknown-after-apply values are absent) or as stored in the state."),
    ("kubernetes", "apiVersion, kind, metadata, spec, data, …", "Every top-level field of the manifest, unchanged."),
    ("kubernetes", "name", "`metadata.name`."),
    ("kubernetes", "namespace", "`metadata.namespace`, when given."),
    ("kubernetes", "pod", "The pod spec of a workload: `spec` of a Pod, `spec.template.spec` of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or ReplicationController, `spec.jobTemplate.spec.template.spec` of a CronJob."),
    ("kubernetes", "helm_source", "The template named by the `# Source:` comment Helm writes before the document."),
    ("generic", "declared_format", "The Configuration document's `spec.format`."),
    ("generic", "name", "The Configuration document's `metadata.name` (also the address)."),
    ("generic", "description", "The Configuration document's `metadata.description`, when given."),
    ("generic", "data", "The data: `spec.data`, or the file named by `spec.path` (one document, or a list of the documents of a multi-document YAML file)."),
];

/// What a parsed file holds, judged by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognised {
    /// `terraform show -json plan.out`: `format_version` and `planned_values` / `resource_changes`.
    TerraformPlan,
    /// `terraform show -json` of a state: `format_version` and `values`.
    TerraformShowState,
    /// A raw state file (`terraform.tfstate`): `version`, `terraform_version`, `resources`.
    TerraformState,
    /// One or more Kubernetes manifests: every document has a string `apiVersion` (not sansho's)
    /// and a string `kind` (not one of sansho's kinds).
    Kubernetes,
    /// sansho inventory documents (or something else: the inventory loader decides).
    Other,
}

fn is_sansho_api(v: &Value) -> bool {
    v.get("apiVersion")
        .and_then(Value::as_str)
        .is_some_and(|a| a.starts_with("sansho/"))
}

fn is_manifest(v: &Value) -> bool {
    let api = v.get("apiVersion").and_then(Value::as_str);
    let kind = v.get("kind").and_then(Value::as_str);
    match (api, kind) {
        (Some(a), Some(k)) => {
            !a.starts_with("sansho") && !a.is_empty() && !k.is_empty() && crate::inventory::Kind::parse(k).is_none()
        }
        _ => false,
    }
}

/// Recognises the format of a parsed file from its documents.
pub fn recognise(docs: &[YamlDoc]) -> Recognised {
    let non_null: Vec<&YamlDoc> = docs.iter().filter(|d| !d.value.is_null()).collect();
    if let [one] = non_null.as_slice() {
        let v = &one.value;
        if v.is_object() && !is_sansho_api(v) {
            let has = |k: &str| v.get(k).is_some();
            if v.get("format_version").is_some_and(Value::is_string) {
                if has("planned_values") || has("resource_changes") {
                    return Recognised::TerraformPlan;
                }
                if v.get("values").is_some_and(Value::is_object) && has("terraform_version") {
                    return Recognised::TerraformShowState;
                }
            }
            if v.get("version").is_some_and(Value::is_number)
                && v.get("terraform_version").is_some_and(Value::is_string)
                && v.get("resources").is_some_and(Value::is_array)
            {
                return Recognised::TerraformState;
            }
        }
    }
    if !non_null.is_empty() && non_null.iter().all(|d| is_manifest(&d.value)) {
        return Recognised::Kubernetes;
    }
    Recognised::Other
}

/// One normalised resource: its address, value and positions.
#[derive(Debug, Clone)]
pub struct Item {
    pub address: String,
    pub value: Value,
    pub pos: PosNode,
}

fn leaf(pos: Pos) -> PosNode {
    PosNode {
        pos,
        children: Children::None,
    }
}

/// Builds an item's value and position tree together: each field either copies a node of the
/// original file (value and positions) or is derived (positioned at `at`).
struct Builder {
    at: Pos,
    value: Map<String, Value>,
    pos: Vec<(crate::yaml::Key, PosNode)>,
}

impl Builder {
    fn new(at: Pos) -> Builder {
        Builder {
            at,
            value: Map::new(),
            pos: Vec::new(),
        }
    }

    fn derived(&mut self, key: &str, v: Value) {
        self.put(key, v, leaf(self.at));
    }

    fn copied(&mut self, key: &str, v: &Value, p: Option<&PosNode>) {
        let p = p.cloned().unwrap_or_else(|| leaf(self.at));
        self.put(key, v.clone(), p);
    }

    fn put(&mut self, key: &str, v: Value, p: PosNode) {
        self.pos.retain(|(k, _)| **k != *key);
        self.value.insert(key.to_string(), v);
        self.pos.push((key.into(), p));
    }

    fn finish(self, address: String) -> Item {
        Item {
            address,
            value: Value::Object(self.value),
            pos: PosNode {
                pos: self.at,
                children: Children::Map(self.pos),
            },
        }
    }
}

/// `aws`, `azure`, `google` or `other`, from a provider address
/// (`registry.terraform.io/hashicorp/aws`).
pub fn cloud_of(provider: &str) -> &'static str {
    match provider.rsplit('/').next().unwrap_or(provider) {
        "aws" => "aws",
        "azurerm" | "azapi" | "azuread" => "azure",
        "google" | "google-beta" => "google",
        "kubernetes" | "helm" => "kubernetes",
        _ => "other",
    }
}

/// The labels of a Terraform resource: AWS and Azure `tags`, Google `labels`.
fn tf_labels(values: &Value) -> Value {
    let mut out = Map::new();
    for key in ["labels", "tags"] {
        if let Some(m) = values.get(key).and_then(Value::as_object) {
            for (k, v) in m {
                if let Some(s) = v.as_str() {
                    out.insert(k.clone(), Value::String(s.to_string()));
                }
            }
        }
    }
    Value::Object(out)
}

/// Region of each provider configuration key (`aws`, `aws.osaka`, `module.x:aws`) in a plan's
/// `configuration`, and the configuration key of each resource address.
struct ProviderRegions {
    regions: HashMap<String, (String, PosNode)>,
    resource_keys: HashMap<String, String>,
    /// Per configuration address: attribute → the addresses its expression refers to.
    references: HashMap<String, Map<String, Value>>,
}

impl ProviderRegions {
    fn of_plan(doc: &Value, pos: &PosNode) -> ProviderRegions {
        let mut regions = HashMap::new();
        let (Some(cfg), Some(cfg_pos)) = (doc.get("configuration"), pos.key("configuration")) else {
            return ProviderRegions {
                regions,
                resource_keys: HashMap::new(),
                references: HashMap::new(),
            };
        };
        if let (Some(pc), Some(pc_pos)) = (
            cfg.get("provider_config").and_then(Value::as_object),
            cfg_pos.key("provider_config"),
        ) {
            for (key, p) in pc {
                for attr in ["region", "location"] {
                    let path = ["expressions", attr, "constant_value"];
                    let mut v = p;
                    let mut node = pc_pos.key(key);
                    for k in path {
                        v = v.get(k).unwrap_or(&Value::Null);
                        node = node.and_then(|n| n.key(k));
                    }
                    if let (Some(r), Some(n)) = (v.as_str(), node) {
                        regions.entry(key.clone()).or_insert((r.to_string(), n.clone()));
                    }
                }
            }
        }
        let mut resource_keys = HashMap::new();
        let mut references = HashMap::new();
        // Walk the module tree of the configuration (iteratively; depth bounded by the parser).
        let mut stack: Vec<(String, &Value)> = Vec::new();
        if let Some(root) = cfg.get("root_module") {
            stack.push((String::new(), root));
        }
        while let Some((prefix, module)) = stack.pop() {
            for r in module.get("resources").and_then(Value::as_array).into_iter().flatten() {
                if let (Some(a), Some(k)) = (
                    r.get("address").and_then(Value::as_str),
                    r.get("provider_config_key").and_then(Value::as_str),
                ) {
                    resource_keys.insert(format!("{prefix}{a}"), k.to_string());
                }
                if let (Some(a), Some(exprs)) = (
                    r.get("address").and_then(Value::as_str),
                    r.get("expressions").and_then(Value::as_object),
                ) {
                    let mut refs = Map::new();
                    for (attr, e) in exprs {
                        if let Some(list) = e.get("references").and_then(Value::as_array) {
                            let list: Vec<Value> = list
                                .iter()
                                .filter_map(Value::as_str)
                                .map(|x| Value::String(format!("{prefix}{x}")))
                                .collect();
                            refs.insert(attr.clone(), Value::Array(list));
                        }
                    }
                    references.insert(format!("{prefix}{a}"), refs);
                }
            }
            if let Some(calls) = module.get("module_calls").and_then(Value::as_object) {
                for (name, call) in calls {
                    if let Some(m) = call.get("module") {
                        stack.push((format!("{prefix}module.{name}."), m));
                    }
                }
            }
        }
        ProviderRegions {
            regions,
            resource_keys,
            references,
        }
    }

    fn references_of(&self, address: &str) -> Value {
        Value::Object(
            self.references
                .get(&plain_address(address))
                .cloned()
                .unwrap_or_default(),
        )
    }

    /// The provider region of a resource: by its configuration key, else the one provider
    /// configuration of its provider without an alias.
    fn region_for(&self, address: &str, provider_short: &str) -> Option<&(String, PosNode)> {
        let plain = plain_address(address);
        if let Some(key) = self.resource_keys.get(&plain) {
            if let Some(r) = self.regions.get(key) {
                return Some(r);
            }
            // `module.x:aws` for a provider passed down from the root: fall back to `aws`.
            if let Some(r) = key.rsplit(':').next().and_then(|k| self.regions.get(k)) {
                return Some(r);
            }
        }
        self.regions.get(provider_short)
    }
}

/// Strips every instance index (`module.a[0].x.y["k"]` → `module.a.x.y`).
fn plain_address(address: &str) -> String {
    let mut plain = String::new();
    let mut depth = 0u32;
    for c in address.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
}

/// Normalises one Terraform resource (`planned_values` / `values` shape).
fn tf_item(r: &Value, rp: &PosNode, source: &str, module: &str, regions: &ProviderRegions, file: &str) -> Option<Item> {
    let address = r.get("address").and_then(Value::as_str)?.to_string();
    let provider = r.get("provider_name").and_then(Value::as_str).unwrap_or_default();
    let empty = Value::Object(Map::new());
    let values = r.get("values").unwrap_or(&empty);
    let mut b = Builder::new(rp.pos);
    b.derived("format", json!("terraform"));
    b.derived("source", json!(source));
    b.copied("address", &json!(address), rp.key("address"));
    for key in ["mode", "type", "name", "index"] {
        if let Some(v) = r.get(key) {
            b.copied(key, v, rp.key(key));
        }
    }
    b.derived("module", json!(module));
    b.copied("provider", &json!(provider), rp.key("provider_name"));
    let short = provider.rsplit('/').next().unwrap_or(provider);
    b.derived("cloud", json!(cloud_of(provider)));
    let vp = rp.key("values");
    let own_region = ["region", "location", "zone"].into_iter().find_map(|k| {
        values
            .get(k)
            .and_then(Value::as_str)
            .map(|s| (s, vp.and_then(|p| p.key(k))))
    });
    // The region of an ARN (`arn:aws:rds:us-east-1:123456789012:db:x`): states know it when
    // the resource has no region attribute and no provider configuration is at hand.
    let arn_region = values
        .get("arn")
        .and_then(Value::as_str)
        .and_then(|a| a.split(':').nth(3))
        .filter(|r| !r.is_empty());
    match own_region {
        Some((r, p)) => b.copied("region", &json!(r), p),
        None => {
            if let Some((r, p)) = regions.region_for(&address, short) {
                b.copied("region", &json!(r), Some(p));
            } else if let Some(r) = arn_region {
                b.copied("region", &json!(r), vp.and_then(|p| p.key("arn")));
            }
        }
    }
    b.copied(
        "labels",
        &tf_labels(values),
        vp.and_then(|p| p.key("tags").or_else(|| p.key("labels"))),
    );
    b.copied("values", values, vp);
    b.derived("references", regions.references_of(&address));
    b.derived("file", json!(file));
    b.derived("line", json!(rp.pos.line));
    Some(b.finish(address))
}

/// Items of a plan (`planned_values`) or a `terraform show -json` state (`values`).
fn tf_modules(doc: &YamlDoc, top: &str, source: &str, file: &str) -> Vec<Item> {
    let regions = ProviderRegions::of_plan(&doc.value, &doc.pos);
    let mut out = Vec::new();
    let (Some(root), Some(root_pos)) = (
        doc.value.get(top).and_then(|t| t.get("root_module")),
        doc.pos.key(top).and_then(|t| t.key("root_module")),
    ) else {
        return out;
    };
    let mut stack = vec![(root, root_pos)];
    while let Some((m, mp)) = stack.pop() {
        let module = m.get("address").and_then(Value::as_str).unwrap_or_default();
        if let (Some(rs), Some(rsp)) = (m.get("resources").and_then(Value::as_array), mp.key("resources")) {
            for (i, r) in rs.iter().enumerate() {
                if let Some(item) = rsp
                    .item(i)
                    .and_then(|rp| tf_item(r, rp, source, module, &regions, file))
                {
                    out.push(item);
                }
            }
        }
        if let (Some(cs), Some(csp)) = (
            m.get("child_modules").and_then(Value::as_array),
            mp.key("child_modules"),
        ) {
            for (i, c) in cs.iter().enumerate().rev() {
                if let Some(cp) = csp.item(i) {
                    stack.push((c, cp));
                }
            }
        }
    }
    out
}

/// Items of a raw state file: one per instance of each resource.
fn tf_raw_state(doc: &YamlDoc, file: &str) -> Vec<Item> {
    let regions = ProviderRegions {
        regions: HashMap::new(),
        resource_keys: HashMap::new(),
        references: HashMap::new(),
    };
    let mut out = Vec::new();
    let (Some(rs), Some(rsp)) = (
        doc.value.get("resources").and_then(Value::as_array),
        doc.pos.key("resources"),
    ) else {
        return out;
    };
    for (i, r) in rs.iter().enumerate() {
        let Some(rp) = rsp.item(i) else { continue };
        let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        let (mode, ty, name, module) = (s("mode"), s("type"), s("name"), s("module"));
        // `provider["registry.terraform.io/hashicorp/aws"].alias` → the registry address.
        let provider = s("provider");
        let provider = provider.split('"').nth(1).map(str::to_string).unwrap_or(provider);
        let Some(instances) = r.get("instances").and_then(Value::as_array) else {
            continue;
        };
        for (j, inst) in instances.iter().enumerate() {
            let Some(ip) = rp.key("instances").and_then(|p| p.item(j)) else {
                continue;
            };
            let base = if mode == "data" {
                format!("data.{ty}.{name}")
            } else {
                format!("{ty}.{name}")
            };
            let mut address = if module.is_empty() {
                base
            } else {
                format!("{module}.{base}")
            };
            let key = inst.get("index_key");
            match key {
                Some(Value::String(k)) => address.push_str(&format!("[{}]", json!(k))),
                Some(Value::Number(n)) => address.push_str(&format!("[{n}]")),
                _ => {}
            }
            let mut synthetic = Map::new();
            synthetic.insert("address".into(), json!(address));
            synthetic.insert("mode".into(), json!(mode));
            synthetic.insert("type".into(), json!(ty));
            synthetic.insert("name".into(), json!(name));
            if let Some(k) = key {
                synthetic.insert("index".into(), k.clone());
            }
            synthetic.insert("provider_name".into(), json!(provider));
            synthetic.insert(
                "values".into(),
                inst.get("attributes").cloned().unwrap_or_else(|| json!({})),
            );
            // Positions: the instance for the envelope, its attributes for the values.
            let mut entries = vec![(crate::yaml::Key::from("address"), leaf(rp.pos))];
            for k in ["mode", "type", "name"] {
                if let Some(p) = rp.key(k) {
                    entries.push((k.into(), p.clone()));
                }
            }
            if let Some(p) = ip.key("index_key") {
                entries.push(("index".into(), p.clone()));
            }
            if let Some(p) = rp.key("provider") {
                entries.push(("provider_name".into(), p.clone()));
            }
            if let Some(p) = ip.key("attributes") {
                entries.push(("values".into(), p.clone()));
            }
            let pos = PosNode {
                pos: ip.pos,
                children: Children::Map(entries),
            };
            if let Some(item) = tf_item(&Value::Object(synthetic), &pos, "state", &module, &regions, file) {
                out.push(item);
            }
        }
    }
    out
}

/// The line of each `# Source: chart/templates/x.yaml` comment Helm writes before a document,
/// reset at each `---`: (line, source or None after a separator).
fn helm_sources(text: &str) -> Vec<(u32, Option<String>)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(src) = line.strip_prefix("# Source:") {
            out.push((n, Some(src.trim().to_string())));
        } else if line.starts_with("---") {
            out.push((n, None));
        }
    }
    out
}

/// The workload's pod spec path: `spec.template.spec`, `spec.jobTemplate.spec.template.spec`
/// for a CronJob, `spec` for a Pod.
fn pod_path(kind: &str) -> Option<&'static [&'static str]> {
    match kind {
        "Pod" => Some(&["spec"]),
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "ReplicationController" => {
            Some(&["spec", "template", "spec"])
        }
        "CronJob" => Some(&["spec", "jobTemplate", "spec", "template", "spec"]),
        _ => None,
    }
}

/// Kubernetes address: `Kind/namespace/name`, or `Kind/name` without a namespace.
pub fn k8s_address(v: &Value) -> String {
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or_default();
    let name = v
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("<unnamed>");
    match v.pointer("/metadata/namespace").and_then(Value::as_str) {
        Some(ns) => format!("{kind}/{ns}/{name}"),
        None => format!("{kind}/{name}"),
    }
}

fn k8s_item(v: &Value, p: &PosNode, helm: Option<&str>, file: &str) -> Item {
    let mut b = Builder::new(p.pos);
    b.derived("format", json!("kubernetes"));
    let address = k8s_address(v);
    b.derived("address", json!(address));
    if let Some(obj) = v.as_object() {
        for (k, x) in obj {
            b.copied(k, x, p.key(k));
        }
    }
    let meta_pos = p.key("metadata");
    if let Some(n) = v.pointer("/metadata/name") {
        b.copied("name", n, meta_pos.and_then(|m| m.key("name")));
    }
    if let Some(n) = v.pointer("/metadata/namespace") {
        b.copied("namespace", n, meta_pos.and_then(|m| m.key("namespace")));
    }
    let labels = v.pointer("/metadata/labels").cloned().unwrap_or_else(|| json!({}));
    b.copied("labels", &labels, meta_pos.and_then(|m| m.key("labels")));
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or_default();
    if let Some(path) = pod_path(kind) {
        let mut pv = v;
        let mut pp = Some(p);
        for k in path {
            pv = pv.get(k).unwrap_or(&Value::Null);
            pp = pp.and_then(|n| n.key(k));
        }
        if pv.is_object() {
            b.copied("pod", pv, pp);
        }
    }
    if let Some(h) = helm {
        b.derived("helm_source", json!(h));
    }
    b.derived("file", json!(file));
    b.derived("line", json!(p.pos.line));
    b.finish(address)
}

/// Items of a file of Kubernetes manifests (a `List` is flattened into its items).
fn k8s_items(docs: &[YamlDoc], text: &str, file: &str) -> Vec<Item> {
    let sources = helm_sources(text);
    let helm_for = |line: u32| -> Option<String> {
        sources
            .iter()
            .rev()
            .find(|(l, _)| *l <= line)
            .and_then(|(_, s)| s.clone())
    };
    let mut out = Vec::new();
    for d in docs.iter().filter(|d| !d.value.is_null()) {
        let helm = helm_for(d.pos.pos.line);
        let is_list = d.value.get("kind").and_then(Value::as_str) == Some("List");
        match (
            is_list,
            d.value.get("items").and_then(Value::as_array),
            d.pos.key("items"),
        ) {
            (true, Some(items), Some(ip)) => {
                for (i, it) in items.iter().enumerate() {
                    if let Some(p) = ip.item(i) {
                        if it.is_object() {
                            out.push(k8s_item(it, p, helm.as_deref(), file));
                        }
                    }
                }
            }
            _ => out.push(k8s_item(&d.value, &d.pos, helm.as_deref(), file)),
        }
    }
    out
}

/// The items of a recognised file.
pub fn items(kind: Recognised, docs: &[YamlDoc], text: &str, file: &str) -> Vec<Item> {
    match kind {
        Recognised::TerraformPlan => docs
            .iter()
            .find(|d| !d.value.is_null())
            .map(|d| tf_modules(d, "planned_values", "plan", file))
            .unwrap_or_default(),
        Recognised::TerraformShowState => docs
            .iter()
            .find(|d| !d.value.is_null())
            .map(|d| tf_modules(d, "values", "state", file))
            .unwrap_or_default(),
        Recognised::TerraformState => docs
            .iter()
            .find(|d| !d.value.is_null())
            .map(|d| tf_raw_state(d, file))
            .unwrap_or_default(),
        Recognised::Kubernetes => k8s_items(docs, text, file),
        Recognised::Other => Vec::new(),
    }
}

/// The generic item of a `Configuration` document: its declared format, and its data (inline
/// `spec.data`, or the documents of the file named by `spec.path`).
pub fn generic_item(wrapper: &Value, data: &Value, data_pos: &PosNode, file: &str) -> Item {
    let name = wrapper
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let mut b = Builder::new(data_pos.pos);
    b.derived("format", json!("generic"));
    let declared = wrapper.pointer("/spec/format").cloned().unwrap_or(Value::Null);
    b.derived("declared_format", declared);
    b.derived("address", json!(name));
    b.derived("name", json!(name));
    let labels = wrapper
        .pointer("/metadata/labels")
        .cloned()
        .unwrap_or_else(|| json!({}));
    b.derived("labels", labels);
    if let Some(d) = wrapper.pointer("/metadata/description") {
        b.derived("description", d.clone());
    }
    b.copied("data", data, Some(data_pos));
    b.derived("file", json!(file));
    b.derived("line", json!(data_pos.pos.line));
    b.finish(name)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::yaml::{parse_json, parse_yaml, Limits, Seg};

    const PLAN: &str = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.0",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_s3_bucket.records",
          "mode": "managed",
          "type": "aws_s3_bucket",
          "name": "records",
          "provider_name": "registry.terraform.io/hashicorp/aws",
          "values": {
            "bucket": "records",
            "object_lock_enabled": false,
            "tags": {"system": "karte"}
          }
        }
      ],
      "child_modules": [
        {
          "address": "module.dr",
          "resources": [
            {
              "address": "module.dr.aws_s3_bucket.copy",
              "mode": "managed",
              "type": "aws_s3_bucket",
              "name": "copy",
              "provider_name": "registry.terraform.io/hashicorp/aws",
              "values": {"bucket": "copy"}
            }
          ]
        }
      ]
    }
  },
  "configuration": {
    "provider_config": {
      "aws": {"name": "aws", "expressions": {"region": {"constant_value": "ap-northeast-1"}}},
      "aws.us": {"name": "aws", "alias": "us", "expressions": {"region": {"constant_value": "us-east-1"}}}
    },
    "root_module": {
      "resources": [{"address": "aws_s3_bucket.records", "provider_config_key": "aws", "expressions": {"bucket": {"references": ["var.name"]}}}],
      "module_calls": {"dr": {"module": {"resources": [{"address": "aws_s3_bucket.copy", "provider_config_key": "aws.us"}]}}}
    }
  }
}"#;

    #[test]
    fn a_plan_is_recognised_and_normalised_with_positions() {
        let docs = parse_json(PLAN, &Limits::default()).unwrap();
        assert_eq!(recognise(&docs), Recognised::TerraformPlan);
        let items = items(Recognised::TerraformPlan, &docs, PLAN, "plan.json");
        let addrs: Vec<&str> = items.iter().map(|i| i.address.as_str()).collect();
        assert_eq!(addrs, ["aws_s3_bucket.records", "module.dr.aws_s3_bucket.copy"]);
        let rec = &items[0];
        assert_eq!(rec.value["cloud"], "aws");
        assert_eq!(rec.value["region"], "ap-northeast-1");
        assert_eq!(rec.value["labels"]["system"], "karte");
        assert_eq!(rec.value["line"], 7);
        let (p, n) = rec
            .pos
            .lookup(&[Seg::Key("values".into()), Seg::Key("object_lock_enabled".into())]);
        assert_eq!((p.line, n), (15, 2));
        // The region comes from the provider configuration the resource uses (the alias).
        assert_eq!(items[1].value["region"], "us-east-1");
        assert_eq!(items[1].value["module"], "module.dr");
        assert_eq!(rec.value["references"]["bucket"], json!(["var.name"]));
        let (p, _) = items[1].pos.lookup(&[Seg::Key("region".into())]);
        assert_eq!(p.line, 40);
    }

    #[test]
    fn a_raw_state_is_recognised() {
        let text = r#"{"version": 4, "terraform_version": "1.9.0", "resources": [
 {"mode": "managed", "type": "aws_db_instance", "name": "main", "module": "module.db",
  "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
  "instances": [{"index_key": "a", "attributes": {"storage_encrypted": true, "region": "ap-northeast-3"}},
                {"index_key": "b", "attributes": {"arn": "arn:aws:rds:us-east-1:123456789012:db:b"}}]}]}"#;
        let docs = parse_json(text, &Limits::default()).unwrap();
        assert_eq!(recognise(&docs), Recognised::TerraformState);
        let items = items(Recognised::TerraformState, &docs, text, "s.json");
        assert_eq!(items[0].address, "module.db.aws_db_instance.main[\"a\"]");
        assert_eq!(items[0].value["provider"], "registry.terraform.io/hashicorp/aws");
        assert_eq!(items[0].value["region"], "ap-northeast-3");
        assert_eq!(items[0].value["values"]["storage_encrypted"], true);
        assert_eq!(items[1].value["region"], "us-east-1");
    }

    #[test]
    fn a_shown_state_and_a_json_list_of_manifests_are_recognised() {
        let state = r#"{"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {"resources": [
  {"address": "google_storage_bucket.images", "mode": "managed", "type": "google_storage_bucket", "name": "images",
   "provider_name": "registry.terraform.io/hashicorp/google", "values": {"location": "ASIA-NORTHEAST1", "labels": {"app": "karte"}}},
  {"address": "google_compute_instance.vm", "mode": "managed", "type": "google_compute_instance", "name": "vm",
   "provider_name": "registry.terraform.io/hashicorp/google", "values": {"zone": "us-central1-a"}}]}}}"#;
        let docs = parse_json(state, &Limits::default()).unwrap();
        assert_eq!(recognise(&docs), Recognised::TerraformShowState);
        let it = items(Recognised::TerraformShowState, &docs, state, "s.json");
        assert_eq!(it[0].value["source"], "state");
        assert_eq!(it[0].value["cloud"], "google");
        assert_eq!(it[0].value["region"], "ASIA-NORTHEAST1");
        assert_eq!(it[0].value["labels"]["app"], "karte");
        // A Google Cloud instance has a zone, not a region.
        assert_eq!(it[1].value["region"], "us-central1-a");
        let list = r#"{"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "karte"}, "data": {"password": "cGFzcw=="}}]}"#;
        let docs = parse_json(list, &Limits::default()).unwrap();
        assert_eq!(recognise(&docs), Recognised::Kubernetes);
        let it = items(Recognised::Kubernetes, &docs, list, "l.json");
        assert_eq!(it.len(), 1);
        assert_eq!(it[0].address, "Secret/karte/db");
        let (p, _) = it[0].pos.lookup(&crate::yaml::parse_path("data.password").unwrap());
        assert_eq!(p.line, 2);
    }

    #[test]
    fn helm_output_is_recognised_with_its_sources() {
        let text = "---\n# Source: karte/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: med\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: x\n---\n# Source: karte/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec: {}\n";
        let docs = parse_yaml(text, &Limits::default()).unwrap();
        assert_eq!(recognise(&docs), Recognised::Kubernetes);
        let items = items(Recognised::Kubernetes, &docs, text, "k.yaml");
        assert_eq!(items[0].address, "Deployment/med/api");
        assert_eq!(items[0].value["helm_source"], "karte/templates/deploy.yaml");
        assert_eq!(items[1].address, "Service/api");
        assert_eq!(items[1].value["helm_source"], "karte/templates/svc.yaml");
        let (p, n) = items[0]
            .pos
            .lookup(&crate::yaml::parse_path("pod.containers[0].image").unwrap());
        assert_eq!((p.line, n), (13, 4));
    }

    #[test]
    fn the_documented_fields_are_the_produced_fields() {
        let plan = parse_json(PLAN, &Limits::default()).unwrap();
        let k8s = parse_yaml("# Source: c/t.yaml\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j, namespace: n, labels: {a: b}}\nspec: {jobTemplate: {spec: {template: {spec: {containers: []}}}}}\n", &Limits::default()).unwrap();
        let mut produced = std::collections::BTreeSet::new();
        let mut all = items(Recognised::TerraformPlan, &plan, PLAN, "p.json");
        all.extend(items(Recognised::Kubernetes, &k8s, "# Source: c/t.yaml\n", "k.yaml"));
        let state = r#"{"version": 4, "terraform_version": "1", "resources": [{"mode": "managed", "type": "t", "name": "n", "provider": "p", "instances": [{"index_key": 0, "attributes": {}}]}]}"#;
        all.extend(items(
            Recognised::TerraformState,
            &parse_json(state, &Limits::default()).unwrap(),
            state,
            "s.json",
        ));
        let wrapper = json!({"metadata": {"name": "g", "description": "d"}, "spec": {"format": "x"}});
        all.push(generic_item(&wrapper, &json!({}), &PosNode::default(), "g.yaml"));
        for it in &all {
            for k in it.value.as_object().unwrap().keys() {
                let f = it.value["format"].as_str().unwrap().to_string();
                produced.insert((f, k.clone()));
            }
        }
        let manifest = ["apiVersion", "kind", "metadata", "spec"];
        for (f, k) in &produced {
            let documented = ITEM_FIELDS
                .iter()
                .any(|(ff, kk, _)| (*ff == "all" || ff == f) && *kk == k.as_str())
                || (f == "kubernetes" && manifest.contains(&k.as_str()));
            assert!(documented, "{f}.{k} is produced but not in ITEM_FIELDS");
        }
        for (f, k, _) in ITEM_FIELDS
            .iter()
            .filter(|(_, k, _)| !k.contains(',') && *k != "systems")
        {
            let seen = produced.iter().any(|(pf, pk)| pk == k && (*f == "all" || pf == f));
            assert!(seen, "{f}.{k} is documented but never produced");
        }
    }

    #[test]
    fn sansho_documents_and_lookalikes_are_not_recognised() {
        let sansho = parse_yaml(
            "apiVersion: sansho/v1\nkind: System\nmetadata: {name: x}\n",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(recognise(&sansho), Recognised::Other);
        // A sansho kind under a wrong apiVersion stays an inventory error, not a manifest.
        let typo = parse_yaml(
            "apiVersion: v1\nkind: System\nmetadata: {name: x}\n",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(recognise(&typo), Recognised::Other);
        let other = parse_json(r#"{"name": "pkg", "version": "1.0.0"}"#, &Limits::default()).unwrap();
        assert_eq!(recognise(&other), Recognised::Other);
    }
}
