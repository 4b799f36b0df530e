# METADATA
# title: Vendor runs the backups but the contract sets no recovery targets
# description: |
#   A contract in force makes the vendor responsible for backups — a responsibility for a backup
#   requirement (checklist 3-②, Guideline 6.0 システム運用編 11・12) owned by the vendor, shared,
#   or owned by a subcontractor, or a covered system the vendor hosts as a cloud service — but
#   sets no recovery point objective (rpo_hours) or recovery time objective (rto_hours).
#   Guideline 6.0 (企画管理編 2) asks the institution and the vendor to agree who does what in
#   normal times and in an emergency; when the vendor holds the backups, how much data can be lost
#   and how soon service comes back are part of that agreement. The RPO/RTO form is sansho's
#   reading, so this rule only warns.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-007
#   severity: medium
#   level: warning
#   requirements: [g6.mgmt.2.1]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: バックアップを事業者が担うのに契約に復旧目標がない
#   description_ja: |
#     有効な契約でバックアップが事業者の責任になっている(チェックリスト 3-②、ガイドライン第6.0版 システム運用編 11・12 の
#     要件の分担が事業者・共同・再委託先、又は事業者がクラウドサービスとして提供するシステムを対象とする)のに、
#     目標復旧時点(rpo_hours)又は目標復旧時間(rto_hours)が定められていない。ガイドライン第6.0版 企画管理編 2 は
#     通常時・非常時の責任分界の取決めを求めており、事業者がバックアップを持つ場合はどこまでのデータを失いうるか、
#     いつまでに復旧するかがその一部となる。RPO/RTO の形は sansho の解釈のため、警告にとどめる。
#   remediation_en: |
#     Agree on recovery targets and record them in spec.clauses.service_levels (rpo_hours and
#     rto_hours, and availability_percent if agreed).
#   remediation_ja: |
#     復旧目標を合意し、spec.clauses.service_levels に記録してください(rpo_hours と rto_hours。合意があれば
#     availability_percent も)。
package sansho.rules.contract.service_levels_missing

import data.sansho.lib
import rego.v1

# Requirements about taking and restoring backups.
_backup_requirements := {"chk.r7.inst.3.2", "chk.r7.vend.3.2", "g6.sys.11.1.f", "g6.sys.11.2", "g6.sys.12.b"}

_service_hosting := {"saas", "public_cloud", "private_cloud"}

# Why the backups are the vendor's: [ja, en].
_reasons(c) := array.concat(
	[[sprintf("%s の分担が %s", [r.requirement, r.owner]), sprintf("%s is owned by %s", [r.requirement, r.owner])] |
		some r in object.get(c.spec, "responsibilities", [])
		r.requirement in _backup_requirements
		r.owner != "institution"
	],
	[[sprintf("%s を %s として提供", [n, s.spec.hosting]), sprintf("%s is provided as %s", [n, s.spec.hosting])] |
		some n in object.get(c.spec, "systems", [])
		s := lib.systems_by_name[n]
		lib.active_system(s)
		lib.medical(s)
		s.spec.hosting in _service_hosting
	],
)

_gaps(c) := [g |
	some g in ["rpo_hours", "rto_hours"]
	not is_number(c.spec.clauses.service_levels[g])
]

_path(gaps) := sprintf("spec.clauses.service_levels.%s", [gaps[0]]) if count(gaps) == 1

_path(gaps) := "spec.clauses.service_levels" if count(gaps) > 1

deny contains f if {
	some c in input.contracts
	lib.contract_in_force(c)
	reasons := _reasons(c)
	count(reasons) > 0
	gaps := _gaps(c)
	count(gaps) > 0
	f := lib.finding(
		c, _path(gaps),
		sprintf("契約 %s ではバックアップを事業者が担います(%s)が、%s が定められていません。通常時・非常時の責任分界として復旧目標を合意する必要があります(ガイドライン第6.0版 企画管理編 2)。", [c.metadata.name, reasons[0][0], concat("・", gaps)]),
		sprintf("In contract %s the vendor holds the backups (%s) but the contract sets no %s; the recovery targets belong in the agreed split of responsibilities for normal times and emergencies (Guideline 6.0 planning 2).", [c.metadata.name, reasons[0][1], concat(" or ", gaps)]),
	)
}
