# METADATA
# title: Documents Guideline 6.0 requires are missing, unapproved or not reviewed
# description: |
#   Guideline 6.0 asks an institution to keep a set of documents current and approved: the legal
#   requirements, the security policy, specifications, diagrams and contact lists, operating and
#   emergency procedures, manuals, information management, disposal, lost media, take-out rules,
#   change and quality management, emergency accounts, authentication and access requests, the
#   audit plan, the cybersecurity response plan, media handling and physical access control
#   (システム運用編 1, 2, 4, 7, 9, 11, 14, 17; 企画管理編 1, 3, 4, 8, 11, 12, 13, 15; 経営管理編 1, 2).
#   This rule reports, per institution, the document types that are not recorded, carry no
#   approval, or were not reviewed within document_review_max_days; each finding names only the
#   requirements of the documents at fault. Which document answers which item is sansho's reading
#   of the guideline; record any document under the type that matches its content.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-DOC-002
#   severity: medium
#   level: error
#   requirements: [g6.gov.1.1.1, g6.sys.1.1, g6.mgmt.1, g6.gov.2, g6.sys.2.1, g6.sys.9.1, g6.sys.2.2, g6.sys.2.3, g6.mgmt.4.3, g6.sys.2.4, g6.sys.2.5, g6.mgmt.4.4, g6.mgmt.11.1, g6.mgmt.11.4, g6.mgmt.3.5, g6.sys.4.1, g6.sys.7.3, g6.sys.7.4, g6.mgmt.8.2, g6.mgmt.8.1, g6.sys.9.2, g6.sys.9.3, g6.sys.11.1.a, g6.sys.14.1, g6.mgmt.13.1, g6.sys.14.4, g6.sys.17.4, g6.mgmt.12.1, g6.mgmt.15.3, g6.mgmt.15.5, g6.mgmt.15.2]
#   applies_to: [institution]
#   resources: [Organization]
#   treatment: automated
#   title_ja: ガイドラインが求める文書がない、承認・見直しされていない
#   description_ja: |
#     ガイドライン第6.0版は、法令要件の整理、セキュリティ方針、機能仕様・構成図・関係者一覧、運用・非常時手順、
#     マニュアル、情報管理・破棄・紛失時・持出しの規則、改訂・品質管理、非常時用アカウント、認証・権限申請、
#     監査計画、サイバーセキュリティ対応計画、媒体の取扱い、入退室管理などの文書を最新かつ承認済みに保つことを
#     求めている(システム運用編・企画管理編・経営管理編の各遵守事項)。本ルールは医療機関ごとに、記録がない・
#     承認がない・document_review_max_days 以内に見直していない文書の種類を示し、該当する要件だけを指摘する。
#     どの文書でどの項目に応えるかは sansho の解釈であり、内容に合う種類で記録すること。
#   remediation_en: |
#     Record each document in spec.documents with its type, title, approved_by and approved_on, and
#     reviewed_on after each review (at least every document_review_max_days).
#   remediation_ja: |
#     各文書を spec.documents に type・title・approved_by・approved_on で記録し、見直しのたびに reviewed_on を
#     更新してください(document_review_max_days ごと以上)。
package sansho.rules.org.required_documents_missing

import data.sansho.lib
import rego.v1

