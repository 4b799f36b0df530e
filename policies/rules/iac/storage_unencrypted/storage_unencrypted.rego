# METADATA
# title: Cloud storage or database not encrypted at rest
# description: |
#   A Terraform plan or state creates storage or a database that is not encrypted at rest:
#   AWS RDS instances and clusters, DocumentDB clusters (storage_encrypted), EBS volumes, EFS file
#   systems and Redshift clusters (encrypted), ElastiCache replication groups
#   (at_rest_encryption_enabled), or an Azure SQL database with transparent data encryption
#   turned off. S3, Azure Storage and Google Cloud storage are always encrypted by the provider and
#   are not reported. Guideline 6.0 システム運用編 13 asks for encryption when medical
#   information crosses or is kept on open networks and clouds.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-IAC-001
#   severity: high
#   level: error
#   requirements: [g6.sys.13.b]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: クラウドのストレージ・データベースが保存時に暗号化されていない
#   description_ja: |
#     Terraform のプラン又はステートが、保存時に暗号化されないストレージ・データベースを作成する:
#     AWS の RDS インスタンス・クラスタ、DocumentDB クラスタ(storage_encrypted)、EBS ボリューム、EFS、
#     Redshift クラスタ(encrypted)、ElastiCache レプリケーショングループ(at_rest_encryption_enabled)、
#     又は透過的データ暗号化を無効にした Azure SQL データベース。S3・Azure Storage・Google Cloud の
#     ストレージは事業者が常に暗号化するため対象外。システム運用編 13 はクラウド等での暗号化を求めている。
#   remediation_en: |
#     Turn encryption at rest on (storage_encrypted = true, encrypted = true, at_rest_encryption_enabled
#     = true, transparent_data_encryption_enabled = true), preferably with a customer-managed KMS key.
#     An existing unencrypted RDS instance is encrypted by restoring an encrypted snapshot copy.
#   remediation_ja: |
#     保存時暗号化を有効にしてください(storage_encrypted = true、encrypted = true、
#     at_rest_encryption_enabled = true、transparent_data_encryption_enabled = true)。できれば顧客管理の
#     KMS キーを使います。既存の暗号化されていない RDS は暗号化したスナップショットのコピーから復元します。
package sansho.rules.iac.storage_unencrypted

import data.sansho.lib
import rego.v1

# Attribute that must be true; `explicit`: only an explicit false is a gap (the default is on).
_checks := [
	{"type": "aws_db_instance", "attr": "storage_encrypted", "explicit": false, "ja": "RDS インスタンス", "en": "RDS instance"},
	{"type": "aws_rds_cluster", "attr": "storage_encrypted", "explicit": false, "ja": "RDS クラスタ", "en": "RDS cluster"},
	{"type": "aws_docdb_cluster", "attr": "storage_encrypted", "explicit": false, "ja": "DocumentDB クラスタ", "en": "DocumentDB cluster"},
	{"type": "aws_ebs_volume", "attr": "encrypted", "explicit": false, "ja": "EBS ボリューム", "en": "EBS volume"},
	{"type": "aws_efs_file_system", "attr": "encrypted", "explicit": false, "ja": "EFS ファイルシステム", "en": "EFS file system"},
	{"type": "aws_redshift_cluster", "attr": "encrypted", "explicit": false, "ja": "Redshift クラスタ", "en": "Redshift cluster"},
	{"type": "aws_elasticache_replication_group", "attr": "at_rest_encryption_enabled", "explicit": false, "ja": "ElastiCache", "en": "ElastiCache replication group"},
	{"type": "azurerm_mssql_database", "attr": "transparent_data_encryption_enabled", "explicit": true, "ja": "Azure SQL データベース", "en": "Azure SQL database"},
]

_gap(r, c) if {
	not c.explicit
	not r.values[c.attr] == true
}

_gap(r, c) if {
	c.explicit
	r.values[c.attr] == false
}

deny contains f if {
	some c in _checks
	some r in lib.tf_resources(c.type)
	_gap(r, c)
	f := lib.config_finding(
		r, sprintf("values.%s", [c.attr]),
		sprintf("%s %s は保存時に暗号化されません(%s が true でない)。医療情報を保存するストレージは暗号化してください(システム運用編 13)。", [c.ja, r.address, c.attr]),
		sprintf("%s %s is not encrypted at rest (%s is not true); storage holding medical information must be encrypted (Guideline 6.0 system operations 13).", [c.en, r.address, c.attr]),
	)
}
