# METADATA
# title: Vendor keeping medical records has not attested the storage safeguards
# description: |
#   A vendor that keeps medical information for institutions — it records data locations
#   (spec.vendor_profile.data_locations), runs a medical information system (spec.operator), or
#   supplies one as a cloud service (SaaS, public or private cloud) — has no valid attestation that
#   the stored records meet the three principles of electronic storage (authenticity,
#   readability, preservation; vendor guideline 2.0, 6.2) and that the records it keeps on
#   institutions' behalf are protected against unjustified access, its own administrators included
#   (6章, external storage). These are properties of the whole service that no single inventory
#   field shows, so each needs an Attestation about the vendor (or without a subject). The
#   external-storage item is known to the catalog from memory only (unverified against the primary
#   text / 一次資料で未確認): when it is the only one missing, the finding is a warning. Vendors
#   described from the other side (spec.counterparty: true, e.g. in an institution's inventory)
#   are not asked.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-VENDOR-008
#   severity: medium
#   level: error
#   requirements: [v2.6.2, v2.6.3]
#   applies_to: [vendor]
#   resources: [Organization]
#   treatment: attested
#   title_ja: 医療情報を保存する事業者が保存の安全管理を宣誓していない
#   description_ja: |
#     医療機関のために医療情報を保存する事業者(spec.vendor_profile.data_locations を記録している、医療情報システムを
#     運用している(spec.operator)、又はクラウドサービス(SaaS、パブリック・プライベートクラウド)として提供している)
#     について、保存する記録が電子保存の三原則(真正性・見読性・保存性。提供事業者ガイドライン第2.0版 6.2)を満たすこと
#     と、受託した記録への不当なアクセス(自社の管理者を含む)を防いでいること(6章 外部保存)の、評価日に有効な宣誓が
#     ない。これはサービス全体の性質で、インベントリの一項目では示せないため、それぞれ事業者を対象とする(又は対象なしの)
#     宣誓が必要。外部保存の項目はカタログでは記憶に基づく(一次資料で未確認)ため、それだけが欠けている場合は警告とする。
#     取引先として記載された事業者(spec.counterparty: true。医療機関のインベントリの事業者など)は対象外。
#   remediation_en: |
#     Record an Attestation for v2.6.2 and one for v2.6.3 about the vendor (subject kind
#     Organization), with evidence such as the audit-trail design, the readability and
#     preservation measures and the administrator access controls.
#   remediation_ja: |
#     v2.6.2 と v2.6.3 のそれぞれについて、事業者を対象(subject の kind: Organization)とする宣誓を記録し、
#     監査証跡の設計、見読性・保存性の対策、管理者アクセスの制御などを証跡として添付してください。
package sansho.rules.vendor.storage_safeguards_not_attested

import data.sansho.lib
import rego.v1

_requirements := ["v2.6.2", "v2.6.3"]

_service_hosting := {"saas", "public_cloud", "private_cloud"}

_in_service := [s | some s in input.systems; lib.active_system(s); lib.medical(s)]

_operators := {s.spec.operator | some s in _in_service}

_cloud_vendors := {s.spec.vendor | some s in _in_service; s.spec.hosting in _service_hosting}

# Error while a verified requirement is missing; warning when only the unverified one is.
_level(org) := "error" if lib.attestation_gap("v2.6.2", org)

_level(org) := "warning" if not lib.attestation_gap("v2.6.2", org)

_finding(org, "error", ja, en) := lib.finding(org, "spec", ja, en)

_finding(org, "warning", ja, en) := lib.finding_at_level(org, "spec", ja, en, "warning")

_keeps_data(org) if count(object.get(org.spec, ["vendor_profile", "data_locations"], [])) > 0

_keeps_data(org) if org.metadata.name in _operators

_keeps_data(org) if org.metadata.name in _cloud_vendors

deny contains f if {
	some org in lib.vendors
	lib.own(org)
	_keeps_data(org)
	gaps := [g | some r in _requirements; g := lib.attestation_gap(r, org)]
	count(gaps) > 0
	f := _finding(
		org, _level(org),
		sprintf("事業者 %s: %s。保存する医療情報の真正性・見読性・保存性と、受託情報への不当アクセスの防止は宣誓で示す必要があります(提供事業者ガイドライン 6.2、6章 外部保存)。", [org.metadata.name, concat("、", [g.ja | some g in gaps])]),
		sprintf("Vendor %s: %s; the authenticity, readability and preservation of the records it keeps and their protection from unjustified access must be attested (vendor guideline 6.2, ch. 6 external storage).", [org.metadata.name, concat("; ", [g.en | some g in gaps])]),
	)
}