_required := {
	"legal_requirements_register": {"ja": "法令要件一覧", "en": "legal requirements register", "requirements": ["g6.gov.1.1.1", "g6.sys.1.1", "g6.mgmt.1"]},
	"security_policy": {"ja": "情報セキュリティ方針", "en": "security policy", "requirements": ["g6.gov.2"]},
	"system_specifications": {"ja": "機能仕様・利用方法の資料", "en": "system specifications", "requirements": ["g6.sys.2.1", "g6.sys.9.1"]},
	"network_diagram": {"ja": "全体構成図", "en": "network and system diagram", "requirements": ["g6.sys.2.2"]},
	"contact_list": {"ja": "責任者・関係者一覧", "en": "list of people responsible and involved", "requirements": ["g6.sys.2.2"]},
	"operating_procedures": {"ja": "運用手順書", "en": "operating procedures", "requirements": ["g6.sys.2.3", "g6.mgmt.4.3"]},
	"user_manual": {"ja": "利用者マニュアル", "en": "user manual", "requirements": ["g6.sys.2.4", "g6.mgmt.4.3"]},
	"emergency_procedures": {"ja": "非常時・インシデント時の手順", "en": "emergency and incident procedures", "requirements": ["g6.sys.2.5", "g6.mgmt.4.4", "g6.mgmt.11.1", "g6.mgmt.11.4"]},
	"incident_response_procedure": {"ja": "情報漏洩等の対応手順", "en": "incident response procedure", "requirements": ["g6.mgmt.3.5"]},
	"information_management_procedure": {"ja": "情報管理手順", "en": "information management procedure", "requirements": ["g6.sys.4.1"]},
	"disposal_procedure": {"ja": "破棄手順", "en": "disposal procedure", "requirements": ["g6.sys.7.3"]},
	"media_loss_procedure": {"ja": "紛失・盗難時の手順", "en": "procedure for lost or stolen media and devices", "requirements": ["g6.sys.7.4", "g6.mgmt.8.2"]},
	"data_takeout_rules": {"ja": "持出し・外部利用規則", "en": "rules for taking information out and remote use", "requirements": ["g6.mgmt.8.1"]},
	"change_management_procedure": {"ja": "改訂・導入検証の手順", "en": "change and validation procedure", "requirements": ["g6.sys.9.2"]},
	"quality_management_procedure": {"ja": "品質管理手順", "en": "quality management procedure", "requirements": ["g6.sys.9.3"]},
	"emergency_account_procedure": {"ja": "非常時用アカウントの手順", "en": "emergency account procedure", "requirements": ["g6.sys.11.1.a"]},
	"authentication_procedure": {"ja": "認証手順", "en": "authentication procedure", "requirements": ["g6.sys.14.1", "g6.mgmt.13.1"]},
	"access_request_procedure": {"ja": "権限申請手順", "en": "access request procedure", "requirements": ["g6.sys.14.4", "g6.mgmt.13.1"]},
	"audit_plan": {"ja": "監査計画", "en": "audit plan", "requirements": ["g6.sys.17.4"]},
	"cybersecurity_response_plan": {"ja": "サイバーセキュリティ対応計画", "en": "cybersecurity response plan", "requirements": ["g6.mgmt.12.1"]},
	"media_handling_rules": {"ja": "記録媒体の保管・取扱規程", "en": "rules for storing and handling media", "requirements": ["g6.mgmt.15.3", "g6.mgmt.15.5"]},
	"physical_security_rules": {"ja": "入退室管理規程", "en": "physical access control rules", "requirements": ["g6.mgmt.15.2"]},
}

_docs(o, t) := [d | some d in object.get(o.spec, "documents", []); d.type == t]

_last(d) := max([x | some x in [object.get(d, "approved_on", ""), object.get(d, "reviewed_on", "")]; x != ""])

_good(d) if {
	d.approved_on
	lib.age_days(_last(d)) <= lib.param("document_review_max_days")
}

_state(o, t) := "missing" if count(_docs(o, t)) == 0

_state(o, t) := "unapproved" if {
	count(_docs(o, t)) > 0
	not _any_approved(o, t)
}

_state(o, t) := "stale" if {
	_any_approved(o, t)
	not _any_good(o, t)
}

_any_approved(o, t) if {
	some d in _docs(o, t)
	d.approved_on
}

_any_good(o, t) if {
	some d in _docs(o, t)
	_good(d)
}

_word := {"missing": {"ja": "なし", "en": "missing"}, "unapproved": {"ja": "未承認", "en": "not approved"}, "stale": {"ja": "見直し期限切れ", "en": "not reviewed in time"}}

_path(o) := "spec.documents" if o.spec.documents

_path(o) := "spec" if not o.spec.documents

deny contains f if {
	some o in input.organizations
	lib.institution(o)
	lib.own(o)
	bad := sort([t | some t, _ in _required; _state(o, t)])
	count(bad) > 0
	ja := concat("、", [sprintf("%s(%s)", [_required[t].ja, _word[_state(o, t)].ja]) | some t in bad])
	en := concat("; ", [sprintf("%s (%s)", [_required[t].en, _word[_state(o, t)].en]) | some t in bad])
	rs := sort({r | some t in bad; some r in _required[t].requirements})
	f := object.union(lib.finding(
		o, _path(o),
		sprintf("%s の文書: %s。ガイドライン第6.0版はこれらの文書を整備し、承認を得て最新に保つことを求めています。", [o.metadata.name, ja]),
		sprintf("Documents of %s: %s. Guideline 6.0 asks for these documents to be kept, approved and current.", [o.metadata.name, en]),
	), {"requirements": rs})
}
