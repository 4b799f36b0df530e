# METADATA
# title: Waiver has expired
# description: |
#   A waiver's expiry date (inclusive, JST) is before the evaluation date. An expired waiver
#   no longer suppresses anything: the findings it covered are open again. Renew it with a
#   new approval, or fix the gap and delete it.
# custom:
#   id: SNS-WAIVER-001
#   severity: medium
#   level: error
#   requirements: [sansho.waiver.accountable]
#   applies_to: [institution, vendor]
#   resources: [Waiver]
#   stage: waivers
#   title_ja: 例外承認(waiver)の期限が切れている
#   description_ja: |
#     waiver の有効期限(当日を含む、日本時間)が評価日より前になっている。期限切れの waiver は
#     指摘を抑止しないため、対象の指摘は再び未対応として扱われる。再承認して期限を更新するか、
#     是正して waiver を削除すること。
#   remediation_en: Fix the gap and delete the waiver, or have it approved again with a new expires date.
#   remediation_ja: 是正して waiver を削除するか、再承認を得て expires を更新してください。
package sansho.rules.waivers.waiver_expired

import data.sansho.lib
import rego.v1

deny contains f if {
	some w in input.waivers
	late := 0 - lib.days_left(w.spec.expires)
	late > 0
	f := lib.finding(
		w, "spec.expires",
		sprintf("waiver %s は %s に期限切れです(%d 日超過)。対象の指摘は抑止されていません。承認者: %s", [w.metadata.name, w.spec.expires, late, w.spec.approver]),
		sprintf("Waiver %s expired on %s (%d days ago); the findings it covered are open again. Approver: %s", [w.metadata.name, w.spec.expires, late, w.spec.approver]),
	)
}
