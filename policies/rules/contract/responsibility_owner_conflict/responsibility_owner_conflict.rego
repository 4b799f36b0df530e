# METADATA
# title: The same requirement is given to different owners in one contract
# description: |
#   A contract's split of responsibilities lists the same requirement more than once with
#   different owners (for example vendor in one entry and institution in another): the contract
#   contradicts itself about who carries it. The vendor guideline 2.0 (4.2) asks for a clear
#   split; Guideline 6.0 (システム運用編 3 遵守事項③) asks for the technical roles to be made
#   clear. One finding per requirement, at the first entry that contradicts an earlier one.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-013
#   severity: high
#   level: error
#   requirements: [v2.4.2, g6.sys.3.3]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 同じ要件が一つの契約で異なる責任主体に割り当てられている
#   description_ja: |
#     契約の責任分界で、同じ要件が複数回、異なる責任主体で挙げられている(例: ある項目では vendor、別の項目では
#     institution)。誰が担うかについて契約が矛盾している。提供事業者ガイドライン第2.0版 4.2 は明確な役割分担を、
#     ガイドライン第6.0版 システム運用編 3 遵守事項③は技術的な役割分担の明確化を求めている。
#     要件ごとに、先の項目と矛盾する最初の項目で一件指摘する。
#   remediation_en: |
#     Keep one entry per requirement; when the work really is split, use owner shared and
#     describe the split.
#   remediation_ja: |
#     要件ごとに項目を一つにしてください。実際に分担する場合は owner を shared とし、分担を description に記述してください。
package sansho.rules.contract.responsibility_owner_conflict

import data.sansho.lib
import rego.v1

deny contains f if {
	some c in input.contracts
	rs := object.get(c.spec, "responsibilities", [])
	some req in {r.requirement | some r in rs}
	entries := [[i, r.owner] | some i, r in rs; r.requirement == req]
	owners := {e[1] | some e in entries}
	count(owners) > 1
	first := entries[0]
	clash := [e | some e in entries; e[1] != first[1]][0]
	f := lib.finding(
		c, sprintf("spec.responsibilities[%d].owner", [clash[0]]),
		sprintf("契約 %s の責任分界で %s が %s(%d 番目)と %s(%d 番目)に割り当てられ、矛盾しています(提供事業者ガイドライン 4.2、ガイドライン第6.0版 システム運用編 3 遵守事項③)。", [c.metadata.name, req, first[1], first[0] + 1, clash[1], clash[0] + 1]),
		sprintf("Contract %s gives %s to %s (entry %d) and to %s (entry %d); the split contradicts itself (vendor guideline 4.2, Guideline 6.0 system operation 3 ③).", [c.metadata.name, req, first[1], first[0] + 1, clash[1], clash[0] + 1]),
	)
}
