# METADATA
# title: Access rights not set by role or administrators not identified
# description: |
#   A medical information system in use does not set access rights by job role, has not reviewed
#   them within access_review_max_days, or has accounts with administrator rights that are not
#   listed among its administrators. Checklist 2-④ asks for rights by job type and information
#   class and, since R7, for clarity on who holds administrator rights (item text: secondary
#   source).
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-ACCESS-001
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.2.4, chk.r7.vend.2.4, g6.sys.14.4, g6.sys.14.7, g6.mgmt.13.4]
#   applies_to: [institution, vendor]
#   resources: [System]
#   treatment: automated
#   title_ja: 役割別のアクセス権限・管理者権限の対象者が管理されていない
#   description_ja: |
#     稼働中の医療情報システムで、職種・業務別のアクセス権限を設定していない、access_review_max_days 以内に見直していない、
#     または管理者権限を持つアカウントが管理者一覧に載っていない。チェックリスト 2-④ は職種・担当業務別の権限設定と、
#     R7 で管理者権限の対象者の明確化を求めている(項目文は二次資料による)。
#   remediation_en: |
#     Grant rights by role (spec.access_control.role_based: true, roles), record the review
#     (reviewed_on), and list every administrator account with its reason
#     (access_control.administrators).
#   remediation_ja: |
#     役割に基づき権限を付与し(spec.access_control.role_based: true、roles)、見直し日(reviewed_on)を記録し、
#     管理者権限を持つアカウントをすべて理由とともに access_control.administrators に記載してください。
package sansho.rules.access.access_rights_unmanaged

import data.sansho.lib
import rego.v1

# Messages that do not depend on the system are built once, not once per system.
_max_days := lib.param("access_review_max_days")

# Dates are YYYY-MM-DD, so string order is date order: reviewed_on < _cutoff ⇔ older than _max_days.
_cutoff := lib.date_days_before_as_of(_max_days)

_stale_ja := sprintf("%d 日以内の見直し記録がない", [_max_days])

_stale_en := sprintf("no review within %d days", [_max_days])

# Each problem is built only when it applies.
_problems(s) := ps if {
	ac := object.get(s.spec, "access_control", {})
	cutoff := _cutoff
	# Active administrator accounts missing from the administrators list (gathered here: helper
	# calls per system cost more than the checks on a large inventory).
	listed := {a.account | some a in object.get(ac, "administrators", [])}
	unlisted := sort([a.id |
		some a in object.get(object.get(s.spec, "accounts", {}), "list", [])
		a.administrator == true
		a.status == "active"
		not a.id in listed
	])
	ps := array.concat(
		array.concat(
			[p | object.get(ac, "role_based", false) != true; p := {"path": "spec.access_control", "ja": "役割(職種・業務)別の権限設定がない", "en": "rights are not set by role"}],
			# No review, or one before the cutoff.
			[p | not ac.reviewed_on >= cutoff; p := {"path": "spec.access_control", "ja": _stale_ja, "en": _stale_en}],
		),
		[p |
			count(unlisted) > 0
			p := {"path": "spec.accounts.list", "ja": sprintf("管理者一覧にない管理者アカウント: %s", [concat(", ", unlisted)]), "en": sprintf("administrator accounts not listed as administrators: %s", [concat(", ", unlisted)])}
		],
	)
}

_path(s, ps) := ps[0].path if s.spec.access_control

_path(s, ps) := "spec" if {
	not s.spec.access_control
	ps[0].path == "spec.access_control"
}

_path(s, ps) := ps[0].path if {
	not s.spec.access_control
	ps[0].path != "spec.access_control"
}

deny contains f if {
	some s in input.systems
	lib.active_system(s)
	lib.medical(s)
	ps := _problems(s)
	count(ps) > 0
	f := lib.finding(
		s, _path(s, ps),
		sprintf("%s のアクセス権限: %s。チェックリスト 2-④ は職種・担当業務別の権限設定と管理者権限の対象者の明確化を求めています。", [s.metadata.name, concat("、", [p.ja | some p in ps])]),
		sprintf("Access rights of %s: %s. Checklist item 2-④ asks for rights by job type and duties and for clarity on who holds administrator rights.", [s.metadata.name, concat("; ", [p.en | some p in ps])]),
	)
}
