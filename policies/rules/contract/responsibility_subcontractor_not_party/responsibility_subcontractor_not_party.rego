# METADATA
# title: Responsibility given to a subcontractor that is not a party of the contract
# description: |
#   An entry of a contract's split of responsibilities is owned by `subcontractor:<name>`, but
#   the contract has no party <name> with role subcontractor. The requirement is handed to an
#   organization the contract does not bind (or binds in another role), so nobody can show it is
#   carried. The vendor guideline 2.0 (2章・3章) asks vendors to manage their subcontractors and
#   (4.2) to make the split clear.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-CONTRACT-014
#   severity: medium
#   level: error
#   requirements: [v2.3.3, v2.4.2]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 契約の当事者でない再委託先に責任が割り当てられている
#   description_ja: |
#     契約の責任分界の項目の責任主体が subcontractor:<名前> なのに、契約に role が subcontractor の当事者 <名前> がない。
#     契約が拘束しない(又は別の立場で拘束する)組織に要件が割り当てられており、誰が担うかを示せない。
#     提供事業者ガイドライン第2.0版(2章・3章)は再委託先の管理を、4.2 は明確な役割分担を求めている。
#   remediation_en: |
#     Add the subcontractor to spec.parties (role subcontractor, with what it does under `for`),
#     or correct the owner.
#   remediation_ja: |
#     再委託先を spec.parties に追加する(role: subcontractor、担当を for に記述)か、責任主体を直してください。
package sansho.rules.contract.responsibility_subcontractor_not_party

import data.sansho.lib
import rego.v1

_prefix := "subcontractor:"

deny contains f if {
	some c in input.contracts
	subs := {p.organization | some p in c.spec.parties; p.role == "subcontractor"}
	some i, r in object.get(c.spec, "responsibilities", [])
	startswith(r.owner, _prefix)
	name := substring(r.owner, count(_prefix), -1)
	not name in subs
	f := lib.finding(
		c, sprintf("spec.responsibilities[%d].owner", [i]),
		sprintf("契約 %s の責任分界で %s は再委託先 %s に割り当てられていますが、%s はこの契約の再委託先(role: subcontractor)の当事者ではありません(提供事業者ガイドライン 2章・3章、4.2)。", [c.metadata.name, r.requirement, name, name]),
		sprintf("In contract %s, %s is given to subcontractor %s, but %s is not a subcontractor party (role subcontractor) of the contract (vendor guideline ch. 2-3, 4.2).", [c.metadata.name, r.requirement, name, name]),
	)
}
