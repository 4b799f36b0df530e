# METADATA
# title: No service specification conformity disclosure received for a cloud service
# description: |
#   A medical information system a vendor provides as a cloud service (SaaS, public or private
#   cloud, or hybrid) has no record that the institution received the vendor's サービス仕様適合開示書
#   (service specification conformity disclosure, spec.disclosure.service_spec_disclosure.received_on).
#   Guideline 6.0 システム運用編 4 asks the institution to obtain the vendor's technical information,
#   naming this disclosure, and use it in its risk assessment; the vendor guideline 2.0 (4.1) has
#   vendors disclose in that form. Systems covered by a vendor contract in force are left to
#   SNS-CONTRACT-017, which checks the contract's disclosures, so one gap is not reported twice.
#   Whether an SDS alone is enough is not settled in the catalog, so this rule only warns.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-DISC-003
#   severity: low
#   level: warning
#   requirements: [g6.sys.4.2, v2.4.1.a]
#   applies_to: [institution]
#   resources: [System]
#   treatment: automated
#   title_ja: クラウドサービスのサービス仕様適合開示書を受領していない
#   description_ja: |
#     事業者がクラウドサービス(SaaS、パブリック・プライベートクラウド、ハイブリッド)として提供する医療情報システムに
#     ついて、サービス仕様適合開示書を受領した記録がない(spec.disclosure.service_spec_disclosure.received_on)。
#     システム運用編 4 はこの開示書等の事業者の技術的対策の情報を得てリスク評価に用いることを、提供事業者ガイドライン
#     第2.0版 4.1 は事業者がこの様式で開示することを求めている。有効な事業者との契約が対象とするシステムは、
#     契約の開示書を確認する SNS-CONTRACT-017 に任せ、同じ不備を二重に指摘しない。SDS だけで足りるかはカタログで
#     確定していないため、警告にとどめる。
#   remediation_en: |
#     Ask the vendor for the service specification conformity disclosure and record its receipt
#     (spec.disclosure.service_spec_disclosure: received_on, reference), or list it on the contract.
#   remediation_ja: |
#     事業者にサービス仕様適合開示書を求め、受領を記録してください(spec.disclosure.service_spec_disclosure の
#     received_on・reference)。契約に記載する場合は契約の spec.disclosures に記録してください。
package sansho.rules.disclosure.service_spec_disclosure_not_received

import data.sansho.lib
import rego.v1

_cloud_hosting := {"saas", "public_cloud", "private_cloud", "hybrid"}

# Systems named by a vendor contract in force: SNS-CONTRACT-017 decides those.
_contracted contains n if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	some n in object.get(c.spec, "systems", [])
}

_path(s) := "spec.disclosure.service_spec_disclosure" if s.spec.disclosure.service_spec_disclosure

_path(s) := "spec.disclosure" if {
	s.spec.disclosure
	not s.spec.disclosure.service_spec_disclosure
}

_path(s) := "spec" if not s.spec.disclosure

deny contains f if {
	some s in input.systems
	s.spec.vendor
	s.spec.hosting in _cloud_hosting
	lib.active_system(s)
	lib.medical(s)
	not s.metadata.name in _contracted
	not s.spec.disclosure.service_spec_disclosure.received_on
	f := lib.finding(
		s, _path(s),
		sprintf("クラウドサービス %s について事業者(%s)からサービス仕様適合開示書を受領した記録がありません。システム運用編 4 は事業者の技術的対策の情報を得てリスク評価に用いることを求めています(提供事業者ガイドライン 4.1)。", [s.metadata.name, s.spec.vendor]),
		sprintf("No service specification conformity disclosure from the vendor (%s) is recorded for the cloud service %s; Guideline 6.0 system operation 4 asks the institution to obtain the vendor's technical information for its risk assessment (vendor guideline 4.1).", [s.spec.vendor, s.metadata.name]),
	)
}
