# METADATA
# title: Data of a cloud or internet-facing system not encrypted
# description: |
#   A medical information system that is hosted in a cloud, offered as SaaS, or reachable from the
#   internet does not record that its data is encrypted in transit and at rest. Guideline 6.0
#   システム運用編 13 asks for encryption and protection against eavesdropping when open networks
#   are used.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-CRYPTO-001
#   severity: high
#   level: error
#   requirements: [g6.sys.13.b]
#   applies_to: [institution, vendor]
#   resources: [System]
#   treatment: automated
#   title_ja: クラウド・インターネット接続のシステムでデータが暗号化されていない
#   description_ja: |
#     クラウド・SaaS で提供される、又はインターネットから到達できる医療情報システムで、通信時と保存時の暗号化の
#     記録がない。システム運用編 13 はオープンネットワーク利用時の暗号化と盗聴対策を求めている。
#   remediation_en: |
#     Encrypt data in transit (TLS) and at rest and record it (spec.encryption: in_transit, at_rest, key_management).
#   remediation_ja: |
#     通信(TLS)と保存データを暗号化し、spec.encryption(in_transit・at_rest・key_management)に記録してください。
package sansho.rules.crypto.exposed_data_unencrypted

import data.sansho.lib
import rego.v1

_exposed(s) if s.spec.hosting in {"public_cloud", "saas", "hybrid"}

_exposed(s) if s.spec.network.internet_facing == true

_missing(s) := [w |
	some c in [
		{"key": "in_transit", "ja": "通信時", "en": "in transit"},
		{"key": "at_rest", "ja": "保存時", "en": "at rest"},
	]
	object.get(object.get(s.spec, "encryption", {}), c.key, false) != true
	w := c
]

_path(s) := "spec.encryption" if s.spec.encryption

_path(s) := "spec" if not s.spec.encryption

deny contains f if {
	some s in input.systems
	lib.active_system(s)
	lib.medical(s)
	_exposed(s)
	ms := _missing(s)
	count(ms) > 0
	f := lib.finding(
		s, _path(s),
		sprintf("%s はクラウド又はインターネットに接続していますが、%sの暗号化の記録がありません。システム運用編 13 は暗号化を求めています。", [s.metadata.name, concat("・", [m.ja | some m in ms])]),
		sprintf("%s is cloud-hosted or internet-facing but records no encryption %s; Guideline 6.0 system operation 13 asks for it.", [s.metadata.name, concat(" or ", [m.en | some m in ms])]),
	)
}
