# METADATA
# title: Vendor contract does not settle data return and erasure at its end
# description: |
#   A contract in force with a vendor does not say what happens to the data when it ends: the
#   exit clause is missing, or it does not oblige the vendor to return the data (data_return),
#   in a stated format, within a stated number of days, and to certify the erasure of its
#   copies (erasure_certificate). The vendor guideline 2.0 (3.2, contract end) asks both sides to
#   agree on return, migration and erasure; Guideline 6.0 (企画管理編 9 遵守事項④) asks for a
#   clause that keeps the records readable if the vendor's software loses support.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-003
#   severity: medium
#   level: error
#   requirements: [v2.3.2.3, g6.mgmt.9.4]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約に終了時のデータ返却・消去の取決めがない
#   description_ja: |
#     有効な事業者との契約で、契約終了時の取扱い(exit 条項)がない、又はデータの返却(data_return)、
#     返却形式(format)、返却期限(within_days)、複製の消去証明(erasure_certificate)のいずれかが
#     定められていない。提供事業者ガイドライン第2.0版 3.2(契約終了)は返却・移行・消去の取決めを、
#     ガイドライン第6.0版 企画管理編 9 遵守事項④はソフトウェアの保証喪失に備えた見読性確保の条項を求めている。
#   remediation_en: |
#     Add an exit clause (spec.clauses.exit): data_return true, the format of the returned data
#     (preferably a standard one such as SS-MIX2), within_days, and erasure_certificate true.
#   remediation_ja: |
#     契約終了時条項(spec.clauses.exit)を設け、data_return: true、返却形式(format。SS-MIX2 等の標準形式が望ましい)、
#     返却期限(within_days)、erasure_certificate: true を定めてください。
package sansho.rules.contract.exit_terms_missing

import data.sansho.lib
import rego.v1

_clause := "spec.clauses.exit"

# [field, test, ja, en]: what each part of the clause must say.
_parts := [
	["data_return", "true", "データ返却の義務(data_return: true)", "the duty to return the data (data_return: true)"],
	["format", "present", "返却形式(format)", "the format of the returned data (format)"],
	["within_days", "present", "返却期限(within_days)", "the deadline for the return (within_days)"],
	["erasure_certificate", "true", "消去証明(erasure_certificate: true)", "a certificate of erasure (erasure_certificate: true)"],
]

_missing(x, p) if {
	p[1] == "true"
	not x[p[0]] == true
}

_missing(x, p) if {
	p[1] == "present"
	not x[p[0]]
}

_missing(x, p) if {
	p[1] == "present"
	x[p[0]] == false
}

_gaps(c) := [p | some p in _parts; _missing(c.spec.clauses.exit, p)]

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	not c.spec.clauses.exit
	f := lib.finding(
		c, _clause,
		sprintf("契約 %s に契約終了時の取扱い(exit 条項)がありません。データの返却・形式・期限と消去証明を定める必要があります(提供事業者ガイドライン 3.2、ガイドライン第6.0版 企画管理編 9 遵守事項④)。", [c.metadata.name]),
		sprintf("Contract %s has no exit clause; it must settle the return of the data, its format and deadline, and a certificate of erasure (vendor guideline 3.2, Guideline 6.0 planning 9 ④).", [c.metadata.name]),
	)
}

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	c.spec.clauses.exit
	gaps := _gaps(c)
	count(gaps) > 0
	f := lib.finding(
		c, _path(gaps),
		sprintf("契約 %s の契約終了時条項に %s が定められていません(提供事業者ガイドライン 3.2、ガイドライン第6.0版 企画管理編 9 遵守事項④)。", [c.metadata.name, concat("、", [p[2] | some p in gaps])]),
		sprintf("The exit clause of contract %s does not state %s (vendor guideline 3.2, Guideline 6.0 planning 9 ④).", [c.metadata.name, concat(", ", [p[3] | some p in gaps])]),
	)
}

_path(gaps) := sprintf("%s.%s", [_clause, gaps[0][0]]) if count(gaps) == 1

_path(gaps) := _clause if count(gaps) > 1
