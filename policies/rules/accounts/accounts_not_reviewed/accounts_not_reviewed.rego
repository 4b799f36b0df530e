# METADATA
# title: Accounts not reviewed, or unused accounts still active
# description: |
#   A medical information system in use has no record that its accounts were reviewed (the
#   periodic ID inventory) within account_review_max_days, or within the system's own
#   spec.accounts.review.interval_days when that is shorter; or it keeps active accounts whose
#   last login (last_login_on) is more than account_unused_max_days ago. Both thresholds are
#   sansho's defaults. Checklist 2-⑤ asks for unneeded accounts — leavers and unused ones — to be
#   deleted, and Guideline 6.0 システム運用編 14 for a periodic inventory of IDs and rights.
#   Accounts of people who have left are SNS-ACCT-001's and are not repeated here; service
#   accounts and accounts without a recorded last login are not judged unused. The wording of
#   checklist 2-⑤ is unverified against the primary text / 一次資料で未確認, so a finding about
#   unused accounts alone is a warning.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-ACCT-002
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.2.5, chk.r7.vend.2.5, g6.sys.14.7]
#   applies_to: [institution, vendor]
#   resources: [System]
#   treatment: automated
#   title_ja: アカウントが定期確認されていない、又は使われていないアカウントが有効なまま残っている
#   description_ja: |
#     稼働中の医療情報システムで、アカウントの定期確認(ID の棚卸)の記録が account_review_max_days 以内
#     (システム自身の spec.accounts.review.interval_days の方が短ければその日数以内)にない、又は最終ログイン
#     (last_login_on)から account_unused_max_days を超えたアカウントが有効なまま残っている。いずれも sansho の
#     既定値。チェックリスト 2-⑤ は退職者や使われていないアカウント等の不要なアカウントの削除を、システム運用編 14 は
#     ID・権限の定期的な棚卸を求めている。退職者のアカウントは SNS-ACCT-001 が指摘するため重複させない。
#     サービス用アカウントと最終ログインの記録がないアカウントは未使用と判定しない。チェックリスト 2-⑤ の文言は
#     一次資料で未確認のため、未使用アカウントだけの指摘は警告とする。
#   remediation_en: |
#     Review the accounts at least every account_review_max_days and record it
#     (spec.accounts.review.last_reviewed_on); disable or delete accounts no longer used (status
#     disabled or deleted).
#   remediation_ja: |
#     少なくとも account_review_max_days ごとにアカウントを確認して記録し(spec.accounts.review.last_reviewed_on)、
#     使われなくなったアカウントは無効化又は削除してください(status を disabled 又は deleted)。
package sansho.rules.accounts.accounts_not_reviewed

import data.sansho.lib
import rego.v1

_review_reqs := ["chk.r7.inst.2.5", "chk.r7.vend.2.5", "g6.sys.14.7"]

_unused_reqs := ["chk.r7.inst.2.5", "chk.r7.vend.2.5"]

# The review interval: the parameter, or the system's own interval when shorter.
_limit(s) := n if {
	n := min([lib.param("account_review_max_days"), s.spec.accounts.review.interval_days])
} else := lib.param("account_review_max_days")

# Dates are YYYY-MM-DD, so string order is date order: a review is too old when it sorts before
# the cutoff of the system's limit, the later of the parameter's cutoff and that of its own
# interval. The cutoff of each interval the systems record (a handful of values) is computed
# once, so no date is converted for a system reviewed in time.
_param_cutoff := lib.date_days_before_as_of(lib.param("account_review_max_days"))

_interval_cutoffs := {n: lib.date_days_before_as_of(n) |
	some n in {s.spec.accounts.review.interval_days | some s in input.systems}
}

_review_cutoff(s) := max({_param_cutoff, _interval_cutoffs[s.spec.accounts.review.interval_days]}) if {
	s.spec.accounts.review.interval_days
} else := _param_cutoff

_review_path(s) := "spec.accounts.review" if {
	s.spec.accounts.review
} else := "spec.accounts" if {
	s.spec.accounts
} else := "spec"

_review(s) := [p] if {
	not s.spec.accounts.review.last_reviewed_on
	p := {
		"path": _review_path(s), "reqs": _review_reqs,
		"ja": "アカウントの定期確認(棚卸)の記録がない",
		"en": "no review (inventory) of the accounts is recorded",
	}
} else := [p] if {
	on := s.spec.accounts.review.last_reviewed_on
	on < _review_cutoff(s)
	age := lib.age_days(on)
	p := {
		"path": "spec.accounts.review.last_reviewed_on", "reqs": _review_reqs,
		"ja": sprintf("最後の確認が %s(%d 日前、%d 日以内が必要)", [on, age, _limit(s)]),
		"en": sprintf("the accounts were last reviewed on %s, %d days ago (at most %d)", [on, age, _limit(s)]),
	}
} else := []

# Leavers are SNS-ACCT-001's.
# Dates are YYYY-MM-DD, so string order is date order: compared to cutoffs computed once.
_left(acct) if acct.left_on <= lib.as_of

_unused_cutoff := lib.date_days_before_as_of(lib.param("account_unused_max_days"))

# The cutoff is bound before the scan, and checked first: most accounts were used recently.
_unused_accounts(s) := [[i, acct.id] |
	cutoff := _unused_cutoff
	some i, acct in object.get(s.spec, ["accounts", "list"], [])
	acct.last_login_on < cutoff
	acct.status == "active"
	object.get(acct, "kind", "personal") != "service"
	not _left(acct)
]

_unused(s) := [p] if {
	us := _unused_accounts(s)
	count(us) > 0
	ids := concat(", ", [u[1] | some u in us])
	p := {
		"path": _unused_path(us), "reqs": _unused_reqs,
		"ja": sprintf("%d 日を超えて使われていない有効なアカウント: %s", [lib.param("account_unused_max_days"), ids]),
		"en": sprintf("active accounts unused for more than %d days: %s", [lib.param("account_unused_max_days"), ids]),
	}
} else := []

_unused_path(us) := sprintf("spec.accounts.list[%d]", [us[0][0]]) if count(us) == 1

_unused_path(us) := "spec.accounts.list" if count(us) > 1

_level(reqs) := "error" if "g6.sys.14.7" in reqs

_level(reqs) := "warning" if not "g6.sys.14.7" in reqs

deny contains f if {
	some s in input.systems
	s.spec.status in {"in_use", "retiring"}
	lib.medical(s)
	ps := array.concat(_review(s), _unused(s))
	count(ps) > 0
	reqs := sort({r | some p in ps; some r in p.reqs})
	f := object.union(
		lib.finding_at_level(
			s, ps[0].path,
			sprintf("%s のアカウント: %s。チェックリスト 2-⑤ は不要なアカウントの削除を、システム運用編 14 は ID の定期的な棚卸を求めています。", [s.metadata.name, concat("、", [p.ja | some p in ps])]),
			sprintf("Accounts of %s: %s. Checklist item 2-⑤ asks for unneeded accounts to be deleted and Guideline 6.0 system operation 14 for a periodic inventory of IDs.", [s.metadata.name, concat("; ", [p.en | some p in ps])]),
			_level(reqs),
		),
		{"requirements": reqs},
	)
}
