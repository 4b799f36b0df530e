# METADATA
# title: Declared fact contradicted by the system's configuration
# description: |
#   A System links its real configurations (spec.configurations) and the inventory declares a
#   fact that they contradict: its backups are declared immutable (spec.backups[].immutable) but
#   a linked backup store has no lock (AWS Backup Vault Lock, S3 Object Lock, Azure immutable
#   vault, locked Google Cloud retention policy); its data is declared to be in Japan
#   (spec.data_locations: every place but support-only ones has country JP) but a linked
#   resource is in a region outside Japan; or
#   it declares encryption at rest (spec.encryption.at_rest) while a linked database or volume is
#   not encrypted. Each contradiction is reported twice — on the System's line and on the
#   configuration's line — because one of the two is wrong, and a declared inventory that the
#   configuration does not bear out gives false assurance.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-IAC-008
#   severity: high
#   level: error
#   requirements: [g6.sys.11.1.f, v2.6.1, g6.sys.13.b]
#   applies_to: [institution, vendor]
#   resources: [System, Configuration]
#   treatment: automated
#   title_ja: 宣言した内容が構成と矛盾している
#   description_ja: |
#     System が実際の構成(spec.configurations)に紐付いており、インベントリの宣言と構成が矛盾する:
#     バックアップを改ざん不可と宣言している(spec.backups[].immutable)のに、紐付くバックアップの保存先に
#     ロック(AWS Backup Vault Lock、S3 Object Lock、Azure の不変ボールト、ロックした Google Cloud の保持
#     ポリシー)がない、データの所在を国内と宣言している(spec.data_locations のサポート用以外がすべて JP)のに、紐付く
#     リソースが国外リージョンにある、保存時暗号化を宣言している(spec.encryption.at_rest)のに、紐付く
#     データベース・ボリュームが暗号化されていない。どちらかが誤っているため、System の行と構成の行の
#     両方に指摘する。構成の裏付けのない宣言は誤った安心を与える。
#   remediation_en: |
#     Fix whichever side is wrong: change the configuration so that it does what the inventory
#     declares (lock the vault, move the resource to Japan, encrypt the database), or correct the
#     declaration in the inventory and treat the gap it then shows.
#   remediation_ja: |
#     誤っている側を直してください。インベントリの宣言どおりに構成を変える(ボールトをロックする、
#     リソースを国内へ移す、データベースを暗号化する)か、インベントリの宣言を訂正して、それにより現れる
#     不備に対処してください。
package sansho.rules.iac.declared_fact_contradicted

import data.sansho.lib
import rego.v1

_tf(s) := [r |
	some r in lib.configurations_of(s)
	r.format == "terraform"
	r.mode == "managed"
]

# Each contradiction: [system, system path, item, item path, requirement, ja, en].
_contradictions contains [s, sprintf("spec.backups[%d].immutable", [i]), r, "", "g6.sys.11.1.f", ja, en] if {
	some s in input.systems
	some i, b in object.get(s.spec, "backups", [])
	b.immutable == true
	some r in _tf(s)
	lib.tf_backup_store(r)
	not lib.tf_backup_locked(r)
	ja := sprintf("%s はバックアップ %s を改ざん不可と宣言していますが、構成のバックアップ保存先 %s(%s:%d)にロックがありません。", [s.metadata.name, b.name, r.address, r.file, r.line])
	en := sprintf("%s declares backup %s immutable, but its backup store %s (%s:%d) has no lock.", [s.metadata.name, b.name, r.address, r.file, r.line])
}

# Every place the data is stored (support-only places aside) is declared in Japan.
_japan_only(s) if {
	locs := [l | some l in object.get(s.spec, "data_locations", []); object.get(l, "purpose", "") != "support"]
	count(locs) > 0
	every l in locs {
		l.country == "JP"
	}
}

_global(r) if {
	some p in ["aws_iam_", "aws_cloudfront_", "aws_route53_", "aws_organizations_"]
	startswith(r.type, p)
}

_contradictions contains [s, "spec.data_locations", r, "region", "v2.6.1", ja, en] if {
	some s in input.systems
	_japan_only(s)
	some r in _tf(s)
	not _global(r)
	region := r.region
	not lib.japanese_region(region)
	ja := sprintf("%s はデータの所在を国内と宣言していますが、構成の %s(%s:%d)はリージョン %s にあります。", [s.metadata.name, r.address, r.file, r.line, region])
	en := sprintf("%s declares its data in Japan, but %s (%s:%d) is in region %s.", [s.metadata.name, r.address, r.file, r.line, region])
}

# The attribute that leaves a linked resource unencrypted at rest.
_unencrypted(r) := "values.storage_encrypted" if {
	r.type in {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster"}
	not r.values.storage_encrypted == true
}

_unencrypted(r) := "values.encrypted" if {
	r.type in {"aws_ebs_volume", "aws_efs_file_system"}
	not r.values.encrypted == true
}

_contradictions contains [s, "spec.encryption.at_rest", r, path, "g6.sys.13.b", ja, en] if {
	some s in input.systems
	s.spec.encryption.at_rest == true
	some r in _tf(s)
	path := _unencrypted(r)
	ja := sprintf("%s は保存時暗号化を宣言していますが、構成の %s(%s:%d)は暗号化されていません。", [s.metadata.name, r.address, r.file, r.line])
	en := sprintf("%s declares encryption at rest, but %s (%s:%d) is not encrypted.", [s.metadata.name, r.address, r.file, r.line])
}

deny contains f if {
	some c in _contradictions
	[s, spath, _, _, req, ja, en] := c
	f := object.union(lib.finding(s, spath, ja, en), {"requirements": [req]})
}

deny contains f if {
	some c in _contradictions
	[_, _, r, rpath, req, ja, en] := c
	f := object.union(lib.config_finding(r, rpath, ja, en), {"requirements": [req]})
}
