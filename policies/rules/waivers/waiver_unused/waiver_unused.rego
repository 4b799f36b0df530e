# METADATA
# title: Waiver matches no finding
# description: |
#   A waiver covers no finding: the gap was fixed, the resource renamed, or the selector is
#   wrong. A waiver that matches nothing hides nothing today but would silently hide a future
#   finding; delete it or correct its selector. sansho counts the matches
#   (data.sansho.waiver_matches) before this rule runs.
# custom:
#   id: SNS-WAIVER-003
#   severity: low
#   level: warning
#   requirements: [sansho.waiver.accountable]
#   applies_to: [institution, vendor]
#   resources: [Waiver]
#   stage: waivers
#   title_ja: 例外承認(waiver)が どの指摘にも該当しない
#   description_ja: |
#     waiver が どの指摘にも該当しない(是正済み、名前の変更、又は selector の誤り)。今は何も
#     隠していないが、将来の指摘を黙って隠しうるため、削除するか selector を直すこと。
#     このルールの前に、sansho が各 waiver の該当件数(data.sansho.waiver_matches)を数える。
#   remediation_en: Delete the waiver if the gap is fixed, or correct spec.selector and spec.rule.
#   remediation_ja: 是正済みなら waiver を削除し、そうでなければ spec.selector と spec.rule を直してください。
package sansho.rules.waivers.waiver_unused

import data.sansho.lib
import rego.v1

deny contains f if {
	some w in input.waivers
	_matches(w.metadata.name) == 0
	lib.days_left(w.spec.expires) >= 0
	f := lib.finding(
		w, "spec.selector",
		sprintf("waiver %s に該当する指摘がありません。是正済みなら削除し、そうでなければ selector を確認してください。", [w.metadata.name]),
		sprintf("Waiver %s matches no finding; delete it if the gap is fixed, or check its selector.", [w.metadata.name]),
	)
}

_matches(name) := n if n := data.sansho.waiver_matches[name]

_matches(name) := 0 if not data.sansho.waiver_matches[name]
