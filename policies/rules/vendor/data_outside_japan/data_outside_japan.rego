# METADATA
# title: Medical information kept by a vendor outside Japan
# description: |
#   A vendor or subcontractor keeps customer data outside Japan or under a foreign law
#   (spec.vendor_profile.data_locations), or a medical information system supplied or run by a
#   vendor keeps its data, a copy or a backup outside Japan (spec.data_locations,
#   spec.backups[].location). The vendor guideline 2.0 (6.1) asks that medical information be
#   kept where Japanese law can be enforced. Primary, backup and DR copies (and locations whose
#   purpose is not stated) are errors. Whether places used only for support are included is not
#   verified against the primary text, so a finding about support locations alone is a warning.
#   Vendors described from the other side (spec.counterparty: true) are checked too: where the
#   data is kept matters to the institution as much as to the vendor.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-VENDOR-002
#   severity: high
#   level: error
#   requirements: [v2.6.1]
#   applies_to: [institution, vendor]
#   resources: [Organization, System]
#   title_ja: 事業者が医療情報を国外に保存している
#   description_ja: |
#     事業者・再委託先が顧客データを国外又は外国法の下に保存している(spec.vendor_profile.data_locations)、又は
#     事業者が提供・運用する医療情報システムのデータ・複製・バックアップが国外にある(spec.data_locations、
#     spec.backups[].location)。提供事業者ガイドライン第2.0版 6.1 は、医療情報を国内法の執行が及ぶ場所に保存する
#     ことを求めている。本番・バックアップ・DR(用途の記載がないものを含む)はエラー。サポート用の拠点が含まれるかは
#     一次資料で未確認のため、サポート用の拠点だけの指摘は警告とする。取引先として記載された事業者
#     (spec.counterparty: true)も対象とする。データの所在は事業者だけでなく医療機関の問題でもある。
#   remediation_en: |
#     Keep the data and every copy in Japan under Japanese law (country JP), and record the
#     locations; move support access that reads the data to Japan or stop it.
#   remediation_ja: |
#     データとすべての複製を国内(country: JP)・日本法の下に置き、所在地を記録してください。データを参照する
#     サポート拠点も国内に移すか、参照をやめてください。
package sansho.rules.vendor.data_outside_japan

import data.sansho.lib
import rego.v1

_orgs := {o.metadata.name: o | some o in input.organizations}

# A vendor named, else an operator that is one (looked up only when no vendor is named).
_external_party(s) := true if s.spec.vendor

else := true if _orgs[s.spec.operator].spec.type in {"vendor", "subcontractor"}

_japanese(j) if regex.match(`(?i)(日本|japan|^\s*jp\s*$)`, j)

# Why a location is not in Japan, or undefined when it is.
_problem(loc) := [sprintf("国 %s", [loc.country]), sprintf("country %s", [loc.country]), "country"] if loc.country != "JP"

_problem(loc) := [sprintf("準拠法「%s」", [loc.jurisdiction]), sprintf("governing law %q", [loc.jurisdiction]), "jurisdiction"] if {
	loc.country == "JP"
	not _japanese(loc.jurisdiction)
}

# Offending places: {path, list, what (ja/en), serious}.
_offending(list, locs) := [o |
	some i, loc in locs
	p := _problem(loc)
	purpose := object.get(loc, "purpose", "")
	o := {
		"path": sprintf("%s[%d].%s", [list, i, p[2]]),
		"list": list,
		"ja": sprintf("%s(%s)", [p[0], _purpose_ja(purpose)]),
		"en": sprintf("%s (%s)", [p[1], _purpose_en(purpose)]),
		"serious": purpose != "support",
	}
]

_backups(s) := [o |
	some i, b in object.get(s.spec, "backups", [])
	p := _problem(b.location)
	o := {
		"path": sprintf("spec.backups[%d].location.%s", [i, p[2]]),
		"list": "spec.backups",
		"ja": sprintf("%s(バックアップ %s)", [p[0], b.name]),
		"en": sprintf("%s (backup %s)", [p[1], b.name]),
		"serious": true,
	}
]

_purpose_ja(p) := {"primary": "本番", "backup": "バックアップ", "dr": "DR", "support": "サポート", "": "用途の記載なし"}[p]

_purpose_en(p) := {"primary": "primary", "backup": "backup", "dr": "DR", "support": "support", "": "purpose not stated"}[p]

_path(offs) := offs[0].path if count(offs) == 1

_path(offs) := offs[0].list if {
	count(offs) > 1
	count({o.list | some o in offs}) == 1
}

_path(offs) := "spec" if count({o.list | some o in offs}) > 1

_finding(doc, offs, ja, en) := lib.finding(doc, _path(offs), ja, en) if {
	some o in offs
	o.serious
}

_finding(doc, offs, ja, en) := lib.finding_at_level(doc, _path(offs), ja, en, "warning") if {
	every o in offs {
		not o.serious
	}
}

deny contains f if {
	some org in input.organizations
	org.spec.type in {"vendor", "subcontractor"}
	offs := _offending("spec.vendor_profile.data_locations", object.get(org.spec, ["vendor_profile", "data_locations"], []))
	count(offs) > 0
	f := _finding(
		org, offs,
		sprintf("事業者 %s はデータを国外又は外国法の下に置いています: %s。医療情報は国内法の執行が及ぶ場所に保存する必要があります(提供事業者ガイドライン 6.1)。", [org.metadata.name, concat("、", [o.ja | some o in offs])]),
		sprintf("Vendor %s keeps data outside Japan or under foreign law: %s; medical information must be kept where Japanese law can be enforced (vendor guideline 6.1).", [org.metadata.name, concat(", ", [o.en | some o in offs])]),
	)
}

deny contains f if {
	some s in input.systems
	lib.active_system(s)
	lib.medical(s)
	_external_party(s)
	offs := array.concat(_offending("spec.data_locations", object.get(s.spec, "data_locations", [])), _backups(s))
	count(offs) > 0
	f := _finding(
		s, offs,
		sprintf("事業者が提供・運用する %s のデータが国外又は外国法の下にあります: %s。医療情報は国内法の執行が及ぶ場所に保存する必要があります(提供事業者ガイドライン 6.1)。", [s.metadata.name, concat("、", [o.ja | some o in offs])]),
		sprintf("Data of %s, supplied or run by a vendor, is kept outside Japan or under foreign law: %s; medical information must be kept where Japanese law can be enforced (vendor guideline 6.1).", [s.metadata.name, concat(", ", [o.en | some o in offs])]),
	)
}
