# METADATA
# title: Cloud backups without an immutable (locked) copy
# description: |
#   A Terraform plan or state keeps backups that ransomware or a stolen administrator account
#   could delete: an AWS Backup vault without a Vault Lock, or locked for less than the
#   iac_backup_min_retention_days parameter; an S3 bucket used for backups (its name contains
#   "backup", or it is tagged purpose/role = backup) without Object Lock in default retention of
#   at least that many days; an Azure Recovery Services or Data Protection backup vault whose
#   immutability is not Locked; a Google Cloud Storage backup bucket without a locked retention
#   policy of at least that many days. A Vault Lock in governance mode (no changeable_for_days)
#   or Object Lock in GOVERNANCE mode can be lifted by a privileged user and is reported as a
#   warning. Guideline 6.0 システム運用編 11 asks that part of the backups be kept where malware
#   cannot reach them.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-IAC-004
#   severity: high
#   level: error
#   requirements: [g6.sys.11.1.f, chk.r7.vend.3.2]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: クラウドのバックアップに改ざん不可(ロック)の複製がない
#   description_ja: |
#     Terraform のプラン又はステートのバックアップが、ランサムウェアや奪われた管理者アカウントで削除できる:
#     Vault Lock のない、又はロック期間が iac_backup_min_retention_days 未満の AWS Backup ボールト、
#     バックアップ用(名前に backup を含む、又はタグ purpose/role = backup)で既定保持期間がその日数以上の
#     Object Lock のない S3 バケット、immutability が Locked でない Azure の Recovery Services /
#     Data Protection バックアップボールト、その日数以上のロックされた保持ポリシーのない Google Cloud
#     Storage のバックアップ用バケット。ガバナンスモード(changeable_for_days なし、GOVERNANCE)の
#     ロックは特権ユーザが解除できるため警告とする。システム運用編 11 はバックアップの一部を不正ソフト
#     ウェアの影響が及ばない手段で管理することを求めている。
#   remediation_en: |
#     Add aws_backup_vault_lock_configuration with min_retention_days ≥ the parameter and
#     changeable_for_days (compliance mode); create backup buckets with object_lock_enabled = true and
#     an aws_s3_bucket_object_lock_configuration in COMPLIANCE mode; set immutability = "Locked" on
#     Azure vaults; lock the retention policy of Google Cloud backup buckets.
#   remediation_ja: |
#     min_retention_days がパラメータ以上で changeable_for_days を指定した(コンプライアンスモードの)
#     aws_backup_vault_lock_configuration を追加し、バックアップ用バケットは object_lock_enabled = true と
#     COMPLIANCE モードの aws_s3_bucket_object_lock_configuration で作成し、Azure のボールトは
#     immutability = "Locked"、Google Cloud のバックアップ用バケットは保持ポリシーをロックしてください。
package sansho.rules.iac.backup_not_immutable

import data.sansho.lib
import rego.v1

_min := lib.param("iac_backup_min_retention_days")

# --- AWS Backup vaults -----------------------------------------------------------------------
_locks(v) := lib.tf_attached("aws_backup_vault_lock_configuration", "backup_vault_name", v)

deny contains f if {
	some v in lib.tf_resources("aws_backup_vault")
	count(_locks(v)) == 0
	f := lib.config_finding(
		v, "",
		sprintf("バックアップボールト %s に Vault Lock(aws_backup_vault_lock_configuration)がなく、復旧ポイントを削除できます(システム運用編 11)。", [v.address]),
		sprintf("Backup vault %s has no Vault Lock (aws_backup_vault_lock_configuration): its recovery points can be deleted (Guideline 6.0 system operations 11).", [v.address]),
	)
}

deny contains f if {
	some v in lib.tf_resources("aws_backup_vault")
	some l in _locks(v)
	object.get(l.values, "min_retention_days", 0) < _min
	f := lib.config_finding(
		l, "values.min_retention_days",
		sprintf("%s の最短ロック期間 %v 日はパラメータ iac_backup_min_retention_days(%d 日)未満です。", [l.address, object.get(l.values, "min_retention_days", 0), _min]),
		sprintf("%s locks recovery points for at least %v days, less than iac_backup_min_retention_days (%d days).", [l.address, object.get(l.values, "min_retention_days", 0), _min]),
	)
}

