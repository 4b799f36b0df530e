# METADATA
# title: Vendor contract leaves subcontracting uncontrolled
# description: |
#   A contract in force with a vendor does not control subcontracting: it does not say whether
#   subcontracting is allowed; it allows it without the institution's prior approval or without
#   passing the vendor's obligations on to the subcontractor (flow_down); or it names
#   subcontractors (a party with role subcontractor, or a responsibility owned by
#   `subcontractor:<name>`) while not allowing subcontracting. The vendor guideline 2.0 (2章・3章)
#   asks vendors to select and manage what they procure from others, subcontractors included;
#   Guideline 6.0 (経営管理編 5.2) asks the outsourcing contract to cover the management of
#   subcontracting.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-004
#   severity: medium
#   level: error
#   requirements: [v2.3.3, g6.gov.5.2]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約で再委託が管理されていない
#   description_ja: |
#     有効な事業者との契約で、再委託の可否が定められていない、再委託を認めているのに医療機関の事前承認
#     (approval_required)や義務の継承(flow_down)がない、又は再委託先(role が subcontractor の当事者、
#     owner が subcontractor:<名前> の分担)があるのに再委託を認めていない。提供事業者ガイドライン第2.0版
#     (2章・3章)は再委託先を含む調達先の選定・管理を、ガイドライン第6.0版 経営管理編 5.2 は委託契約に
#     再委託の管理を含めることを求めている。
#   remediation_en: |
#     State in spec.clauses.subcontracting whether subcontracting is allowed; when it is, require
#     the institution's prior approval (approval_required: true) and the flow-down of the vendor's
#     obligations (flow_down: true).
#   remediation_ja: |
#     spec.clauses.subcontracting に再委託の可否(allowed)を定め、認める場合は医療機関の事前承認
#     (approval_required: true)と義務の継承(flow_down: true)を定めてください。
package sansho.rules.contract.subcontracting_uncontrolled

import data.sansho.lib
import rego.v1

# Subcontractors the contract names, as parties or as owners of responsibilities.
_subcontractors(c) := {p.organization | some p in c.spec.parties; p.role == "subcontractor"} | {substring(r.owner, 14, -1) |
	some r in object.get(c.spec, "responsibilities", [])
	startswith(r.owner, "subcontractor:")
}

_clause := "spec.clauses.subcontracting"

_issues(c) := [{"path": _clause, "ja": "再委託の可否が定められていません", "en": "it does not say whether subcontracting is allowed"}] if {
	not c.spec.clauses.subcontracting
	count(_subcontractors(c)) == 0
}

_issues(c) := [{
	"path": _clause,
	"ja": sprintf("再委託先 %s があるのに再委託の可否が定められていません", [concat(", ", sort(_subcontractors(c)))]),
	"en": sprintf("it names subcontractors (%s) but does not say whether subcontracting is allowed", [concat(", ", sort(_subcontractors(c)))]),
}] if {
	not c.spec.clauses.subcontracting
	count(_subcontractors(c)) > 0
}

_issues(c) := array.concat(
	array.concat(
		[i |
			not c.spec.clauses.subcontracting.allowed == true
			subs := _subcontractors(c)
			count(subs) > 0
			i := {
				"path": sprintf("%s.allowed", [_clause]),
				"ja": sprintf("再委託を認めていないのに再委託先 %s があります", [concat(", ", sort(subs))]),
				"en": sprintf("it names subcontractors (%s) but does not allow subcontracting", [concat(", ", sort(subs))]),
			}
		],
		[i |
			not is_boolean(c.spec.clauses.subcontracting.allowed)
			count(_subcontractors(c)) == 0
			i := {"path": sprintf("%s.allowed", [_clause]), "ja": "再委託の可否(allowed)が定められていません", "en": "it does not say whether subcontracting is allowed (allowed)"}
		],
	),
	array.concat(
		[i |
			c.spec.clauses.subcontracting.allowed == true
			not c.spec.clauses.subcontracting.approval_required == true
			i := {"path": sprintf("%s.approval_required", [_clause]), "ja": "再委託に医療機関の事前承認(approval_required)が必要とされていません", "en": "subcontracting does not need the institution's prior approval (approval_required)"}
		],
		[i |
			c.spec.clauses.subcontracting.allowed == true
			not c.spec.clauses.subcontracting.flow_down == true
			i := {"path": sprintf("%s.flow_down", [_clause]), "ja": "再委託先に義務が継承されません(flow_down)", "en": "the vendor's obligations do not flow down to subcontractors (flow_down)"}
		],
	),
) if c.spec.clauses.subcontracting

_path(issues) := issues[0].path if count(issues) == 1

_path(issues) := _clause if count(issues) > 1

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	issues := _issues(c)
	count(issues) > 0
	f := lib.finding(
		c, _path(issues),
		sprintf("契約 %s: %s。再委託は可否を定め、認める場合は事前承認と義務の継承を条件にする必要があります(提供事業者ガイドライン 2章・3章、ガイドライン第6.0版 経営管理編 5.2)。", [c.metadata.name, concat("、", [i.ja | some i in issues])]),
		sprintf("Contract %s: %s; subcontracting must be either forbidden or allowed only with prior approval and flow-down of obligations (vendor guideline ch. 2-3, Guideline 6.0 governance 5.2).", [c.metadata.name, concat("; ", [i.en | some i in issues])]),
	)
}
