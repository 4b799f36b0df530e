# METADATA
# title: Multi-factor authentication not enforced where the configuration can enforce it
# description: |
#   A Terraform plan or state creates a sign-in that the configuration itself could protect with
#   a second factor but does not: an Amazon Cognito user pool (the users of a SaaS) whose
#   mfa_configuration is OFF, or OPTIONAL (a warning: each user may opt out); an AWS IAM user with
#   a console password (aws_iam_user_login_profile) while no IAM policy in the same configuration
#   denies actions without aws:MultiFactorAuthPresent; an Azure AD conditional access policy set
#   to report-only or disabled although it requires MFA. The checklist (2-⑩) and Guideline 6.0
#   システム運用編 14 ask for two-factor authentication by FY2027; before that date findings are
#   warnings.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-IAC-007
#   severity: high
#   level: error
#   requirements: [g6.sys.14.5, chk.r7.vend.2.10]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: 構成で強制できる多要素認証が強制されていない
#   description_ja: |
#     Terraform のプラン又はステートが、構成自体で二要素目を強制できるサインインを保護していない:
#     mfa_configuration が OFF(OPTIONAL は利用者が外せるため警告)の Amazon Cognito ユーザプール(SaaS の
#     利用者)、同じ構成に aws:MultiFactorAuthPresent がない操作を拒否する IAM ポリシーがないのにコンソール
#     パスワード(aws_iam_user_login_profile)を持つ IAM ユーザ、MFA を要求するのにレポート専用又は無効の
#     Azure AD 条件付きアクセスポリシー。チェックリスト 2-⑩ とシステム運用編 14 は令和9年度までの二要素
#     認証を求めており、期限前の指摘は警告とする。
#   remediation_en: |
#     Set mfa_configuration = "ON" on Cognito user pools; attach a policy that denies everything
#     except MFA self-service when aws:MultiFactorAuthPresent is false (or use IAM Identity Center
#     with MFA); turn the conditional access policy on (state = "enabled").
#   remediation_ja: |
#     Cognito ユーザプールは mfa_configuration = "ON" にし、aws:MultiFactorAuthPresent が false のとき MFA の
#     自己設定以外を拒否するポリシーを付与する(又は MFA 付きの IAM Identity Center を使う)、条件付きアクセス
#     ポリシーを有効(state = "enabled")にしてください。
package sansho.rules.iac.console_mfa_missing

import data.sansho.lib
import rego.v1

_due := data.sansho.requirements["chk.r7.vend.2.10"].due

# Before the deadline: a warning.
_level(base) := "warning" if lib.days_left(_due) >= 0

_level(base) := base if lib.days_left(_due) < 0

_gaps contains [p, "values.mfa_configuration", "error", "Cognito ユーザプール %s の MFA が無効(OFF)です", "Cognito user pool %s has MFA off"] if {
	some p in lib.tf_resources("aws_cognito_user_pool")
	object.get(p.values, "mfa_configuration", "OFF") == "OFF"
}

_gaps contains [p, "values.mfa_configuration", "warning", "Cognito ユーザプール %s の MFA が任意(OPTIONAL)で、利用者が使わないことを選べます", "Cognito user pool %s has optional MFA: users may opt out"] if {
	some p in lib.tf_resources("aws_cognito_user_pool")
	p.values.mfa_configuration == "OPTIONAL"
}

_mfa_policy(p) if contains(object.get(p.values, "policy", ""), "aws:MultiFactorAuthPresent")

_enforced_by_policy if {
	some t in ["aws_iam_policy", "aws_iam_group_policy", "aws_iam_user_policy"]
	some p in lib.tf_resources(t)
	_mfa_policy(p)
}

_gaps contains [l, "", "error", "IAM ユーザのコンソールログイン %s に MFA を強制するポリシー(aws:MultiFactorAuthPresent)がありません", "Console login %s of an IAM user has no policy enforcing MFA (aws:MultiFactorAuthPresent)"] if {
	some l in lib.tf_resources("aws_iam_user_login_profile")
	not _enforced_by_policy
}

_gaps contains [p, "values.state", "error", "MFA を要求する条件付きアクセスポリシー %s が有効ではありません", "Conditional access policy %s requires MFA but is not enabled"] if {
	some p in lib.tf_resources("azuread_conditional_access_policy")
	some g in p.values.grant_controls
	"mfa" in g.built_in_controls
	p.values.state != "enabled"
}

deny contains f if {
	some g in _gaps
	[r, path, base, ja, en] := g
	f := object.union(
		lib.config_finding(
			r, path,
			sprintf("%s(チェックリスト 2-⑩、令和9年度目標)。", [sprintf(ja, [r.address])]),
			sprintf("%s (checklist 2-⑩, target FY2027).", [sprintf(en, [r.address])]),
		),
		{"level": _level(base)},
	)
}
