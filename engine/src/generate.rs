//! A synthetic inventory for benchmarks and for people trying sansho: one institution, its
//! vendors, `systems` systems with three assets each (a server, a terminal and a network
//! device), one maintenance contract per ten systems, and the attestations the institution
//! needs. Everything is derived from a seed, so the same seed and date give byte-identical
//! files.
//!
//! The baseline is compliant with every rule of the built-in pack. A share of the systems
//! (`violations_percent`) and of the contracts gets exactly one deliberate defect each, drawn
//! from [`DEFECTS`]; every defect makes exactly one known rule fire on one known document, and
//! [`Generated::expected`] lists them, so a check of the output can be compared finding by
//! finding.

use crate::date::Date;
use serde_json::{json, Value};

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub systems: usize,
    pub seed: u64,
    /// Share (0–100) of systems, and of contracts, that get one deliberate defect.
    pub violations_percent: u8,
    /// The evaluation date the inventory is made for: review dates, patches and expiries are
    /// placed relative to it.
    pub as_of: Date,
    /// Systems per file (their assets go to a parallel file); contracts and organizations
    /// have files of their own.
    pub systems_per_file: usize,
    /// Also write Kubernetes manifests: per system a Deployment and a NetworkPolicy isolating
    /// its namespace, linked to the system by a label selector (`spec.configurations`). They
    /// are compliant, so the expected findings do not change; they exercise loading, linking
    /// and the Kubernetes rules at scale.
    pub kubernetes: bool,
}

impl GenerateOptions {
    pub fn new(systems: usize, seed: u64, as_of: Date) -> GenerateOptions {
        GenerateOptions {
            systems,
            seed,
            violations_percent: 10,
            as_of,
            systems_per_file: 1000,
            kubernetes: false,
        }
    }
}

/// A finding the generated inventory is built to produce.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Expected {
    pub rule: &'static str,
    pub kind: &'static str,
    pub name: String,
}

/// The generated files (relative path, YAML text) and the findings they must produce.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Vec<(String, String)>,
    pub expected: Vec<Expected>,
}

impl Generated {
    /// `EXPECTED.tsv`: one line per expected finding (rule, kind, name), sorted.
    pub fn expected_tsv(&self) -> String {
        let mut out = String::from("# rule\tkind\tname — findings `sansho check` must report on this inventory\n");
        for e in &self.expected {
            out.push_str(&format!("{}\t{}\t{}\n", e.rule, e.kind, e.name));
        }
        out
    }
}

/// One kind of deliberate defect and the rule that must report it.
#[derive(Debug, Clone, Copy)]
pub struct Defect {
    pub rule: &'static str,
    pub kind: &'static str,
    /// What is wrong, for the documentation.
    pub what: &'static str,
}

/// Every defect the generator injects; a defective system or contract gets one, uniformly.
pub const DEFECTS: [Defect; 16] = [
    Defect {
        rule: "SNS-AUTH-001",
        kind: "System",
        what: "password minimum length 6",
    },
    Defect {
        rule: "SNS-AUTH-002",
        kind: "System",
        what: "two-factor authentication disabled",
    },
    Defect {
        rule: "SNS-AUTH-003",
        kind: "System",
        what: "password reuse not prohibited",
    },
    Defect {
        rule: "SNS-BAK-001",
        kind: "System",
        what: "no offline or immutable backup",
    },
    Defect {
        rule: "SNS-LOG-001",
        kind: "System",
        what: "access logs not tamper-protected",
    },
    Defect {
        rule: "SNS-LOG-002",
        kind: "System",
        what: "log clock not synchronized",
    },
    Defect {
        rule: "SNS-ACCT-001",
        kind: "System",
        what: "account of a leaver still active",
    },
    Defect {
        rule: "SNS-ACCT-003",
        kind: "System",
        what: "shared accounts in use",
    },
    Defect {
        rule: "SNS-MEDIA-001",
        kind: "Asset",
        what: "terminal allows any USB storage",
    },
    Defect {
        rule: "SNS-PATCH-001",
        kind: "Asset",
        what: "server with pending security updates",
    },
    Defect {
        rule: "SNS-MAL-001",
        kind: "Asset",
        what: "server malware definitions 30 days old",
    },
    Defect {
        rule: "SNS-NET-001",
        kind: "Asset",
        what: "network device without source restriction",
    },
    Defect {
        rule: "SNS-SVC-001",
        kind: "Asset",
        what: "server runs unneeded services",
    },
    Defect {
        rule: "SNS-ACCESS-002",
        kind: "Asset",
        what: "terminal locks after 30 idle minutes",
    },
    Defect {
        rule: "SNS-CONTRACT-001",
        kind: "Contract",
        what: "incident notification within 72 hours",
    },
    Defect {
        rule: "SNS-CONTRACT-006",
        kind: "Contract",
        what: "no confidentiality clause",
    },
];

