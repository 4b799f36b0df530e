# METADATA
# title: Shared accounts in use
# description: |
#   A medical information system keeps active shared accounts (spec.accounts.list entries of kind
#   shared), or records that shared accounts exist (spec.accounts.shared_accounts: true). A shared
#   ID does not identify who used the system, and its password is known to more than one person.
#   Guideline 6.0 システム運用編 14 asks for each user to be identified and authenticated and for
#   IDs and passwords to be known only to their holder. Disabled or deleted shared accounts are
#   not reported; service and maintenance accounts are not shared accounts.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-ACCT-003
#   severity: medium
#   level: error
#   requirements: [g6.sys.14.1, g6.sys.14.2]
#   applies_to: [institution, vendor]
#   resources: [System]
#   treatment: automated
#   title_ja: 共用アカウントが使われている
#   description_ja: |
#     医療情報システムに有効な共用アカウント(spec.accounts.list の kind: shared)がある、又は共用アカウントが
#     あると記録されている(spec.accounts.shared_accounts: true)。共用 ID では誰が利用したかを識別できず、
#     パスワードを複数人が知ることになる。システム運用編 14 は利用者の識別・認証と、ID・パスワードを本人しか
#     知らない状態に保つことを求めている。無効化・削除済みの共用アカウントは指摘しない。サービス用・保守用の
#     アカウントは共用アカウントとしない。
#   remediation_en: |
#     Give every user a personal account, disable the shared ones (status disabled or deleted) and
#     record spec.accounts.shared_accounts: false.
#   remediation_ja: |
#     利用者ごとに個人のアカウントを発行し、共用アカウントを無効化(status を disabled 又は deleted)して、
#     spec.accounts.shared_accounts: false を記録してください。
package sansho.rules.accounts.shared_accounts_in_use

import data.sansho.lib
import rego.v1

_shared(s) := [[i, acct.id] |
	some i, acct in object.get(s.spec, ["accounts", "list"], [])
	acct.kind == "shared"
	acct.status == "active"
]

_path(sh) := sprintf("spec.accounts.list[%d]", [sh[0][0]]) if count(sh) == 1

_path(sh) := "spec.accounts.list" if count(sh) > 1

_path(sh) := "spec.accounts.shared_accounts" if count(sh) == 0

_what(sh) := [
	sprintf("有効な共用アカウント %s があります", [concat(", ", [x[1] | some x in sh])]),
	sprintf("keeps active shared accounts (%s)", [concat(", ", [x[1] | some x in sh])]),
] if count(sh) > 0

_what(sh) := ["共用アカウントがあると記録されています(shared_accounts: true)", "records that shared accounts exist (shared_accounts: true)"] if count(sh) == 0

_flagged(_, sh) if count(sh) > 0

_flagged(s, _) if s.spec.accounts.shared_accounts == true

deny contains f if {
	some s in input.systems
	lib.active_system(s)
	lib.medical(s)
	sh := _shared(s)
	_flagged(s, sh)
	w := _what(sh)
	f := lib.finding(
		s, _path(sh),
		sprintf("%s は%s。システム運用編 14 は利用者の識別と、ID・パスワードを本人しか知らない状態に保つことを求めています。", [s.metadata.name, w[0]]),
		sprintf("%s %s; Guideline 6.0 system operation 14 asks for each user to be identified and for IDs and passwords to be known only to their holder.", [s.metadata.name, w[1]]),
	)
}
