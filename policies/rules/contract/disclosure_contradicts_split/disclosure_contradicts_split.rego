# METADATA
# title: The vendor's MDS/SDS answers no to what the contract gives the vendor
# description: |
#   A contract in force gives a requirement to the vendor, to a subcontractor or to both sides
#   (shared), but an answer recorded for the contract's MDS/SDS (spec.disclosures[].answers)
#   says no to a question about that requirement — for example the contract says the vendor
#   applies security patches monthly while the MDS answers no to having a patch procedure. The
#   split and the disclosure cannot both be right. The vendor guideline 2.0 (4.1, 4.2) asks the
#   vendor to give the institution accurate information and a clear split; the MDS/SDS guide
#   asks the disclosure to describe the product or service as it is. Which requirements a
#   question is about comes from sansho's paraphrased question list
#   (policies/catalog/mds_sds_questions.yaml), not from the JAHIS form itself, so this rule
#   only warns.
# related_resources:
#   - ref: https://www.jahis.jp/standard/detail/id=1119
#     description: JAHIS/JIRA MDS/SDS guide Ver.5.0
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-CONTRACT-022
#   severity: medium
#   level: warning
#   requirements: [v2.4.1, v2.4.2, mds.v5.provide]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者の MDS/SDS の回答が、契約で事業者が担うとした要件を否定している
#   description_ja: |
#     有効な契約が要件を事業者・再委託先・共同(shared)に割り当てているのに、契約の MDS/SDS の回答
#     (spec.disclosures[].answers)がその要件に関する質問に「いいえ」と答えている(例: 契約では事業者が毎月
#     修正プログラムを適用するのに、MDS ではパッチ適用の手順がないと回答している)。責任分界と開示書の両方が
#     正しいことはありえない。提供事業者ガイドライン第2.0版 4.1・4.2 は正確な情報提供と明確な役割分担を、
#     MDS/SDS ガイドは製品・サービスの実際を開示することを求めている。質問と要件の対応は sansho の要約した
#     質問リスト(policies/catalog/mds_sds_questions.yaml)によるもので JAHIS の様式そのものではないため、
#     警告にとどめる。
#   remediation_en: |
#     Ask the vendor which is right. Correct the disclosure (a new MDS/SDS) or the split in the
#     contract, and record the corrected answer.
#   remediation_ja: |
#     どちらが正しいかを事業者に確認し、開示書(新しい MDS/SDS)又は契約の責任分界を訂正して、訂正後の回答を
#     記録してください。
package sansho.rules.contract.disclosure_contradicts_split

import data.sansho.lib
import rego.v1

# The requirements the contract places with the vendor side: {[requirement, owner]} (a set of
# pairs: a contract may contradict itself, SNS-CONTRACT-013, without breaking this rule).
_claimed(c) := {[r.requirement, r.owner] |
	some r in object.get(c.spec, "responsibilities", [])
	r.owner != "institution"
}

_name := {"mds": "MDS", "sds": "SDS", "service_spec": "サービス仕様適合開示書"}

_name_en := {"mds": "MDS", "sds": "SDS", "service_spec": "service specification disclosure"}

deny contains f if {
	some c in input.contracts
	lib.contract_in_force(c)
	claimed := _claimed(c)
	some i, d in object.get(c.spec, "disclosures", [])
	some j, a in object.get(d, "answers", [])
	a.answer == "no"
	q := data.sansho.disclosure_questions[a.question]
	hits := sort([sprintf("%s (%s)", [p[0], p[1]]) | some p in claimed; p[0] in q.requirements])
	count(hits) > 0
	f := lib.finding(
		c, sprintf("spec.disclosures[%d].answers[%d].answer", [i, j]),
		sprintf("契約 %s は %s を事業者側に割り当てていますが、%s は質問 %s(%s)に「いいえ」と回答しています。責任分界と開示書のどちらかが誤っています(提供事業者ガイドライン 4.1・4.2、MDS/SDS ガイド)。", [c.metadata.name, concat("、", hits), _name[d.type], a.question, q.text.ja]),
		sprintf("Contract %s places %s with the vendor side, but its %s answers no to %s (%s); either the split or the disclosure is wrong (vendor guideline 4.1, 4.2, MDS/SDS guide).", [c.metadata.name, concat(", ", hits), _name_en[d.type], a.question, q.text.en]),
	)
}