/// splitmix64: tiny, and its sequence never changes with a dependency upgrade (the output
/// of a seed must stay the same across sansho versions for benchmarks to be comparable).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len());
        &items[i.min(items.len().saturating_sub(1))]
    }
    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u8) -> bool {
        self.below(100) < usize::from(percent)
    }
}

const CATEGORIES: [(&str, &str, &str); 9] = [
    ("ehr", "電子カルテ", "EHR"),
    ("pacs", "医用画像管理", "PACS"),
    ("receipt", "医事会計", "RECEIPT"),
    ("ordering", "オーダリング", "ORDER"),
    ("lab", "臨床検査", "LIS"),
    ("pharmacy", "薬剤部門", "PHARMA"),
    ("department", "部門システム", "DEPT"),
    ("regional_network", "地域医療連携", "RENKEI"),
    ("other", "その他業務", "MISC"),
];
const HOSTING: [&str; 4] = ["on_premise", "on_premise", "private_cloud", "public_cloud"];
const DEPARTMENTS: [&str; 8] = [
    "医療情報部",
    "放射線科",
    "検査部",
    "薬剤部",
    "医事課",
    "看護部",
    "リハビリテーション科",
    "地域連携室",
];
const SERVER_OS: [(&str, &str, &str); 4] = [
    ("Windows Server", "2022", "2031-10-14"),
    ("Windows Server", "2019", "2029-01-09"),
    ("Red Hat Enterprise Linux", "9.4", "2032-05-31"),
    ("Ubuntu Server", "24.04", "2034-04-25"),
];
const MALWARE: [&str; 3] = [
    "Microsoft Defender for Endpoint",
    "ESET Server Security",
    "Trend Micro Apex One",
];
const NET_MODELS: [&str; 3] = ["YAMAHA RTX1300", "Cisco Catalyst 9200", "FortiGate 60F"];
const SURNAMES: [&str; 10] = [
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
];
const GIVEN: [&str; 8] = ["花子", "一郎", "由美", "誠", "健", "真理", "翔太", "美咲"];
const ROLES: [(&str, &str); 4] = [("doctor", "d"), ("nurse", "n"), ("clerk", "c"), ("technician", "t")];
const VENDOR_WORDS: [&str; 8] = ["mirai", "hikari", "sora", "midori", "aoba", "kaede", "tsubasa", "hoshi"];
const VENDOR_KINDS: [(&str, &str); 4] = [
    ("medical", "メディカル"),
    ("systems", "システムズ"),
    ("imaging", "イメージング"),
    ("soft", "ソフト"),
];

/// The institution's name.
pub const INSTITUTION: &str = "synthetic-hospital";

struct Ctx {
    as_of: Date,
}

impl Ctx {
    /// The date `days` before the evaluation date (after it when negative).
    fn ago(&self, days: i64) -> String {
        Date::from_days(self.as_of.to_days() - days)
            .unwrap_or(self.as_of)
            .to_string()
    }
}

/// The number of vendors for `systems` systems.
fn vendor_count(systems: usize) -> usize {
    (systems / 50).clamp(2, 400)
}

fn vendor_name(i: usize) -> String {
    let w = VENDOR_WORDS[i % VENDOR_WORDS.len()];
    let k = VENDOR_KINDS[(i / VENDOR_WORDS.len()) % VENDOR_KINDS.len()].0;
    let n = i / (VENDOR_WORDS.len() * VENDOR_KINDS.len());
    if n == 0 {
        format!("{w}-{k}")
    } else {
        format!("{w}-{k}-{n}")
    }
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&SURNAMES), rng.pick(&GIVEN))
}

