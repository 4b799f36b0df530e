# METADATA
# title: Two contracts for the same system both place a requirement
# description: |
#   Two contracts in force cover the same system and both assign the same requirement, at least
#   one of them to someone other than the institution (for example the EHR maintenance contract
#   and a separate cloud backup contract both give the EHR's backups to their vendor, or one
#   gives them to a vendor while the other keeps them with the institution). The requirement then
#   has more than one accountable owner, and in an incident each side can point at the other.
#   The vendor guideline 2.0 (4.2) asks for a clear split; Guideline 6.0 (システム運用編 3
#   遵守事項③) asks for the technical roles to be made clear. Contradictions inside one contract
#   are SNS-CONTRACT-013. One finding per later contract (by name) and requirement, at its entry.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-020
#   severity: high
#   level: error
#   requirements: [v2.4.2, g6.sys.3.3]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 同じシステムの二つの契約が同じ要件をそれぞれ割り当てている
#   description_ja: |
#     同じシステムを対象とする有効な二つの契約が、同じ要件をそれぞれ割り当て、少なくとも一方が医療機関以外を
#     責任主体としている(例: 電子カルテ保守契約と別のクラウドバックアップ契約がともに電子カルテのバックアップを
#     自社の責任とする、又は一方は事業者、他方は医療機関とする)。要件の責任主体が一つに定まらず、インシデント時に
#     互いに相手の責任とすることになりうる。提供事業者ガイドライン第2.0版 4.2 は明確な役割分担を、ガイドライン
#     第6.0版 システム運用編 3 遵守事項③は技術的な役割分担の明確化を求めている。一つの契約内の矛盾は
#     SNS-CONTRACT-013 が指摘する。名前順で後の契約・要件ごとに、その項目で一件指摘する。
#   remediation_en: |
#     Decide which contract carries the requirement for the system: keep the entry there, remove
#     or narrow it in the other, or make it shared in one contract with a description of the split.
#   remediation_ja: |
#     そのシステムの要件をどの契約が担うかを決め、一方にだけ項目を残してください。実際に分担する場合は一方の契約で
#     shared とし、分担を description に記述してください。
package sansho.rules.contract.responsibility_double_claim

import data.sansho.lib
import rego.v1

_contracts := {c.metadata.name: c | some c in input.contracts; lib.contract_in_force(c)}

# The contracts in force for each system: pairs are formed per system, not over every two
# contracts of the inventory (which grows with the square of the contracts).
_by_system[s] contains n if {
	some n, c in _contracts
	some s in object.get(c.spec, "systems", [])
}

# Names of two contracts in force that share a system, each pair once.
_pairs contains [a, b] if {
	some names in _by_system
	some a in names
	some b in names
	a < b
}

# [contract name, index, owner] of each contract's first entry for `req`.
_entry(c, req) := [i, r.owner] if {
	idx := [j | some j, r in c.spec.responsibilities; r.requirement == req]
	i := idx[0]
	r := c.spec.responsibilities[i]
}

_common(a, b) := {s | some s in object.get(a.spec, "systems", [])} & {s | some s in object.get(b.spec, "systems", [])}

deny contains f if {
	some [an, bn] in _pairs
	a := _contracts[an]
	b := _contracts[bn]
	systems := _common(a, b)
	count(systems) > 0
	some req in {r.requirement | some r in object.get(b.spec, "responsibilities", [])}
	ea := _entry(a, req)
	eb := _entry(b, req)
	{ea[1], eb[1]} != {"institution"}
	f := lib.finding(
		b, sprintf("spec.responsibilities[%d].owner", [eb[0]]),
		sprintf("契約 %s は %s を %s に割り当てていますが、同じシステム(%s)の契約 %s も %s に割り当てています。要件の責任主体は一つに定める必要があります(提供事業者ガイドライン 4.2、ガイドライン第6.0版 システム運用編 3 遵守事項③)。", [b.metadata.name, req, eb[1], concat(", ", sort(systems)), a.metadata.name, ea[1]]),
		sprintf("Contract %s gives %s to %s, but contract %s for the same system (%s) gives it to %s; a requirement needs exactly one accountable owner (vendor guideline 4.2, Guideline 6.0 system operation 3 ③).", [b.metadata.name, req, eb[1], a.metadata.name, concat(", ", sort(systems)), ea[1]]),
	)
}
