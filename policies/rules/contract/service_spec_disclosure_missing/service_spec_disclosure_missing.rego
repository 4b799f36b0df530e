# METADATA
# title: Cloud service contract lists no service specification conformity disclosure
# description: |
#   A contract in force covers a system the vendor provides as a cloud service (SaaS, public or
#   private cloud, or hybrid) but lists no サービス仕様適合開示書 (service specification
#   conformity disclosure, spec.disclosures type service_spec). The vendor guideline 2.0 (4.1)
#   has vendors disclose how their service meets its measures in that form. MHLW's
#   responsibility-split table treats it alongside the MDS/SDS and MDS2, and whether it is
#   needed on top of an SDS is not settled in the catalog, so this rule only warns.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-CONTRACT-017
#   severity: low
#   level: warning
#   requirements: [v2.4.1.a]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: クラウドサービスの契約にサービス仕様適合開示書がない
#   description_ja: |
#     有効な契約が、事業者がクラウドサービス(SaaS、パブリック・プライベートクラウド、ハイブリッド)として提供する
#     システムを対象とするのに、サービス仕様適合開示書(spec.disclosures の type: service_spec)がない。
#     提供事業者ガイドライン第2.0版 4.1 は、この様式で対策・仕様の適合状況を開示することを求めている。
#     厚生労働省の役割分担確認表は MDS/SDS・MDS2 と並ぶ開示資料として扱っており、SDS に加えて必要かは
#     カタログで確定していないため、警告にとどめる。
#   remediation_en: |
#     Obtain (or, as the vendor, issue) the service specification conformity disclosure and
#     record it under spec.disclosures (type service_spec, issued_on, reference).
#   remediation_ja: |
#     サービス仕様適合開示書を入手(事業者は発行)し、spec.disclosures に記録してください
#     (type: service_spec、issued_on、reference)。
package sansho.rules.contract.service_spec_disclosure_missing

import data.sansho.lib
import rego.v1

_cloud_hosting := {"saas", "public_cloud", "private_cloud", "hybrid"}

_services(c) := sort([n |
	some n in object.get(c.spec, "systems", [])
	s := lib.systems_by_name[n]
	lib.active_system(s)
	lib.medical(s)
	s.spec.hosting in _cloud_hosting
])

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	names := _services(c)
	count(names) > 0
	not "service_spec" in {d.type | some d in object.get(c.spec, "disclosures", [])}
	f := lib.finding(
		c, "spec.disclosures",
		sprintf("契約 %s はクラウドサービス %s を対象としますが、サービス仕様適合開示書(type: service_spec)がありません(提供事業者ガイドライン 4.1)。", [c.metadata.name, concat(", ", names)]),
		sprintf("Contract %s covers the cloud service %s but lists no service specification conformity disclosure (type service_spec; vendor guideline 4.1).", [c.metadata.name, concat(", ", names)]),
	)
}