/// Generates the inventory described by `opts`.
pub fn generate(opts: &GenerateOptions) -> Generated {
    let ctx = Ctx { as_of: opts.as_of };
    let mut rng = Rng(opts.seed);
    let vendors = vendor_count(opts.systems);
    let contracts = opts.systems.div_ceil(10);
    let mut expected = Vec::new();
    let mut files = Vec::new();

    // Organizations: the institution, then the vendors.
    let mut orgs = vec![institution(&ctx)];
    for v in 0..vendors {
        orgs.push(vendor(&ctx, &mut rng, v));
    }
    files.push(("organizations.yaml".to_string(), to_yaml(&orgs)));
    files.push(("attestations.yaml".to_string(), to_yaml(&attestations(&ctx))));

    // Contracts: one per ten systems, with the vendor of those systems.
    let per_file = opts.systems_per_file.max(10);
    let mut chunk = Vec::new();
    for c in 0..contracts {
        let (doc, defect) = contract(&ctx, &mut rng, c, opts, vendors);
        if let Some(d) = defect {
            expected.push(Expected {
                rule: d.rule,
                kind: d.kind,
                name: doc_name(&doc),
            });
        }
        chunk.push(doc);
        if chunk.len() == per_file / 10 || c + 1 == contracts {
            let idx = c / (per_file / 10);
            files.push((format!("contracts/contracts-{idx:04}.yaml"), to_yaml(&chunk)));
            chunk.clear();
        }
    }

    // Systems and their assets, `per_file` systems a file.
    let mut systems = Vec::new();
    let mut assets = Vec::new();
    let mut manifests = Vec::new();
    for i in 0..opts.systems {
        let (mut sys, ass, defect) = system(&ctx, &mut rng, i, opts, vendors);
        if opts.kubernetes {
            let name = system_name(i);
            if let Some(spec) = sys.get_mut("spec").and_then(Value::as_object_mut) {
                spec.insert(
                    "configurations".to_string(),
                    json!([{"format": "kubernetes", "labels": {"app": name}}]),
                );
            }
            manifests.extend(kubernetes(&name));
        }
        if let Some((d, name)) = defect {
            expected.push(Expected {
                rule: d.rule,
                kind: d.kind,
                name,
            });
        }
        systems.push(sys);
        assets.extend(ass);
        if systems.len() == per_file || i + 1 == opts.systems {
            let idx = i / per_file;
            files.push((format!("systems/systems-{idx:04}.yaml"), to_yaml(&systems)));
            files.push((format!("assets/assets-{idx:04}.yaml"), to_yaml(&assets)));
            if !manifests.is_empty() {
                files.push((format!("k8s/apps-{idx:04}.yaml"), to_yaml(&manifests)));
            }
            systems.clear();
            assets.clear();
            manifests.clear();
        }
    }
    expected.sort();
    Generated { files, expected }
}

fn doc_name(doc: &Value) -> String {
    doc["metadata"]["name"].as_str().unwrap_or_default().to_string()
}

fn to_yaml(docs: &[Value]) -> String {
    let mut out = String::from("# Generated by `sansho generate`; synthetic data, not a real institution.\n");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&yaml_serde::to_string(d).unwrap_or_default());
    }
    out
}

fn envelope(kind: &str, name: &str, description: &str, spec: Value) -> Value {
    json!({
        "apiVersion": "sansho/v1",
        "kind": kind,
        "metadata": {"name": name, "description": description},
        "spec": spec,
    })
}

const DOCUMENT_TYPES: [&str; 31] = [
    "operations_management_rules",
    "security_policy",
    "legal_requirements_register",
    "risk_assessment",
    "incident_response_procedure",
    "emergency_procedures",
    "bcp",
    "asset_management_rules",
    "remote_maintenance_rules",
    "outsourcing_rules",
    "training_plan",
    "privacy_policy",
    "system_specifications",
    "network_diagram",
    "contact_list",
    "operating_procedures",
    "user_manual",
    "information_management_procedure",
    "authentication_procedure",
    "access_request_procedure",
    "emergency_account_procedure",
    "media_loss_procedure",
    "disposal_procedure",
    "change_management_procedure",
    "quality_management_procedure",
    "audit_plan",
    "responsibility_matrix",
    "data_takeout_rules",
    "cybersecurity_response_plan",
    "media_handling_rules",
    "physical_security_rules",
];

