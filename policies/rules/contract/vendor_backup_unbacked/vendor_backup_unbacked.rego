# METADATA
# title: The vendor owns the backups but its inventory shows no offline or immutable copy
# description: |
#   In the vendor's own inventory (the contract's vendor party is an Organization the inventory
#   speaks for), a contract in force gives a backup requirement (checklist 3-②, Guideline 6.0
#   システム運用編 11) to the vendor, to a subcontractor or to both sides (shared), but none of
#   the contract's systems in the inventory records a backup with an offline or immutable copy
#   (System.spec.backups[].offline / immutable). What the vendor claims in the contract must be
#   backed by what it runs: the checklist 3-② and Guideline 6.0 システム運用編 11 ask for backups
#   that survive a ransomware attack. The recovery targets in the contract are checked by
#   SNS-CONTRACT-007; an institution's inventory, which does not describe the vendor's backups,
#   is not asked.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-CONTRACT-021
#   severity: high
#   level: error
#   requirements: [chk.r7.vend.3.2, g6.sys.11.2, v2.4.2]
#   applies_to: [vendor]
#   resources: [Contract, System]
#   title_ja: 事業者がバックアップを担うのに、事業者のインベントリにオフライン・改変不能な複製がない
#   description_ja: |
#     事業者自身のインベントリ(契約の vendor 当事者がインベントリの自組織)で、有効な契約がバックアップの要件
#     (チェックリスト 3-②、ガイドライン第6.0版 システム運用編 11)を事業者・再委託先・共同(shared)に割り当てて
#     いるのに、インベントリにある契約の対象システムのどれにも、オフライン又は改変不能な複製のあるバックアップ
#     (System.spec.backups[].offline / immutable)が記録されていない。契約で引き受けたことは実際の運用で裏付ける
#     必要がある。チェックリスト 3-② とガイドライン第6.0版 システム運用編 11 はランサムウェア攻撃に耐える
#     バックアップを求めている。契約の復旧目標は SNS-CONTRACT-007 が確認する。事業者のバックアップを記述しない
#     医療機関のインベントリは対象外。
#   remediation_en: |
#     Record the backups of the contract's systems under System.spec.backups with at least one
#     copy that is offline (offline: true) or immutable (immutable: true); if the backups are
#     really the institution's, change the owner in the contract.
#   remediation_ja: |
#     契約の対象システムの System.spec.backups に、オフライン(offline: true)又は改変不能(immutable: true)な
#     複製を少なくとも一つ記録してください。実際には医療機関が担う場合は、契約の責任主体を改めてください。
package sansho.rules.contract.vendor_backup_unbacked

import data.sansho.lib
import rego.v1

_own_vendors := {o.metadata.name |
	some o in input.organizations
	o.spec.type == "vendor"
	lib.own(o)
}

_backup_requirements := {"chk.r7.inst.3.2", "chk.r7.vend.3.2", "g6.sys.11.1.f", "g6.sys.11.2", "g6.sys.12.b"}

_ours(c) if {
	some p in c.spec.parties
	p.role == "vendor"
	p.organization in _own_vendors
}

_resilient(c) if {
	some n in object.get(c.spec, "systems", [])
	some b in object.get(lib.systems_by_name[n].spec, "backups", [])
	_safe_copy(b)
}

_safe_copy(b) if b.offline == true

_safe_copy(b) if b.immutable == true

deny contains f if {
	some c in input.contracts
	lib.contract_in_force(c)
	_ours(c)
	some i, r in object.get(c.spec, "responsibilities", [])
	r.requirement in _backup_requirements
	r.owner != "institution"
	not _resilient(c)
	f := lib.finding(
		c, sprintf("spec.responsibilities[%d].owner", [i]),
		sprintf("契約 %s は %s(バックアップ)を %s に割り当てていますが、インベントリの対象システム(%s)にオフライン又は改変不能な複製のあるバックアップが記録されていません。契約で引き受けたバックアップは実際の運用で裏付ける必要があります(チェックリスト 3-②、ガイドライン第6.0版 システム運用編 11)。", [c.metadata.name, r.requirement, r.owner, concat(", ", object.get(c.spec, "systems", []))]),
		sprintf("Contract %s gives %s (backups) to %s, but no system of the contract in this inventory (%s) records a backup with an offline or immutable copy; backups the vendor takes on must be backed by what it runs (checklist 3-②, Guideline 6.0 system operation 11).", [c.metadata.name, r.requirement, r.owner, concat(", ", object.get(c.spec, "systems", []))]),
	)
}
