# METADATA
# title: Information critical to continuing care not identified
# description: |
#   The institution has not recorded which information it needs to keep treating patients
#   (spec.continuity.critical_information_identified is not true, or no item is listed in
#   spec.continuity.critical_information). Checklist item 3-② asks the institution first to decide
#   which information is needed to continue care and then to back up the data and systems that
#   hold it; the backups themselves are checked per system by SNS-BAK-001.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-ORG-005
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.3.2]
#   applies_to: [institution]
#   resources: [Organization]
#   treatment: automated
#   title_ja: 診療継続に必要な情報が特定されていない
#   description_ja: |
#     医療機関が診療の継続に必要な情報を特定した記録がない(spec.continuity.critical_information_identified が
#     true でない、又は spec.continuity.critical_information に項目がない)。チェックリスト 3-② は、診療継続に必要な
#     情報を検討したうえで、それを保持するデータ・システムをバックアップすることを求めている(バックアップ自体は
#     システムごとに SNS-BAK-001 が確認する)。
#   remediation_en: |
#     Decide which information is needed to keep treating patients (e.g. patient master data,
#     prescriptions, allergies, test results) and record it: spec.continuity with
#     critical_information_identified: true, the list in critical_information and identified_on.
#   remediation_ja: |
#     診療継続に必要な情報(患者基本情報、処方歴、アレルギー、検査結果など)を検討し、spec.continuity に
#     critical_information_identified: true、critical_information(一覧)、identified_on を記録してください。
package sansho.rules.org.critical_information_unidentified

import data.sansho.lib
import rego.v1

_continuity(o) := object.get(o.spec, "continuity", {})

_items(o) := [x | some x in object.get(_continuity(o), "critical_information", [])]

_path(o) := "spec.continuity.critical_information_identified" if {
	o.spec.continuity
	not o.spec.continuity.critical_information_identified == true
}

_path(o) := "spec.continuity.critical_information" if {
	o.spec.continuity.critical_information_identified == true
	count(_items(o)) == 0
}

_path(o) := "spec" if not o.spec.continuity

_why(o) := {"ja": "診療継続に必要な情報を特定した記録がない(critical_information_identified)", "en": "it has not recorded that the information needed to continue care is identified (critical_information_identified)"} if {
	not o.spec.continuity.critical_information_identified == true
}

_why(o) := {"ja": "特定済みとしているが、情報の一覧(critical_information)が空", "en": "it says the information is identified but lists none (critical_information)"} if {
	o.spec.continuity.critical_information_identified == true
	count(_items(o)) == 0
}

deny contains f if {
	some o in lib.institutions
	lib.own(o)
	w := _why(o)
	f := lib.finding(
		o, _path(o),
		sprintf("%s: %s。チェックリスト 3-② は、診療継続に必要な情報を検討し、そのデータ・システムをバックアップすることを求めています。", [o.metadata.name, w.ja]),
		sprintf("%s: %s. Checklist item 3-② asks for the information needed to continue care to be identified and its data and systems backed up.", [o.metadata.name, w.en]),
	)
}
