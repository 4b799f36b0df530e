# METADATA
# title: Vendor contract does not keep the data in Japan
# description: |
#   A contract in force with a vendor lets the data leave Japan: its data location clause names a
#   country other than JP or a governing law that is not Japanese, names no country, or is
#   missing while the contract covers a system the vendor hosts (anything but on-premise, or a
#   system not in the inventory). The vendor guideline 2.0 (6.1) asks that medical information
#   be kept where Japanese law can be enforced. An on-premise-only maintenance contract without
#   the clause is not reported; a clause it does have is still checked.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-CONTRACT-002
#   severity: high
#   level: error
#   requirements: [v2.6.1]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約でデータの保存場所が国内に限定されていない
#   description_ja: |
#     有効な事業者との契約で、データ所在地条項が JP 以外の国や日本法以外の準拠法を定めている、国を定めていない、
#     又は事業者がホスティングするシステム(オンプレミス以外、又はインベントリにないシステム)を対象とするのに
#     条項がない。提供事業者ガイドライン第2.0版 6.1 は、医療情報を国内法の執行が及ぶ場所に保存することを求めている。
#     オンプレミスだけの保守契約は条項がなくても指摘しないが、条項があれば内容を確認する。
#   remediation_en: |
#     Add a data location clause (spec.clauses.data_location) limiting the data and its copies to
#     Japan (countries: [JP]) under Japanese law (jurisdiction, e.g. 日本法).
#   remediation_ja: |
#     データ所在地条項(spec.clauses.data_location)で、データと複製の保存場所を国内(countries: [JP])、
#     準拠法を日本法(jurisdiction)に限定してください。
package sansho.rules.contract.data_location_not_limited_to_japan

import data.sansho.lib
import rego.v1

# Every system the contract names is known and on-premise: the vendor holds no data.
_on_premise_only(c) if {
	names := object.get(c.spec, "systems", [])
	count(names) > 0
	every n in names {
		lib.systems_by_name[n].spec.hosting == "on_premise"
	}
}

_japanese(j) if regex.match(`(?i)(日本|japan|^\s*jp\s*$)`, j)

_clause := "spec.clauses.data_location"

_issues(c) := [{"path": _clause, "ja": "データ所在地条項がありません", "en": "there is no data location clause"}] if {
	not c.spec.clauses.data_location
	not _on_premise_only(c)
}

_issues(c) := array.concat(
	array.concat(
		[i |
			count(object.get(c.spec.clauses.data_location, "countries", [])) == 0
			i := {"path": sprintf("%s.countries", [_clause]), "ja": "保存国(countries)が定められていません", "en": "no country is named (countries)"}
		],
		[i |
			foreign := [x | some x in object.get(c.spec.clauses.data_location, "countries", []); x != "JP"]
			count(foreign) > 0
			i := {
				"path": sprintf("%s.countries", [_clause]),
				"ja": sprintf("国外の保存国 %s が含まれています", [concat(", ", foreign)]),
				"en": sprintf("it allows countries outside Japan: %s", [concat(", ", foreign)]),
			}
		],
	),
	[i |
		j := c.spec.clauses.data_location.jurisdiction
		not _japanese(j)
		i := {
			"path": sprintf("%s.jurisdiction", [_clause]),
			"ja": sprintf("準拠法が「%s」です", [j]),
			"en": sprintf("the governing law is %q", [j]),
		}
	],
) if c.spec.clauses.data_location

_path(issues) := issues[0].path if count(issues) == 1

_path(issues) := _clause if count(issues) > 1

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	issues := _issues(c)
	count(issues) > 0
	f := lib.finding(
		c, _path(issues),
		sprintf("契約 %s: %s。医療情報とその複製の保存場所は国内法の執行が及ぶ範囲(国内、日本法)に限る必要があります(提供事業者ガイドライン 6.1)。", [c.metadata.name, concat("、", [i.ja | some i in issues])]),
		sprintf("Contract %s: %s; medical information and its copies must be kept where Japanese law can be enforced (in Japan, under Japanese law; vendor guideline 6.1).", [c.metadata.name, concat("; ", [i.en | some i in issues])]),
	)
}
