# METADATA
# title: Accounts of people who have left are still active
# description: |
#   A medical information system keeps an active account whose holder has left (left_on on
#   or before the evaluation date). Checklist item 2-⑤ asks for accounts of leavers and
#   unused accounts to be deleted. The item's numbering and wording in the R7 sheet are
#   inferred, not verified against the primary text, so this rule reports warnings only.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
# custom:
#   id: SNS-ACCT-001
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.5, chk.r7.vend.2.5]
#   applies_to: [institution, vendor]
#   resources: [System]
#   title_ja: 退職者のアカウントが有効なまま残っている
#   description_ja: |
#     医療情報システムに、退職日(left_on)が評価日以前の利用者のアカウントが有効なまま残っている。
#     チェックリスト 2-⑤ は退職者や使われていないアカウントの削除を求めている。
#     R7 の番号・文言は一次資料で未確認(推定)のため、このルールは警告のみを出す。
#   remediation_en: Disable or delete the account (status disabled or deleted) on the day its holder leaves.
#   remediation_ja: 退職日にアカウントを無効化又は削除し、status を disabled 又は deleted にしてください。
package sansho.rules.accounts.leaver_account_active

import data.sansho.lib
import rego.v1

deny contains f if {
	# Dates are YYYY-MM-DD, so string order is date order: left on or before the evaluation date.
	as_of := lib.as_of
	some s in input.systems
	lib.active_system(s)
	some i, acct in object.get(s.spec, ["accounts", "list"], [])
	acct.left_on <= as_of
	acct.status == "active"
	f := lib.finding(
		s, sprintf("spec.accounts.list[%d]", [i]),
		sprintf("%s のアカウント %s(%s)は %s に退職した利用者のものですが有効なままです。チェックリスト 2-⑤ は不要なアカウントの削除を求めています。", [s.metadata.name, acct.id, object.get(acct, "holder", "氏名未記録"), acct.left_on]),
		sprintf("Account %s (%s) of %s belongs to someone who left on %s but is still active; checklist item 2-⑤ asks for unneeded accounts to be deleted.", [acct.id, object.get(acct, "holder", "holder not recorded"), s.metadata.name, acct.left_on]),
	)
}
