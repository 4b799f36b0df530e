# METADATA
# title: A requirement in scope of a vendor contract has no owner
# description: |
#   A contract in force with a vendor records a split of responsibilities, but leaves out a
#   requirement that every such contract must assign: each id in the
#   contract_required_responsibilities parameter (by default security patches, checklist 2-⑥,
#   and backups, checklist 3-② — sansho's default, the guidelines leave the list to the parties)
#   and, when the contract permits remote maintenance, the remote maintenance devices
#   (checklist 2-②). Nobody is accountable for a requirement left out of the split. The vendor
#   guideline 2.0 (4.2) asks for a clear split; Guideline 6.0 (システム運用編 3 遵守事項③) asks for
#   the technical roles to be made clear. A requirement that, for each of the contract's
#   systems, another contract in force for that system assigns counts as assigned. A contract
#   with no split at all is reported by SNS-CONTRACT-010 instead; contracts whose systems all
#   hold no medical information are not asked.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-019
#   severity: high
#   level: error
#   requirements: [v2.4.2, g6.sys.3.3]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約で対象の要件に責任主体がない
#   description_ja: |
#     有効な事業者との契約に責任分界はあるが、どの契約でも割り当てるべき要件が抜けている。パラメータ
#     contract_required_responsibilities の各要件(既定はセキュリティパッチ 2-⑥ とバックアップ 3-②。一覧は
#     当事者に委ねられており、これは sansho の既定値)と、リモートメンテナンスを許可する契約ではリモート保守機器
#     (2-②)。責任分界から抜けた要件は誰も責任を負わない。提供事業者ガイドライン第2.0版 4.2 は明確な役割分担を、
#     ガイドライン第6.0版 システム運用編 3 遵守事項③は技術的な役割分担の明確化を求めている。対象システムごとに、
#     そのシステムを対象とする別の有効な契約が割り当てている要件は、割り当て済みとみなす。責任分界がまったくない
#     契約は SNS-CONTRACT-010 が指摘する。対象システムがすべて医療情報を扱わない契約は対象外。
#   remediation_en: |
#     Add an entry under spec.responsibilities for each requirement listed in the finding, with
#     its owner (institution, vendor, shared with a description, or subcontractor:<name>) and
#     the document that backs it.
#   remediation_ja: |
#     指摘された要件ごとに spec.responsibilities に項目を追加し、責任主体(institution、vendor、説明付きの
#     shared、subcontractor:<名前>)と根拠文書を記録してください。
package sansho.rules.contract.responsibility_gap

import data.sansho.lib
import rego.v1

# The requirements a contract must assign.
_scope(c) := {r | some r in lib.param("contract_required_responsibilities")} | _remote(c)

_remote(c) := {"chk.r7.inst.2.2"} if c.spec.clauses.remote_maintenance.permitted == true

_remote(c) := set() if not c.spec.clauses.remote_maintenance.permitted == true

# The requirements in scope that neither the contract (its own assignments gathered once) nor
# other contracts assign.
_missing(c) := sort([r |
	own := {e.requirement | some e in c.spec.responsibilities}
	some r in _scope(c)
	not r in own
	not _assigned_by_others(c, r)
])

# Every system of the contract has another contract in force that assigns it (e.g. a separate
# backup service contract for the EHR): the requirement has an owner, just not in this contract.
_assigned_by_others(c, r) if {
	names := object.get(c.spec, "systems", [])
	count(names) > 0
	every s in names {
		_assigned_elsewhere(c, s, r)
	}
}

# [system, requirement] for every assignment of a contract in force: built once, so the check
# is a lookup, not a scan of every contract per contract (quadratic). When `c` itself assigns
# `r` the first `_assigned` clause holds already, so any pair found here is another contract's.
_assigned_pairs contains [s, e.requirement] if {
	some other in input.contracts
	lib.contract_in_force(other)
	some s in object.get(other.spec, "systems", [])
	some e in object.get(other.spec, "responsibilities", [])
}

_assigned_elsewhere(_, s, r) if [s, r] in _assigned_pairs

# The vendor contracts in force, about medical information, that record a split.
_checked(c) if {
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	count(object.get(c.spec, "responsibilities", [])) > 0
}

# For `sansho matrix`: the in-scope requirements each contract leaves without an owner, so the
# matrix shows the same gaps as this rule (one definition of the scope).
unassigned := {c.metadata.name: missing |
	some c in input.contracts
	_checked(c)
	missing := _missing(c)
	count(missing) > 0
}

deny contains f if {
	some c in input.contracts
	_checked(c)
	missing := _missing(c)
	count(missing) > 0
	f := lib.finding(
		c, "spec.responsibilities",
		sprintf("契約 %s の責任分界に %s の責任主体がありません。対象の要件ごとに、誰が担うかを一つに定める必要があります(提供事業者ガイドライン 4.2、ガイドライン第6.0版 システム運用編 3 遵守事項③)。", [c.metadata.name, concat("、", missing)]),
		sprintf("Contract %s assigns no owner to %s; each requirement in scope needs exactly one accountable owner (vendor guideline 4.2, Guideline 6.0 system operation 3 ③).", [c.metadata.name, concat(", ", missing)]),
	)
}