fn institution(ctx: &Ctx) -> Value {
    let documents: Vec<Value> = DOCUMENT_TYPES
        .iter()
        .map(|t| {
            json!({
                "type": t,
                "title": format!("{t}(合成データ)"),
                "approved_by": "医療情報システム安全管理委員会",
                "approved_on": ctx.ago(200),
                "reviewed_on": ctx.ago(60),
            })
        })
        .collect();
    envelope(
        "Organization",
        INSTITUTION,
        "合成データの病院グループ(sansho generate)",
        json!({
            "type": "hospital",
            "legal_name": "医療法人 合成会",
            "beds": 800,
            "medical_information_systems": true,
            "security_officer": {"name": "山田 太郎", "title": "副院長(医療情報部長)", "is_executive": true, "appointed_on": ctx.ago(600)},
            "documents": documents,
            "asset_ledger": {"maintained": true, "updated_on": ctx.ago(20), "reviewed_on": ctx.ago(50), "reference": "台帳/機器台帳.xlsx"},
            "risk_assessment": {"performed_on": ctx.ago(120), "reference": "報告書/リスク評価.pdf"},
            "training": [
                {"title": "全職員向け情報セキュリティ研修", "held_on": ctx.ago(150), "audience": "all_staff", "participants": 1800},
                {"title": "新規採用者研修", "held_on": ctx.ago(230), "audience": "new_staff", "participants": 120},
            ],
            "audits": [
                {"kind": "internal", "performed_on": ctx.ago(50), "scope": "医療情報システム全般", "findings_open": 3},
                {"kind": "self_assessment", "performed_on": ctx.ago(140), "scope": "チェックリスト(令和7年度版)"},
            ],
            "incident_response": {
                "contact_chart": {"reference": "規程/連絡体制図.pdf", "updated_on": ctx.ago(230)},
                "contacts": [
                    {"party": "internal", "name": "医療情報部 システム管理室", "phone": "内線 2100"},
                    {"party": "management", "name": "院長・事務長"},
                    {"party": "vendor", "name": "各保守事業者の窓口(契約書別紙)"},
                    {"party": "mhlw", "name": "厚生労働省 医療情報担当"},
                    {"party": "police", "name": "県警察本部 サイバー犯罪相談窓口"},
                ],
            },
            "continuity": {
                "critical_information_identified": true,
                "critical_information": ["患者基本情報", "処方・注射歴", "アレルギー・禁忌"],
                "bcp": {"exists": true, "assumes_cyberattack": true, "approved_on": ctx.ago(400), "reviewed_on": ctx.ago(60), "last_drill_on": ctx.ago(70)},
            },
        }),
    )
}

fn vendor(ctx: &Ctx, rng: &mut Rng, i: usize) -> Value {
    let name = vendor_name(i);
    let kind = VENDOR_KINDS[(i / VENDOR_WORDS.len()) % VENDOR_KINDS.len()].1;
    let mut certs = vec![
        json!({"scheme": "isms", "id": format!("IS {:06}", 100000 + i), "valid_until": ctx.ago(-400 - rng.below(500) as i64)}),
    ];
    if rng.chance(40) {
        certs.push(json!({"scheme": "pmark", "id": format!("{}", 10_000_000 + i), "valid_until": ctx.ago(-200 - rng.below(600) as i64)}));
    }
    envelope(
        "Organization",
        &name,
        &format!("合成データの事業者({kind})"),
        json!({
            "type": "vendor",
            "counterparty": true,
            "legal_name": format!("{}{}株式会社", VENDOR_WORDS[i % VENDOR_WORDS.len()], kind),
            "security_officer": {"name": person(rng), "title": "情報セキュリティ管理責任者"},
            "vendor_profile": {
                "services": ["保守", "導入支援"],
                "certifications": certs,
                "data_locations": [{"country": "JP", "region": "東京", "purpose": "primary"}],
                "security_contact": format!("security@{name}.example.jp"),
            },
        }),
    )
}

