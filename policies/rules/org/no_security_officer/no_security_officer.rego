# METADATA
# title: No security officer appointed
# description: |
#   The institution (or vendor) names no person responsible for the security of its medical
#   information systems. Checklist item 1-① asks every institution, and every vendor for the
#   systems it supplies, to appoint one — ideally a member of management.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-ORG-001
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.1.1, chk.r7.vend.1.1]
#   applies_to: [institution, vendor]
#   resources: [Organization]
#   title_ja: 医療情報システム安全管理責任者が置かれていない
#   description_ja: |
#     医療機関(または事業者)に医療情報システムの安全管理責任者が定められていない。
#     チェックリスト 1-① は医療機関に、事業者確認用 1-① は事業者に、責任者(できれば経営層)の設置を求めている。
#   remediation_en: Appoint a security officer and record them under spec.security_officer (name, title, appointed_on).
#   remediation_ja: 安全管理責任者を任命し、spec.security_officer(氏名・役職・任命日)に記録してください。
package sansho.rules.org.no_security_officer

import data.sansho.lib
import rego.v1

deny contains f if {
	some org in input.organizations
	org.spec.type != "subcontractor"
	not _named(org)
	f := lib.finding(
		org, "spec.security_officer",
		sprintf("%s に安全管理責任者(spec.security_officer.name)が記録されていません。チェックリスト 1-① は責任者の設置を求めています。", [org.metadata.name]),
		sprintf("%s records no security officer (spec.security_officer.name); checklist item 1-① requires one to be appointed.", [org.metadata.name]),
	)
}

_named(org) if trim_space(org.spec.security_officer.name) != ""
