# METADATA
# title: Asset ledger missing or out of date
# description: |
#   The institution (or vendor) keeps no ledger of its servers, terminals and network devices, or
#   has not updated or reviewed it within asset_ledger_max_age_days, or the ledger can be found
#   nowhere: no reference to it and no Asset document in the inventory. Checklist item 2-① asks for
#   the ledger; Guideline 6.0 企画管理編 9.1 asks for it to be inventoried regularly.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-ORG-002
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.2.1, chk.r7.vend.2.1, g6.mgmt.9.1, g6.sys.8.c]
#   applies_to: [institution, vendor]
#   resources: [Organization]
#   treatment: automated
#   title_ja: 機器台帳がない、または更新されていない
#   description_ja: |
#     医療機関(または事業者)がサーバ・端末・ネットワーク機器の台帳を管理していない、または
#     asset_ledger_max_age_days 以内に更新・確認していない、又は台帳の所在(reference)も Asset 文書もない。
#     チェックリスト 2-① は台帳管理を、
#     企画管理編 9.1 は定期的な棚卸を求めている。
#   remediation_en: |
#     Keep the ledger (spec.asset_ledger.maintained: true, reference) and record each update or
#     review (updated_on, reviewed_on); say where it is kept (reference) or list the devices as
#     Asset documents.
#   remediation_ja: |
#     台帳を管理し(spec.asset_ledger.maintained: true、reference)、更新日・確認日(updated_on、reviewed_on)を
#     記録してください。台帳の所在(reference)を記録するか、機器を Asset 文書として記録してください。
package sansho.rules.org.asset_ledger_stale

import data.sansho.lib
import rego.v1

_latest(l) := max([d | some d in [object.get(l, "updated_on", ""), object.get(l, "reviewed_on", "")]; d != ""])

deny contains f if {
	some o in input.organizations
	lib.own(o)
	o.spec.type != "subcontractor"
	not o.spec.asset_ledger.maintained == true
	f := lib.finding(
		o, _missing_path(o),
		sprintf("%s は機器台帳を管理していません(spec.asset_ledger.maintained)。チェックリスト 2-① はサーバ・端末・ネットワーク機器の台帳管理を求めています。", [o.metadata.name]),
		sprintf("%s keeps no ledger of its devices (spec.asset_ledger.maintained); checklist item 2-① requires a ledger of servers, terminals and network devices.", [o.metadata.name]),
	)
}

_missing_path(o) := "spec.asset_ledger.maintained" if o.spec.asset_ledger

_missing_path(o) := "spec" if not o.spec.asset_ledger

deny contains f if {
	some o in input.organizations
	lib.own(o)
	o.spec.type != "subcontractor"
	l := o.spec.asset_ledger
	l.maintained == true
	not _recent(l)
	f := lib.finding(
		o, "spec.asset_ledger",
		sprintf("%s の機器台帳は %d 日以内に更新・確認された記録がありません(最終 %s)。チェックリスト 2-①、企画管理編 9.1 は台帳の最新化と定期的な棚卸を求めています。", [o.metadata.name, lib.param("asset_ledger_max_age_days"), _shown(l)]),
		sprintf("The device ledger of %s has no update or review within %d days (latest: %s); checklist 2-① and Guideline 6.0 planning 9.1 ask for it to be kept current and inventoried regularly.", [o.metadata.name, lib.param("asset_ledger_max_age_days"), _shown(l)]),
	)
}

_recent(l) if lib.age_days(_latest(l)) <= lib.param("asset_ledger_max_age_days")

_shown(l) := _latest(l) if count([1 | l.updated_on]) + count([1 | l.reviewed_on]) > 0

_shown(l) := "none" if count([1 | l.updated_on]) + count([1 | l.reviewed_on]) == 0

deny contains f if {
	some o in input.organizations
	lib.own(o)
	o.spec.type != "subcontractor"
	l := o.spec.asset_ledger
	l.maintained == true
	_recent(l)
	not l.reference
	count(object.get(input, "assets", [])) == 0
	f := lib.finding(
		o, "spec.asset_ledger",
		sprintf("%s は機器台帳を管理しているとしていますが、台帳の所在(spec.asset_ledger.reference)も Asset 文書もありません。チェックリスト 2-① はサーバ・端末・ネットワーク機器の台帳管理を求めています。", [o.metadata.name]),
		sprintf("%s says it keeps a device ledger, but neither its location (spec.asset_ledger.reference) nor any Asset document is recorded; checklist item 2-① requires a ledger of servers, terminals and network devices.", [o.metadata.name]),
	)
}