fn attestations(ctx: &Ctx) -> Vec<Value> {
    let duties = [
        "g6.gov.1.2.2",
        "g6.gov.3.1.1",
        "g6.gov.3.4.2.2",
        "g6.gov.3.4.3.2",
        "g6.mgmt.2.2",
        "g6.mgmt.2.3",
        "g6.mgmt.3.1",
        "g6.mgmt.3.2",
        "g6.mgmt.3.3",
        "g6.mgmt.3.4",
        "g6.mgmt.5.1",
        "g6.mgmt.5.4",
        "g6.mgmt.11.3",
        "g6.mgmt.11.5",
        "g6.mgmt.12.2",
        "g6.mgmt.13.3",
        "g6.mgmt.13.5",
        "g6.mgmt.15.1",
        "g6.mgmt.15.4",
        "g6.mgmt.15.12",
        "g6.sys.3.2",
        "g6.sys.3.5",
        "g6.sys.5.1",
        "g6.sys.5.3",
        "g6.sys.5.4",
        "g6.sys.7.1",
        "g6.sys.7.2",
        "g6.sys.10.1",
        "g6.sys.10.5",
        "g6.sys.11.1.b",
        "g6.sys.11.1.c",
        "g6.sys.11.1.d",
        "g6.sys.11.1.e",
        "g6.sys.12.a",
        "g6.sys.12.b",
        "g6.sys.12.c",
        "g6.sys.13.a",
        "g6.sys.13.c",
        "g6.sys.13.e",
        "g6.sys.14.2",
        "g6.sys.14.3",
    ];
    let by = json!({"name": "山田 太郎", "title": "医療情報システム安全管理責任者"});
    vec![
        envelope(
            "Attestation",
            "guideline-duties",
            "インベントリで示せない遵守事項",
            json!({
                "requirements": duties.to_vec(),
                "statement": "インベントリの項目で示せない遵守事項について、各部署の確認結果を委員会で確認した。",
                "subject": {"kind": "Organization", "name": INSTITUTION},
                "attested_by": by,
                "attested_on": ctx.ago(30),
                "valid_until": ctx.ago(-335),
                "evidence": [{"reference": "委員会/遵守事項確認表.xlsx"}],
            }),
        ),
        envelope(
            "Attestation",
            "vendor-agreements",
            "事業者との合意",
            json!({
                "requirements": ["v2.3.1", "v2.3.2.1", "v2.5.5"],
                "statement": "各契約の締結・更新前に事業者から説明を受け、責任分界と残存リスクを含めて合意した。",
                "attested_by": by,
                "attested_on": ctx.ago(90),
                "valid_until": ctx.ago(-275),
                "evidence": [{"reference": "記録/事業者協議議事録.pdf"}],
            }),
        ),
    ]
}

/// The vendor of system `i` (systems of one contract share their vendor).
fn vendor_of(i: usize, vendors: usize) -> usize {
    (i / 10) % vendors.max(1)
}

fn contract_name(c: usize) -> String {
    format!("maint-{c:05}")
}

fn contract(ctx: &Ctx, rng: &mut Rng, c: usize, opts: &GenerateOptions, vendors: usize) -> (Value, Option<Defect>) {
    let vendor = vendor_name(vendor_of(c * 10, vendors));
    let systems: Vec<String> = (c * 10..((c + 1) * 10).min(opts.systems)).map(system_name).collect();
    let mut hours = *rng.pick(&[4, 12, 24]);
    let mut confidentiality = true;
    let mut defect = None;
    if rng.chance(opts.violations_percent) {
        let d = DEFECTS[14 + rng.below(2)];
        match d.rule {
            "SNS-CONTRACT-001" => hours = 72,
            _ => confidentiality = false,
        }
        defect = Some(d);
    }
    let start = 100 + rng.below(1000) as i64;
    let doc = envelope(
        "Contract",
        &contract_name(c),
        &format!("保守契約(システム {} 件)", systems.len()),
        json!({
            "parties": [
                {"organization": INSTITUTION, "role": "institution"},
                {"organization": vendor, "role": "vendor", "for": "対象システムの保守"},
            ],
            "systems": systems,
            "term": {"start_on": ctx.ago(start), "end_on": ctx.ago(start - 1826)},
            "signed_on": ctx.ago(start + 10),
            "clauses": {
                "incident_notification": {"within_hours": hours, "contact": "医療情報部 システム管理室"},
                "data_location": {"countries": ["JP"], "jurisdiction": "日本法"},
                "exit": {"data_return": true, "format": "CSV", "within_days": 60, "erasure_certificate": true},
                "subcontracting": {"allowed": false},
                "audit_rights": true,
                "service_levels": {"availability_percent": 99.9, "rpo_hours": 24, "rto_hours": 4},
                "remote_maintenance": {"permitted": true, "logging_required": true, "reporting_required": true},
                "confidentiality": confidentiality,
            },
            "responsibilities": [
                {"requirement": "chk.r7.inst.2.6", "owner": "shared", "description": "サーバの修正プログラムは事業者、端末は病院", "evidence": "契約書 別紙2"},
                {"requirement": "chk.r7.inst.3.2", "owner": "shared", "description": "バックアップ取得は事業者、復旧確認は病院", "evidence": "契約書 別紙3"},
                {"requirement": "chk.r7.inst.2.2", "owner": "vendor", "evidence": "契約書 別紙4 リモート保守"},
                {"requirement": "chk.r7.inst.2.11", "owner": "institution", "description": "アクセスログの確認は病院", "evidence": "運用管理規程"},
            ],
            "disclosures": [
                {"type": "mds", "version": "5.0", "issued_on": ctx.ago(300), "reference": "開示書/MDS.pdf"},
                {"type": "sds", "version": "5.0", "issued_on": ctx.ago(300), "reference": "開示書/SDS.pdf"},
                {"type": "service_spec", "issued_on": ctx.ago(300), "reference": "開示書/サービス仕様適合開示書.pdf"},
            ],
        }),
    );
    (doc, defect)
}

