//! Renderers of the responsibility matrix: Markdown, CSV, HTML, JSON and an OSCAL system
//! security plan. All are deterministic: the matrix is sorted by the engine, OSCAL uuids are
//! v5 uuids of fixed names, and the only date is the evaluation date.
use crate::lang::t;
use sansho_engine::matrix::{Cell, Matrix, Party, Row, Share};
use sansho_engine::{Date, Lang};
use serde_json::{json, Value};
use uuid::Uuid;

fn role_label(lang: Lang, role: &str) -> &'static str {
    match role {
        "institution" => t(lang, "医療機関", "institution"),
        "vendor" => t(lang, "事業者", "vendor"),
        _ => t(lang, "再委託先", "subcontractor"),
    }
}

fn header(lang: Lang, p: &Party) -> String {
    format!("{} ({})", p.organization, role_label(lang, &p.role))
}

/// One cell as text: `責任 [contract]: description (根拠: …)`, cells joined by `sep`.
fn cell_text(lang: Lang, cells: &[&Cell], sep: &str) -> String {
    cells
        .iter()
        .map(|c| {
            let mark = match c.share {
                Share::Owner => t(lang, "責任", "owner"),
                Share::Shared => t(lang, "分担", "shared"),
            };
            let mut s = format!("{mark} [{}]", c.contract);
            if let Some(d) = &c.description {
                s.push_str(": ");
                s.push_str(d);
            }
            if !c.evidence.is_empty() {
                let ev: Vec<&str> = c.evidence.iter().map(|e| e.text.as_str()).collect();
                s.push_str(&format!(" ({}: {})", t(lang, "根拠", "evidence"), ev.join("; ")));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(sep)
}

fn gap_header(lang: Lang) -> String {
    t(lang, "未割当(責任主体なし)", "Unassigned (no owner)").to_string()
}

fn gap_text(r: &Row) -> String {
    r.unassigned_in.join(", ")
}

fn title(lang: Lang, r: &Row) -> String {
    r.title.as_ref().map(|x| x.get(lang).to_string()).unwrap_or_default()
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(m: &Matrix, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(t(lang, "# 責任分界表\n\n", "# Responsibility matrix\n\n"));
    out.push_str(t(lang, "契約: ", "Contracts: "));
    let names: Vec<String> = m
        .contracts
        .iter()
        .map(|c| format!("{} ({}:{})", c.name, c.location.file, c.location.line))
        .collect();
    out.push_str(&names.join(", "));
    out.push_str("\n\n");
    let mut head = vec![
        t(lang, "要件", "Requirement").to_string(),
        t(lang, "内容", "Title").to_string(),
    ];
    head.extend(m.parties.iter().map(|p| md_escape(&header(lang, p))));
    if m.has_gaps() {
        head.push(gap_header(lang));
    }
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for r in &m.rows {
        let mut cols = vec![format!("`{}`", r.requirement), md_escape(&title(lang, r))];
        for p in &m.parties {
            cols.push(md_escape(&cell_text(lang, &m.cells_of(r, &p.organization), "<br>")));
        }
        if m.has_gaps() {
            cols.push(md_escape(&gap_text(r)));
        }
        out.push_str(&format!("| {} |\n", cols.join(" | ")));
    }
    out
}

/// CSV with a UTF-8 byte order mark and CRLF line ends: Excel in Japan reads a CSV without a
/// BOM as Shift_JIS and garbles every Japanese cell.
pub fn csv(m: &Matrix, lang: Lang) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut head = vec![
        t(lang, "要件", "requirement").to_string(),
        t(lang, "内容", "title").to_string(),
    ];
    head.extend(m.parties.iter().map(|p| header(lang, p)));
    if m.has_gaps() {
        head.push(gap_header(lang));
    }
    let mut rows = vec![head];
    for r in &m.rows {
        let mut cols = vec![r.requirement.clone(), title(lang, r)];
        for p in &m.parties {
            cols.push(cell_text(lang, &m.cells_of(r, &p.organization), "; "));
        }
        if m.has_gaps() {
            cols.push(gap_text(r));
        }
        rows.push(cols);
    }
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&row);
    }
    let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("\u{feff}{body}")
}

fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

pub fn html(m: &Matrix, lang: Lang) -> String {
    let mut o = String::new();
    let heading = t(lang, "責任分界表", "Responsibility matrix");
    o.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{heading}</title>\n<style>table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:4px;vertical-align:top}}.shared{{background:#fff6d5}}.owner{{background:#e3f2e1}}.gap{{background:#fbe0e0}}</style>\n</head>\n<body>\n<h1>{heading}</h1>\n<p>",
        t(lang, "ja", "en")
    ));
    let names: Vec<String> = m.contracts.iter().map(|c| html_escape(&c.name)).collect();
    o.push_str(&format!(
        "{}{}</p>\n<table>\n<thead><tr>",
        t(lang, "契約: ", "Contracts: "),
        names.join(", ")
    ));
    o.push_str(&format!(
        "<th>{}</th><th>{}</th>",
        t(lang, "要件", "Requirement"),
        t(lang, "内容", "Title")
    ));
    for p in &m.parties {
        o.push_str(&format!("<th>{}</th>", html_escape(&header(lang, p))));
    }
    if m.has_gaps() {
        o.push_str(&format!("<th>{}</th>", html_escape(&gap_header(lang))));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for r in &m.rows {
        o.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td>",
            html_escape(&r.requirement),
            html_escape(&title(lang, r))
        ));
        for p in &m.parties {
            let cells = m.cells_of(r, &p.organization);
            let class = match cells.first().map(|c| c.share) {
                Some(Share::Owner) => " class=\"owner\"",
                Some(Share::Shared) => " class=\"shared\"",
                None => "",
            };
            let parts: Vec<String> = cells.iter().map(|c| html_escape(&cell_text(lang, &[c], ""))).collect();
            o.push_str(&format!("<td{class}>{}</td>", parts.join("<br>")));
        }
        if m.has_gaps() {
            let class = if r.unassigned_in.is_empty() {
                ""
            } else {
                " class=\"gap\""
            };
            o.push_str(&format!("<td{class}>{}</td>", html_escape(&gap_text(r))));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    o
}

