# METADATA
# title: Contract has ended (or ends soon) while its systems are still in service
# description: |
#   The term of a contract (spec.term.end_on) has passed while a medical information system it
#   covers is still planned, in use or being retired, and is not due to retire by that date: the
#   vendor's obligations (incident notification, data handling, responsibilities) no longer bind.
#   Within contract_expiry_warning_days (90 by default, sansho's default) before the end, the
#   finding is a warning. Guideline 6.0 (経営管理編 1章 and 5.2) asks the institution to settle the
#   responsibilities of outsourcing in a contract.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-008
#   severity: high
#   level: error
#   requirements: [g6.gov.5.2, g6.gov.1.3]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 稼働中のシステムの契約が終了している(又はまもなく終了する)
#   description_ja: |
#     契約期間(spec.term.end_on)が過ぎているのに、その契約の対象の医療情報システムが計画中・稼働中・廃止作業中で、
#     その日までに廃止する予定もない。インシデント通知、データの取扱い、責任分界などの事業者の義務がもう及ばない。
#     終了日の contract_expiry_warning_days(既定 90 日。sansho の既定値)前からは警告とする。
#     ガイドライン第6.0版 経営管理編 1章・5.2 は委託の責任を契約で定めることを求めている。
#   remediation_en: |
#     Renew or extend the contract and record the new term (spec.term.end_on), or record the
#     system's retirement (spec.status, spec.retire_on).
#   remediation_ja: |
#     契約を更新・延長して新しい期間(spec.term.end_on)を記録するか、システムの廃止(spec.status、spec.retire_on)を
#     記録してください。
package sansho.rules.contract.contract_expired

import data.sansho.lib
import rego.v1

# Contract name -> names of the systems that list it under spec.contracts (one pass over the
# systems: an index, not a scan of every system per contract).
_claimed[cn] contains s.metadata.name if {
	some s in input.systems
	some cn in object.get(s.spec, "contracts", [])
}

# The systems the contract names, and those naming it.
_covered(c) := {n | some n in object.get(c.spec, "systems", [])} | _claimed_by(c.metadata.name)

# (A partial rule with no element is undefined in regorus, not an empty object.)
_claimed_by(cn) := _claimed[cn] if _claimed[cn]

else := set()

# The systems still needing the contract on its end date.
_needing(c) := sort([n |
	some n in _covered(c)
	s := lib.systems_by_name[n]
	lib.active_system(s)
	lib.medical(s)
	not _retires_by(s, c.spec.term.end_on)
])

_retires_by(s, end) if lib.days_between(s.spec.retire_on, end) >= 0

deny contains f if {
	some c in input.contracts
	late := 0 - lib.days_left(c.spec.term.end_on)
	late > 0
	names := _needing(c)
	count(names) > 0
	f := lib.finding(
		c, "spec.term.end_on",
		sprintf("契約 %s は %s に終了しています(%d 日経過)が、対象のシステム %s は稼働を続けています。委託の責任は契約で定める必要があります(ガイドライン第6.0版 経営管理編 1章・5.2)。", [c.metadata.name, c.spec.term.end_on, late, concat(", ", names)]),
		sprintf("Contract %s ended on %s (%d days ago) but it covers %s, still in service; outsourcing responsibilities must be settled by a contract in force (Guideline 6.0 governance ch. 1 and 5.2).", [c.metadata.name, c.spec.term.end_on, late, concat(", ", names)]),
	)
}

deny contains f if {
	some c in input.contracts
	left := lib.days_left(c.spec.term.end_on)
	left >= 0
	left <= lib.param("contract_expiry_warning_days")
	names := _needing(c)
	count(names) > 0
	f := lib.finding_at_level(
		c, "spec.term.end_on",
		sprintf("契約 %s は %s に終了します(残り %d 日)が、対象のシステム %s はその後も稼働する予定です。更新を準備してください(ガイドライン第6.0版 経営管理編 5.2)。", [c.metadata.name, c.spec.term.end_on, left, concat(", ", names)]),
		sprintf("Contract %s ends on %s (%d days left) while %s stays in service; prepare its renewal (Guideline 6.0 governance 5.2).", [c.metadata.name, c.spec.term.end_on, left, concat(", ", names)]),
		"warning",
	)
}
