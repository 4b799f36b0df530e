# METADATA
# title: Two-factor authentication not in place
# description: |
#   A medical information system that will still be in use in 令和9年度 (FY2027) has no
#   two-factor authentication for its users. The checklist (2-⑩) and Guideline 6.0
#   (システム運用編 14) set the end of 令和9年度 (2028-03-31) as the deadline: before it the
#   finding is a warning that counts the days left, after it an error. The deadline is the
#   catalog's `due` date of chk.r7.inst.2.10; a system retired before FY2027 is not asked.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
# custom:
#   id: SNS-AUTH-002
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.10, chk.r7.vend.2.10, g6.sys.14.5, g6.mgmt.13.2]
#   applies_to: [institution, vendor]
#   resources: [System]
#   title_ja: 二要素認証が導入されていない
#   description_ja: |
#     令和9年度にも稼働している医療情報システムで、利用者の二要素認証が導入されていない。
#     チェックリスト 2-⑩ とガイドライン第6.0版(システム運用編 14)は令和9年度末(2028-03-31)までの
#     導入を求めている。期限前は残り日数を示す警告、期限後はエラーとする。期限はカタログの
#     chk.r7.inst.2.10 の due を使う。令和9年度より前に廃止するシステムは対象外。
#   remediation_en: |
#     Enable two-factor authentication for all users (spec.authentication.two_factor: enabled
#     true, scope all_users, methods), or record the retirement date (spec.retire_on) if the
#     system leaves service before April 2027.
#   remediation_ja: |
#     全利用者に二要素認証を導入し(spec.authentication.two_factor の enabled: true、scope: all_users、methods)、
#     2027年4月より前に廃止する場合は spec.retire_on に廃止日を記録してください。
package sansho.rules.auth.two_factor_missing

import data.sansho.lib
import rego.v1

_due := data.sansho.requirements["chk.r7.inst.2.10"].due

# FY2027 starts on 2027-04-01: systems retired before then are out of scope.
_fy2027_start := "2027-04-01"

_retires_before_fy2027(s) if lib.days_between(s.spec.retire_on, _fy2027_start) > 0

_covered(s) if {
	tf := s.spec.authentication.two_factor
	tf.enabled == true
	tf.scope == "all_users"
}

_state(s) := "記録されていない" if not s.spec.authentication.two_factor

_state(s) := "無効" if s.spec.authentication.two_factor.enabled == false

_state(s) := sprintf("対象が %v のみ", [s.spec.authentication.two_factor.scope]) if {
	s.spec.authentication.two_factor.enabled == true
	s.spec.authentication.two_factor.scope != "all_users"
}

_state_en(s) := "not recorded" if not s.spec.authentication.two_factor

_state_en(s) := "disabled" if s.spec.authentication.two_factor.enabled == false

_state_en(s) := sprintf("limited to %v", [s.spec.authentication.two_factor.scope]) if {
	s.spec.authentication.two_factor.enabled == true
	s.spec.authentication.two_factor.scope != "all_users"
}

_path(s) := "spec.authentication.two_factor" if s.spec.authentication.two_factor

_path(s) := "spec.authentication" if not s.spec.authentication.two_factor

deny contains f if {
	some s in input.systems
	not _covered(s)
	lib.active_system(s)
	lib.medical(s)
	not _retires_before_fy2027(s)
	left := lib.days_left(_due)
	left >= 0
	f := lib.finding_at_level(
		s, _path(s),
		sprintf("%s の二要素認証が%sです。令和9年度末(%s)までに導入が必要です(残り %d 日)。チェックリスト 2-⑩、システム運用編 14。", [s.metadata.name, _state(s), _due, left]),
		sprintf("Two-factor authentication of %s is %s; it must be in place by the end of FY2027 (%s), %d days from now (checklist 2-⑩, Guideline 6.0 system operation 14).", [s.metadata.name, _state_en(s), _due, left]),
		"warning",
	)
}

deny contains f if {
	some s in input.systems
	not _covered(s)
	lib.active_system(s)
	lib.medical(s)
	not _retires_before_fy2027(s)
	late := 0 - lib.days_left(_due)
	late > 0
	f := lib.finding(
		s, _path(s),
		sprintf("%s の二要素認証が%sです。期限の令和9年度末(%s)を %d 日過ぎています。チェックリスト 2-⑩、システム運用編 14。", [s.metadata.name, _state(s), _due, late]),
		sprintf("Two-factor authentication of %s is %s; the FY2027 deadline (%s) passed %d days ago (checklist 2-⑩, Guideline 6.0 system operation 14).", [s.metadata.name, _state_en(s), _due, late]),
	)
}