pub fn json(m: &Matrix) -> String {
    serde_json::to_string_pretty(m).unwrap_or_default() + "\n"
}

// --- OSCAL ----------------------------------------------------------------------------------

/// The OSCAL model version the plan declares.
pub const OSCAL_VERSION: &str = "1.1.2";

/// Namespace of every uuid sansho writes into OSCAL: v5 of the URL below in the URL namespace.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://sansho.dev/oscal")
}

/// A deterministic uuid for `name` (`component/<org>`, `provided/<contract>/<req>/<org>`…).
pub fn uuid_for(name: &str) -> String {
    Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

fn describe(lang: Lang, c: &Cell) -> String {
    let mut s = match lang {
        Lang::Ja => format!("契約 {} の責任分界({})", c.contract, c.owner),
        Lang::En => format!("Contract {} assigns it to {}", c.contract, c.owner),
    };
    if let Some(d) = &c.description {
        s.push_str(": ");
        s.push_str(d);
    }
    if !c.evidence.is_empty() {
        let ev: Vec<&str> = c.evidence.iter().map(|e| e.text.as_str()).collect();
        s.push_str(&format!(" ({}: {})", t(lang, "根拠", "evidence"), ev.join("; ")));
    }
    s
}

/// An OSCAL system security plan: the institution's systems as `this-system`, each vendor and
/// subcontractor as a leveraged `service` component. Per requirement, what a vendor or
/// subcontractor carries is `export.provided` on its component (with `export.responsibilities`
/// for the institution's part when shared) and `inherited` (and `satisfied`) on the
/// institution's component.
pub fn oscal(m: &Matrix, lang: Lang, as_of: Date) -> String {
    let contract_names: Vec<&str> = m.contracts.iter().map(|c| c.name.as_str()).collect();
    let key = contract_names.join(",");
    let systems: Vec<&str> = {
        let mut s: Vec<&str> = m
            .contracts
            .iter()
            .flat_map(|c| c.systems.iter().map(String::as_str))
            .collect();
        s.sort_unstable();
        s.dedup();
        s
    };
    let institutions: Vec<&Party> = m.parties.iter().filter(|p| p.role == "institution").collect();
    let this_system = uuid_for(&format!("this-system/{key}"));
    let party_uuid = |p: &Party| uuid_for(&format!("party/{}", p.organization));
    let component_uuid = |org: &str| uuid_for(&format!("component/{org}"));
    let parties: Vec<Value> = m
        .parties
        .iter()
        .map(|p| {
            let mut v = json!({
                "uuid": party_uuid(p),
                "type": "organization",
                "name": p.legal_name.clone().unwrap_or_else(|| p.organization.clone()),
                "short-name": p.organization,
            });
            v["props"] = json!([{"name": "sansho-role", "ns": "https://sansho.dev/ns/oscal", "value": p.role}]);
            v
        })
        .collect();
    let mut components = vec![json!({
        "uuid": this_system,
        "type": "this-system",
        "title": match lang {
            Lang::Ja => format!("医療機関のシステム({})", systems.join(", ")),
            Lang::En => format!("The institution's systems ({})", systems.join(", ")),
        },
        "description": t(lang, "医療機関が運用し、契約で事業者のサービスを利用するシステム。", "Systems the institution runs, using the vendors' services under the contracts."),
        "status": {"state": "operational"},
    })];
    for p in m.parties.iter().filter(|p| p.role != "institution") {
        components.push(json!({
            "uuid": component_uuid(&p.organization),
            "type": "service",
            "title": format!("{} ({})", p.legal_name.clone().unwrap_or_else(|| p.organization.clone()), role_label(lang, &p.role)),
            "description": match lang {
                Lang::Ja => format!("{} が契約に基づいて提供するサービス・作業。", p.organization),
                Lang::En => format!("What {} provides under the contracts.", p.organization),
            },
            "status": {"state": "operational"},
            "responsible-roles": [{"role-id": "provider", "party-uuids": [party_uuid(p)]}],
        }));
    }
    let mut reqs = Vec::new();
    for r in &m.rows {
        let mut by = Vec::new();
        let mut inherited = Vec::new();
        let mut satisfied = Vec::new();
        let mut own = Vec::new();
        for c in &r.cells {
            let role = m
                .parties
                .iter()
                .find(|p| p.organization == c.party)
                .map(|p| p.role.as_str());
            if role == Some("institution") {
                if c.share == Share::Owner {
                    own.push(describe(lang, c));
                }
                continue;
            }
            let base = format!("{}/{}/{}", c.contract, r.requirement, c.party);
            let provided = uuid_for(&format!("provided/{base}"));
            let mut export = json!({
                "provided": [{"uuid": provided, "description": describe(lang, c)}],
            });
            inherited.push(json!({
                "uuid": uuid_for(&format!("inherited/{base}")),
                "provided-uuid": provided,
                "description": match lang {
                    Lang::Ja => format!("{} から継承: {}", c.party, describe(lang, c)),
                    Lang::En => format!("Inherited from {}: {}", c.party, describe(lang, c)),
                },
            }));
            if c.share == Share::Shared {
                let resp = uuid_for(&format!("responsibility/{base}"));
                export["responsibilities"] = json!([{
                    "uuid": resp,
                    "provided-uuid": provided,
                    "description": match lang {
                        Lang::Ja => format!("医療機関の分担: {}", c.description.clone().unwrap_or_default()),
                        Lang::En => format!("The institution's part: {}", c.description.clone().unwrap_or_default()),
                    },
                }]);
                satisfied.push(json!({
                    "uuid": uuid_for(&format!("satisfied/{base}")),
                    "responsibility-uuid": resp,
                    "description": match lang {
                        Lang::Ja => format!("医療機関が担う分担({} との共同)", c.party),
                        Lang::En => format!("The institution carries its part (shared with {})", c.party),
                    },
                }));
            }
            by.push(json!({
                "component-uuid": component_uuid(&c.party),
                "uuid": uuid_for(&format!("by-component/{base}")),
                "description": describe(lang, c),
                "export": export,
            }));
        }
        if !inherited.is_empty() || !own.is_empty() {
            let mut inst = json!({
                "component-uuid": this_system,
                "uuid": uuid_for(&format!("by-component/{key}/{}/institution", r.requirement)),
                "description": if own.is_empty() {
                    t(lang, "事業者・再委託先から継承する。", "Inherited from the vendors and subcontractors.").to_string()
                } else {
                    own.join(" / ")
                },
            });
            if !inherited.is_empty() {
                inst["inherited"] = Value::Array(inherited);
            }
            if !satisfied.is_empty() {
                inst["satisfied"] = Value::Array(satisfied);
            }
            by.insert(0, inst);
        }
        let mut ir = json!({
            "uuid": uuid_for(&format!("implemented-requirement/{key}/{}", r.requirement)),
            "control-id": r.requirement,
        });
        let mut remarks: Vec<String> = r.title.iter().map(|x| x.get(lang).to_string()).collect();
        if !r.unassigned_in.is_empty() {
            remarks.push(match lang {
                Lang::Ja => format!("責任主体なし(契約 {})", gap_text(r)),
                Lang::En => format!("No owner in contract {}", gap_text(r)),
            });
        }
        if !remarks.is_empty() {
            ir["remarks"] = json!(remarks.join(" — "));
        }
        if !by.is_empty() {
            ir["by-components"] = Value::Array(by);
        }
        reqs.push(ir);
    }
    let catalog_resource = uuid_for("resource/sansho-catalog");
    let doc = json!({
        "system-security-plan": {
            "uuid": uuid_for(&format!("ssp/{key}")),
            "metadata": {
                "title": match lang {
                    Lang::Ja => format!("責任分界({})", contract_names.join(", ")),
                    Lang::En => format!("Responsibility split ({})", contract_names.join(", ")),
                },
                "last-modified": format!("{as_of}T00:00:00+09:00"),
                "version": sansho_engine::check::VERSION,
                "oscal-version": OSCAL_VERSION,
                "roles": [{"id": "provider", "title": t(lang, "提供者", "Provider")}],
                "parties": parties,
            },
            "import-profile": {"href": format!("#{catalog_resource}")},
            "system-characteristics": {
                "system-ids": [{"identifier-type": "http://ietf.org/rfc/rfc4122", "id": this_system}],
                "system-name": systems.join(", "),
                "description": match lang {
                    Lang::Ja => format!("契約 {} の対象システム。医療機関: {}。", contract_names.join(", "), institutions.iter().map(|p| p.organization.as_str()).collect::<Vec<_>>().join(", ")),
                    Lang::En => format!("Systems covered by contracts {}. Institution: {}.", contract_names.join(", "), institutions.iter().map(|p| p.organization.as_str()).collect::<Vec<_>>().join(", ")),
                },
                "system-information": {"information-types": [{
                    "uuid": uuid_for("information-type/medical-information"),
                    "title": t(lang, "医療情報", "Medical information"),
                    "description": t(lang, "診療録等の医療情報(要配慮個人情報)。", "Medical records and other medical information (special-care personal information)."),
                }]},
                "status": {"state": "operational"},
                "authorization-boundary": {"description": match lang {
                    Lang::Ja => format!("契約の対象システム: {}", systems.join(", ")),
                    Lang::En => format!("The systems the contracts cover: {}", systems.join(", ")),
                }},
            },
            "system-implementation": {
                "users": [{"uuid": uuid_for("user/institution-staff"), "title": t(lang, "医療機関の職員", "Institution staff")}],
                "components": components,
            },
            "control-implementation": {
                "description": t(lang, "sansho の要件カタログ(3省2ガイドライン・チェックリスト)の要件ごとの責任分界。control-id は sansho の要件 ID。", "The responsibility split per requirement of sansho's catalog (MHLW/METI/MIC guidelines and checklist); control-id is the sansho requirement id."),
                "implemented-requirements": reqs,
            },
            "back-matter": {"resources": [{
                "uuid": catalog_resource,
                "title": t(lang, "sansho 要件カタログ", "sansho requirement catalog"),
                "description": "policies/catalog/requirements.yaml",
            }]},
        }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