deny contains f if {
	some v in lib.tf_resources("aws_backup_vault")
	some l in _locks(v)
	not l.values.changeable_for_days
	f := object.union(
		lib.config_finding(
			l, "values",
			sprintf("%s はガバナンスモード(changeable_for_days なし)で、特権ユーザがロックを解除できます。", [l.address]),
			sprintf("%s is in governance mode (no changeable_for_days): a privileged user can remove the lock.", [l.address]),
		),
		{"level": "warning"},
	)
}

# --- S3 buckets holding backups --------------------------------------------------------------
_retention_days(c) := d if {
	r := c.values.rule[0].default_retention[0]
	d := object.get(r, "days", 0) + (object.get(r, "years", 0) * 365)
}

_bucket_gap(b) := ["values.object_lock_enabled", "Object Lock が有効でない", "has no Object Lock"] if {
	not b.values.object_lock_enabled == true
}

_bucket_gap(b) := ["values.object_lock_enabled", "既定保持期間(aws_s3_bucket_object_lock_configuration)がない", "has no default retention (aws_s3_bucket_object_lock_configuration)"] if {
	b.values.object_lock_enabled == true
	count(lib.tf_attached("aws_s3_bucket_object_lock_configuration", "bucket", b)) == 0
}

deny contains f if {
	some b in lib.tf_resources("aws_s3_bucket")
	lib.tf_backup_store(b)
	[path, ja, en] := _bucket_gap(b)
	f := lib.config_finding(
		b, path,
		sprintf("バックアップ用バケット %s は%sため、バックアップを削除・上書きできます(システム運用編 11)。", [b.address, ja]),
		sprintf("Backup bucket %s %s, so backups can be deleted or overwritten (Guideline 6.0 system operations 11).", [b.address, en]),
	)
}

deny contains f if {
	some b in lib.tf_resources("aws_s3_bucket")
	lib.tf_backup_store(b)
	some c in lib.tf_attached("aws_s3_bucket_object_lock_configuration", "bucket", b)
	days := _retention_days(c)
	days < _min
	f := lib.config_finding(
		c, "values.rule[0].default_retention[0]",
		sprintf("%s の既定保持期間 %d 日はパラメータ iac_backup_min_retention_days(%d 日)未満です。", [c.address, days, _min]),
		sprintf("%s retains objects for %d days by default, less than iac_backup_min_retention_days (%d days).", [c.address, days, _min]),
	)
}

deny contains f if {
	some b in lib.tf_resources("aws_s3_bucket")
	lib.tf_backup_store(b)
	some c in lib.tf_attached("aws_s3_bucket_object_lock_configuration", "bucket", b)
	c.values.rule[0].default_retention[0].mode == "GOVERNANCE"
	f := object.union(
		lib.config_finding(
			c, "values.rule[0].default_retention[0].mode",
			sprintf("%s は GOVERNANCE モードで、特権ユーザがロックを解除できます。COMPLIANCE モードにしてください。", [c.address]),
			sprintf("%s is in GOVERNANCE mode: a privileged user can lift the lock; use COMPLIANCE mode.", [c.address]),
		),
		{"level": "warning"},
	)
}

# --- Azure and Google Cloud ------------------------------------------------------------------
deny contains f if {
	some t in ["azurerm_recovery_services_vault", "azurerm_data_protection_backup_vault"]
	some v in lib.tf_resources(t)
	not v.values.immutability == "Locked"
	f := lib.config_finding(
		v, "values.immutability",
		sprintf("Azure のバックアップボールト %s の immutability が Locked ではなく、バックアップを削除できます(システム運用編 11)。", [v.address]),
		sprintf("Azure backup vault %s does not have immutability Locked: backups can be deleted (Guideline 6.0 system operations 11).", [v.address]),
	)
}

_locked_long_enough(b) if {
	p := b.values.retention_policy[0]
	p.is_locked == true
	p.retention_period >= _min * 86400
}

deny contains f if {
	some b in lib.tf_resources("google_storage_bucket")
	lib.tf_backup_store(b)
	not _locked_long_enough(b)
	f := lib.config_finding(
		b, "values.retention_policy",
		sprintf("バックアップ用バケット %s に %d 日以上のロックされた保持ポリシーがありません(システム運用編 11)。", [b.address, _min]),
		sprintf("Backup bucket %s has no locked retention policy of at least %d days (Guideline 6.0 system operations 11).", [b.address, _min]),
	)
}
