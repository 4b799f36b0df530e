# METADATA
# title: System supplied by a vendor with no contract in the inventory
# description: |
#   A medical information system in service names a vendor (spec.vendor) but no Contract in the
#   inventory covers it: none lists it under spec.systems, and the contracts it names under
#   spec.contracts are not in the inventory. Without the contract nothing shows the vendor's
#   obligations or the split of responsibilities. Guideline 6.0 (経営管理編 1章 and 5.2) asks
#   the institution to settle the responsibilities of outsourcing in a contract.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-009
#   severity: high
#   level: error
#   requirements: [g6.gov.5.2, g6.gov.1.3]
#   applies_to: [institution, vendor]
#   resources: [System]
#   title_ja: 事業者が提供するシステムの契約がインベントリにない
#   description_ja: |
#     稼働中の医療情報システムが事業者(spec.vendor)を記録しているのに、インベントリのどの契約(Contract)も
#     そのシステムを対象としていない(spec.systems に挙げる契約がなく、システムの spec.contracts が挙げる契約も
#     インベントリにない)。契約がなければ事業者の義務も責任分界も示せない。ガイドライン第6.0版 経営管理編 1章・5.2 は
#     委託の責任を契約で定めることを求めている。
#   remediation_en: |
#     Add the contract with the vendor as a Contract document listing the system under
#     spec.systems (and name it in the system's spec.contracts).
#   remediation_ja: |
#     事業者との契約を Contract として追加し、spec.systems にこのシステムを挙げてください(システムの
#     spec.contracts にも契約名を記録してください)。
package sansho.rules.contract.system_without_contract

import data.sansho.lib
import rego.v1

_contract_names := {c.metadata.name | some c in input.contracts}

# Systems some contract lists under spec.systems.
_listed := {n | some c in input.contracts; some n in object.get(c.spec, "systems", [])}

# Listed by a contract, else naming one that exists (the second is looked at only when needed).
_covered(s) := true if s.metadata.name in _listed

else := true if {
	some cn in object.get(s.spec, "contracts", [])
	cn in _contract_names
}

deny contains f if {
	some s in input.systems
	s.spec.vendor
	not _covered(s)
	lib.active_system(s)
	lib.medical(s)
	count(object.get(s.spec, "contracts", [])) == 0
	f := lib.finding(
		s, "spec.vendor",
		sprintf("%s は事業者 %s が提供していますが、対象とする契約がインベントリにありません。委託の責任は契約で定める必要があります(ガイドライン第6.0版 経営管理編 1章・5.2)。", [s.metadata.name, s.spec.vendor]),
		sprintf("%s is supplied by %s but no contract in the inventory covers it; outsourcing responsibilities must be settled by a contract (Guideline 6.0 governance ch. 1 and 5.2).", [s.metadata.name, s.spec.vendor]),
	)
}

deny contains f if {
	some s in input.systems
	s.spec.vendor
	not _covered(s)
	lib.active_system(s)
	lib.medical(s)
	named := object.get(s.spec, "contracts", [])
	count(named) > 0
	f := lib.finding(
		s, "spec.contracts",
		sprintf("%s は事業者 %s の契約 %s を挙げていますが、その契約がインベントリにありません。委託の責任は契約で定める必要があります(ガイドライン第6.0版 経営管理編 1章・5.2)。", [s.metadata.name, s.spec.vendor, concat(", ", named)]),
		sprintf("%s names contract %s with %s, but that contract is not in the inventory; outsourcing responsibilities must be settled by a contract (Guideline 6.0 governance ch. 1 and 5.2).", [s.metadata.name, concat(", ", named), s.spec.vendor]),
	)
}
