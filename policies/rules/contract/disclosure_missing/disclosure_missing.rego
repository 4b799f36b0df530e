# METADATA
# title: Vendor contract lists no MDS/SDS security disclosure
# description: |
#   A contract in force with a vendor lists no security disclosure of the right kind under
#   spec.disclosures: an MDS (製造業者による医療情報セキュリティ開示書) for each covered
#   on-premise system, an SDS (サービス事業者による開示書) for each covered cloud or SaaS system,
#   either for a hybrid one, and either when the contract names no system in the inventory. The
#   vendor checklist 2-③ asks vendors to submit the MDS/SDS to the institution; the JAHIS/JIRA
#   MDS/SDS guide asks vendors to disclose their security functions in that standard form; the
#   vendor guideline 2.0 (4.1) asks them to give institutions the information needed to reach a
#   shared understanding. Whether the institution received it for each system
#   (System.spec.disclosure, checklist 2-③ for institutions) is checked by another rule.
# related_resources:
#   - ref: https://www.jahis.jp/standard/detail/id=1119
#     description: JAHIS/JIRA MDS/SDS guide Ver.5.0
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-CONTRACT-015
#   severity: high
#   level: error
#   requirements: [mds.v5.provide, chk.r7.vend.2.3, v2.4.1]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約に MDS/SDS(セキュリティ開示書)がない
#   description_ja: |
#     有効な事業者との契約の spec.disclosures に、適切な種類の開示書がない。対象のオンプレミスのシステムには MDS
#     (製造業者による医療情報セキュリティ開示書)、クラウド・SaaS のシステムには SDS(サービス事業者による開示書)、
#     ハイブリッドにはどちらか、インベントリにある対象システムがない契約にはどちらかが必要。事業者確認用チェックリスト
#     2-③ は MDS/SDS の医療機関への提出を、JAHIS/JIRA の MDS/SDS ガイドは標準書式での開示を、提供事業者ガイドライン
#     第2.0版 4.1 は共通理解のための情報提供を求めている。医療機関がシステムごとに受領したか(System.spec.disclosure、
#     医療機関確認用 2-③)は別のルールが確認する。
#   remediation_en: |
#     Obtain (or, as the vendor, issue) the MDS or SDS for the systems of the contract and record
#     it under spec.disclosures (type mds or sds, version, issued_on, reference).
#   remediation_ja: |
#     契約の対象システムの MDS 又は SDS を入手(事業者は発行)し、spec.disclosures に記録してください
#     (type: mds 又は sds、version、issued_on、reference)。
package sansho.rules.contract.disclosure_missing

import data.sansho.lib
import rego.v1

_service_hosting := {"saas", "public_cloud", "private_cloud"}

# The disclosure types that serve a system.
_needed(s) := {"mds"} if s.spec.hosting == "on_premise"

_needed(s) := {"sds"} if s.spec.hosting in _service_hosting

_needed(s) := {"mds", "sds"} if s.spec.hosting == "hybrid"

_known(c) := [s | some n in object.get(c.spec, "systems", []); s := lib.systems_by_name[n]]

_types(c) := {d.type | some d in object.get(c.spec, "disclosures", [])}

# [system name, acceptable types] for each system left without a disclosure.
# A contract's systems and disclosures are gathered once per contract, not once per system
# (a contract may cover many systems).
_unmet(c) := unmet if {
	known := _known(c)
	count(known) > 0
	types := _types(c)
	unmet := [[s.metadata.name, need] |
		some s in known
		lib.active_system(s)
		lib.medical(s)
		need := _needed(s)
		count(need & types) == 0
	]
} else := [["", {"mds", "sds"}]] if {
	count({"mds", "sds"} & _types(c)) == 0
} else := []

_label(need) := ["MDS", "MDS"] if need == {"mds"}

_label(need) := ["SDS", "SDS"] if need == {"sds"}

_label(need) := ["MDS 又は SDS", "MDS or SDS"] if need == {"mds", "sds"}

_part(need, names, lang) := _label(need)[lang] if count(names) == 0

_part(need, names, 0) := sprintf("%s(対象: %s)", [_label(need)[0], concat(", ", names)]) if count(names) > 0

_part(need, names, 1) := sprintf("%s (for %s)", [_label(need)[1], concat(", ", names)]) if count(names) > 0

_parts(unmet, lang) := [_part(need, names, lang) |
	some need in {u[1] | some u in unmet}
	names := sort([u[0] | some u in unmet; u[1] == need; u[0] != ""])
]

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	unmet := _unmet(c)
	count(unmet) > 0
	f := lib.finding(
		c, "spec.disclosures",
		sprintf("契約 %s に %s の開示書がありません。事業者は MDS/SDS を医療機関に提出する必要があります(事業者確認用 2-③、MDS/SDS ガイド、提供事業者ガイドライン 4.1)。", [c.metadata.name, concat("、", _parts(unmet, 0))]),
		sprintf("Contract %s lists no %s disclosure; the vendor must submit its MDS/SDS to the institution (vendor checklist 2-③, MDS/SDS guide, vendor guideline 4.1).", [c.metadata.name, concat(", ", _parts(unmet, 1))]),
	)
}