/// A system's workload: a Deployment labelled with the system's name (the selector of its
/// `spec.configurations`), its image pinned by digest and without privileges, and a
/// NetworkPolicy denying ingress to every pod of its namespace.
fn kubernetes(system: &str) -> [Value; 2] {
    let ns = format!("{system}-ns");
    [
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "app", "namespace": ns, "labels": {"app": system}},
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": {"app": system}},
                "template": {
                    "metadata": {"labels": {"app": system}},
                    "spec": {
                        "securityContext": {"runAsNonRoot": true},
                        "containers": [{
                            "name": "app",
                            "image": format!("registry.example.jp/{system}/app:1.0@sha256:{}", "0123456789abcdef".repeat(4)),
                            "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}},
                        }],
                    },
                },
            },
        }),
        json!({
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": "default-deny-ingress", "namespace": ns},
            "spec": {"podSelector": {}, "policyTypes": ["Ingress"]},
        }),
    ]
}

fn system_name(i: usize) -> String {
    format!("sys-{i:06}")
}

type SystemOut = (Value, Vec<Value>, Option<(Defect, String)>);

fn system(ctx: &Ctx, rng: &mut Rng, i: usize, opts: &GenerateOptions, vendors: usize) -> SystemOut {
    let name = system_name(i);
    let (category, ja, product) = *rng.pick(&CATEGORIES);
    let hosting = *rng.pick(&HOSTING);
    let dept = *rng.pick(&DEPARTMENTS);
    let vendor = vendor_name(vendor_of(i, vendors));
    let server = format!("{name}-srv");
    let terminal = format!("{name}-pc");
    let router = format!("{name}-rt");
    let defect = if rng.chance(opts.violations_percent) {
        Some(DEFECTS[rng.below(14)])
    } else {
        None
    };
    let rule = defect.map(|d| d.rule).unwrap_or("");

    // Accounts: a handful of staff, an administrator, and a disabled maintenance account.
    let mut list = Vec::new();
    for k in 0..(1 + rng.below(3)) {
        let (role, prefix) = *rng.pick(&ROLES);
        list.push(json!({
            "id": format!("{prefix}{:04}", k * 37 + rng.below(30)),
            "holder": person(rng),
            "role": role,
            "status": "active",
            "last_login_on": ctx.ago(rng.below(20) as i64),
        }));
    }
    list.push(json!({"id": "admin01", "holder": person(rng), "role": "system_admin", "administrator": true, "status": "active", "last_login_on": ctx.ago(3)}));
    list.push(json!({"id": "mnt01", "holder": format!("{vendor} 保守要員"), "role": "maintenance", "administrator": true, "status": "disabled", "kind": "maintenance", "last_login_on": ctx.ago(40)}));
    if rule == "SNS-ACCT-001" {
        list.push(json!({"id": "left01", "holder": person(rng), "role": "nurse", "status": "active", "left_on": ctx.ago(40), "last_login_on": ctx.ago(5)}));
    }
    let min_length = if rule == "SNS-AUTH-001" {
        6
    } else {
        *rng.pick(&[8, 10, 12, 14])
    };
    let mut backups = vec![json!({
        "name": "daily-disk", "scope": "both", "method": "disk", "frequency": "daily",
        "generations": 7 + rng.below(14), "location": {"country": "JP", "region": "サーバ室"},
        "last_restore_test_on": ctx.ago(30 + rng.below(200) as i64),
    })];
    if rule != "SNS-BAK-001" {
        backups.push(json!({
            "name": "weekly-offline", "scope": "data", "method": *rng.pick(&["tape", "optical", "disk"]), "frequency": "weekly",
            "generations": 4 + rng.below(8), "offline": true, "location": {"country": "JP", "region": "別棟 金庫"},
            "last_restore_test_on": ctx.ago(30 + rng.below(200) as i64),
        }));
    }
    let sys = envelope(
        "System",
        &name,
        &format!("{ja}システム({dept})"),
        json!({
            "category": category,
            "product": format!("{product}-{}.{}", 1 + rng.below(9), rng.below(10)),
            "vendor": vendor,
            "contracts": [contract_name(i / 10)],
            "hosting": hosting,
            "status": "in_use",
            "in_service_from": ctx.ago(400 + rng.below(3000) as i64),
            "authentication": {
                "password": {
                    "min_length": min_length,
                    "character_classes": ["letters", "digits", "symbols"],
                    "rotation_days": 180,
                    "reuse_prohibited": rule != "SNS-AUTH-003",
                    "history": 5,
                    "default_changed": true,
                    "lockout_threshold": 5,
                },
                "two_factor": {"enabled": rule != "SNS-AUTH-002", "scope": "all_users", "methods": [*rng.pick(&["ic_card", "totp", "biometric"])]},
            },
            "accounts": {
                "review": {"interval_days": 180, "last_reviewed_on": ctx.ago(10 + rng.below(150) as i64)},
                "shared_accounts": rule == "SNS-ACCT-003",
                "list": list,
            },
            "access_control": {
                "role_based": true,
                "reviewed_on": ctx.ago(10 + rng.below(300) as i64),
                "administrators": [
                    {"account": "admin01", "reason": "システム設定・アカウント管理"},
                    {"account": "mnt01", "reason": "保守作業時のみ有効化"},
                ],
            },
            "access_logs": {
                "enabled": true,
                "records": ["login", "logout", "read", "write", "export"],
                "tamper_protected": rule != "SNS-LOG-001",
                "time_synchronized": rule != "SNS-LOG-002",
                "retention_days": *rng.pick(&[1825, 1825, 3650, 730]),
                "review": {"interval_days": 30, "last_reviewed_on": ctx.ago(rng.below(60) as i64)},
            },
            "backups": backups,
            "remote_maintenance": {
                "used": true,
                "confirmed_with_vendor_on": ctx.ago(100 + rng.below(200) as i64),
                "vendor": vendor,
                "path": *rng.pick(&["vpn", "dedicated_line", "closed_network"]),
                "dedicated_accounts": true,
                "logged": true,
                "work_plan_reconciled": true,
                "devices": [router],
            },
            "network": {
                "zone": "clinical",
                "internet_facing": false,
                "closed_network": hosting == "on_premise",
                "source_restriction": {"enabled": true, "method": *rng.pick(&["mac_allowlist", "ip_allowlist", "802_1x"])},
            },
            "encryption": {"at_rest": true, "in_transit": true},
            "external_media": {"usb_storage": "blocked", "registered_media_only": true},
            "disclosure": {
                "mds_sds": {"received_on": ctx.ago(300), "format_version": "5.0", "reference": "開示書/MDS.pdf"},
                "service_spec_disclosure": {"received_on": ctx.ago(300), "reference": "開示書/サービス仕様適合開示書.pdf"},
            },
        }),
    );

    let (os, ver, eos) = *rng.pick(&SERVER_OS);
    // The real end-of-support dates, unless the inventory is made for a date past one: its
    // support then runs on (SNS-PATCH-001 would report the asset, and EXPECTED.tsv lists only
    // the violations placed on purpose).
    let eos = if eos > ctx.ago(0).as_str() {
        eos.to_string()
    } else {
        ctx.ago(-1000)
    };
    let av = *rng.pick(&MALWARE);
    let srv = envelope(
        "Asset",
        &server,
        &format!("{ja} サーバ"),
        json!({
            "type": "server",
            "systems": [name],
            "owner": dept,
            "location": format!("サーバ室 ラック {}", (b'A' + (i % 20) as u8) as char),
            "hostname": server,
            "os": {"name": os, "version": ver, "end_of_support_on": eos},
            "patching": {
                "last_applied_on": ctx.ago(rng.below(40) as i64),
                "pending_security_updates": if rule == "SNS-PATCH-001" { 3 } else { 0 },
            },
            "services": {"reviewed_on": ctx.ago(30 + rng.below(200) as i64), "unneeded_disabled": rule != "SNS-SVC-001"},
            "connection_restriction": {"enabled": true, "method": "ip_allowlist"},
            "usb_storage": "blocked",
            "malware_protection": {
                "enabled": true, "product": av,
                "definitions_updated_on": ctx.ago(if rule == "SNS-MAL-001" { 30 } else { rng.below(3) as i64 }),
            },
            "status": "in_use",
        }),
    );
    let pc = envelope(
        "Asset",
        &terminal,
        &format!("{ja} 端末"),
        json!({
            "type": "terminal",
            "systems": [name],
            "owner": dept,
            "location": format!("{dept} 執務室"),
            "hostname": terminal,
            "os": {"name": "Windows 11 Enterprise", "version": "24H2", "end_of_support_on": ctx.ago(-900)},
            "patching": {"last_applied_on": ctx.ago(rng.below(30) as i64), "pending_security_updates": 0, "auto_update": true},
            "services": {"reviewed_on": ctx.ago(30 + rng.below(200) as i64), "unneeded_disabled": true},
            "connection_restriction": {"enabled": true, "method": "802_1x"},
            "usb_storage": if rule == "SNS-MEDIA-001" { "allowed" } else { *rng.pick(&["blocked", "allowlisted"]) },
            "malware_protection": {"enabled": true, "product": av, "definitions_updated_on": ctx.ago(rng.below(3) as i64)},
            "screen_lock": {"enabled": true, "idle_minutes": if rule == "SNS-ACCESS-002" { 30 } else { 3 + rng.below(8) }},
            "status": "in_use",
        }),
    );
    let rt = envelope(
        "Asset",
        &router,
        &format!("{ja} VPN ルータ"),
        json!({
            "type": "network_device",
            "systems": [name],
            "owner": "医療情報部",
            "location": "サーバ室 ネットワークラック",
            "hostname": router,
            "model": *rng.pick(&NET_MODELS),
            "patching": {"last_applied_on": ctx.ago(rng.below(60) as i64), "pending_security_updates": 0, "firmware_current": true},
            "services": {"reviewed_on": ctx.ago(30 + rng.below(200) as i64), "unneeded_disabled": true},
            "connection_restriction": {"enabled": rule != "SNS-NET-001", "method": "ip_allowlist"},
            "remote_maintenance": {"enabled": true, "vendor": vendor, "path": "vpn"},
            "status": "in_use",
        }),
    );
    let target = match defect.map(|d| d.kind) {
        Some("System") => name.clone(),
        _ => match rule {
            "SNS-MEDIA-001" | "SNS-ACCESS-002" => terminal,
            "SNS-NET-001" => router,
            _ => server,
        },
    };
    (sys, vec![srv, pc, rt], defect.map(|d| (d, target)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn opts(n: usize, seed: u64, pct: u8) -> GenerateOptions {
        let mut o = GenerateOptions::new(n, seed, Date::new(2026, 11, 25).unwrap());
        o.violations_percent = pct;
        o
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = generate(&opts(120, 7, 20));
        let b = generate(&opts(120, 7, 20));
        assert_eq!(a.files, b.files);
        assert_eq!(a.expected, b.expected);
        let c = generate(&opts(120, 8, 20));
        assert_ne!(a.files, c.files);
    }

    #[test]
    fn files_are_split_and_counts_follow_n() {
        let mut o = opts(2500, 1, 0);
        o.systems_per_file = 1000;
        let g = generate(&o);
        let names: Vec<&str> = g.files.iter().map(|(p, _)| p.as_str()).collect();
        assert!(names.contains(&"systems/systems-0002.yaml"), "{names:?}");
        assert!(!names.contains(&"systems/systems-0003.yaml"));
        let count = |prefix: &str, needle: &str| -> usize {
            g.files
                .iter()
                .filter(|(p, _)| p.starts_with(prefix))
                .map(|(_, t)| t.matches(needle).count())
                .sum()
        };
        assert_eq!(count("systems/", "kind: System\n"), 2500);
        assert_eq!(count("assets/", "kind: Asset\n"), 7500);
        assert_eq!(count("contracts/", "kind: Contract\n"), 250);
        assert!(g.expected.is_empty());
    }

    #[test]
    fn the_declared_share_of_defects() {
        let g = generate(&opts(2000, 3, 10));
        // ~10 % of 2000 systems and of 200 contracts (220); binomial spread is far inside ±30 %.
        let n = g.expected.len() as f64;
        assert!((154.0..=286.0).contains(&n), "{n}");
        let g = generate(&opts(500, 3, 100));
        assert_eq!(g.expected.len(), 500 + 50);
    }
}
