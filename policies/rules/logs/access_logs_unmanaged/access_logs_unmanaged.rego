# METADATA
# title: Access logs not kept, protected or reviewed
# description: |
#   A medical information system does not record access logs, does not protect them against
#   deletion and alteration, keeps them for less than the institution's retention period, or
#   has not had them reviewed within the review interval (checklist 2-⑪; Guideline 6.0
#   システム運用編 17 遵守事項①②). Retention and review interval are parameters
#   (access_log_min_retention_days, access_log_review_max_days): the guideline sets no figure.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
# custom:
#   id: SNS-LOG-001
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.2.11, chk.r7.vend.2.11, g6.sys.17.1, g6.sys.17.2, g6.mgmt.5.2, g6.mgmt.5.3]
#   applies_to: [institution, vendor]
#   resources: [System]
#   title_ja: アクセスログが記録・保護・確認されていない
#   description_ja: |
#     医療情報システムがアクセスログを記録していない、削除・改ざんから保護していない、
#     定めた保存期間より短くしか保存していない、または確認間隔内に確認していない
#     (チェックリスト 2-⑪、ガイドライン第6.0版 システム運用編 17 遵守事項①②)。
#     保存期間と確認間隔はパラメータ(access_log_min_retention_days, access_log_review_max_days)。
#   remediation_en: |
#     Record access logs (spec.access_logs.enabled), protect them (tamper_protected), keep
#     them at least the retention period (retention_days) and record each review
#     (review.last_reviewed_on).
#   remediation_ja: |
#     アクセスログを記録し(spec.access_logs.enabled)、改ざん防止(tamper_protected)、保存期間(retention_days)を満たし、
#     確認のたびに review.last_reviewed_on を記録してください。
package sansho.rules.logs.access_logs_unmanaged

import data.sansho.lib
import rego.v1

_issues(s) := [[true, "spec", "アクセスログの記録状況(access_logs)が記録されていない", "no access-log information recorded (access_logs)"]] if {
	not s.spec.access_logs
}

_issues(s) := [[true, "spec.access_logs.enabled", "アクセスログを記録していない", "access logs are not recorded"]] if {
	object.get(s.spec.access_logs, "enabled", false) != true
}

# Computed once. Dates are YYYY-MM-DD, so string order is date order.
_max_age := lib.param("access_log_review_max_days")

_min_keep := lib.param("access_log_min_retention_days")

_review_cutoff := lib.date_days_before_as_of(_max_age)

_issues(s) := issues if {
	logs := s.spec.access_logs
	logs.enabled == true
	max_age := _max_age
	min_keep := _min_keep
	cutoff := _review_cutoff
	keep := object.get(logs, "retention_days", 0)
	reviewed := object.get(logs, ["review", "last_reviewed_on"], null)
	issues := array.concat(
		array.concat(
			[i |
				object.get(logs, "tamper_protected", false) != true
				i := [true, "spec.access_logs.tamper_protected", "削除・改ざんから保護されていない", "not protected against deletion and alteration"]
			],
			[i |
				keep < min_keep
				i := [true, "spec.access_logs.retention_days", sprintf("保存期間が %v 日(%v 日以上が必要)", [keep, min_keep]), sprintf("kept for %v days (at least %v required)", [keep, min_keep])]
			],
		),
		array.concat(
			[i |
				reviewed == null
				i := [true, "spec.access_logs.review", "確認した記録がない", "no review recorded"]
			],
			[i |
				reviewed != null
				reviewed < cutoff
				i := [true, "spec.access_logs.review.last_reviewed_on", sprintf("最終確認が %v(%v 日以内の確認が必要)", [reviewed, max_age]), sprintf("last reviewed on %v (a review within %v days is required)", [reviewed, max_age])]
			],
		),
	)
}

deny contains f if {
	some s in input.systems
	s.spec.status != "planned"
	lib.active_system(s)
	lib.medical(s)
	is := _issues(s)
	count(is) > 0
	f := lib.finding(
		s, is[0][1],
		sprintf("%s のアクセスログ: %s。チェックリスト 2-⑪、システム運用編 17 は記録・保護・定期確認を求めています。", [s.metadata.name, concat("、", [i[2] | some i in is])]),
		sprintf("Access logs of %s: %s. Checklist item 2-⑪ and Guideline 6.0 system operation 17 require them to be recorded, protected and reviewed regularly.", [s.metadata.name, concat("; ", [i[3] | some i in is])]),
	)
}
