# METADATA
# title: Waiver expires soon
# description: |
#   A waiver expires within the warning window (parameter waiver_expiry_warning_days, 30 days
#   by default). Plan the fix or the renewal before it lapses and the findings fail the run.
# custom:
#   id: SNS-WAIVER-002
#   severity: low
#   level: warning
#   requirements: [sansho.waiver.accountable]
#   applies_to: [institution, vendor]
#   resources: [Waiver]
#   stage: waivers
#   title_ja: 例外承認(waiver)の期限が近い
#   description_ja: |
#     waiver が警告期間(パラメータ waiver_expiry_warning_days、既定 30 日)以内に期限を迎える。
#     期限切れで指摘が不合格に戻る前に、是正又は再承認を計画すること。
#   remediation_en: Fix the gap before the expiry date, or renew the approval.
#   remediation_ja: 期限までに是正するか、再承認を得てください。
package sansho.rules.waivers.waiver_expiring

import data.sansho.lib
import rego.v1

deny contains f if {
	some w in input.waivers
	left := lib.days_left(w.spec.expires)
	left >= 0
	left <= lib.param("waiver_expiry_warning_days")
	f := lib.finding(
		w, "spec.expires",
		sprintf("waiver %s は %s に期限を迎えます(残り %d 日)。", [w.metadata.name, w.spec.expires, left]),
		sprintf("Waiver %s expires on %s (%d days left).", [w.metadata.name, w.spec.expires, left]),
	)
}
