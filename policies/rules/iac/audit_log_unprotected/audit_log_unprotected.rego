# METADATA
# title: Cloud audit logging missing, incomplete or unprotected
# description: |
#   A Terraform plan or state for AWS, Azure or Google Cloud does not keep a complete, protected
#   audit log of the cloud account: AWS resources without any CloudTrail trail in the same
#   configuration, Azure resources without a diagnostic setting exporting the subscription's
#   Activity Log, Google Cloud resources without an audit config enabling data access logs for all
#   services (warnings: these may be set for the whole organisation elsewhere); a trail
#   that is not multi-region, has log file validation off or logging disabled; the trail's S3
#   bucket not fully blocked from public access, readable through a public ACL, or expiring logs
#   before the iac_audit_log_min_retention_days parameter; the CloudWatch log group a trail writes
#   to, an Azure Log Analytics workspace or a Google Cloud log bucket keeping logs for fewer days
#   than that parameter. Guideline 6.0 システム運用編 17 asks that logs be protected against
#   access, deletion and tampering.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-IAC-005
#   severity: high
#   level: error
#   requirements: [g6.sys.17.2, g6.mgmt.5.2, chk.r7.vend.2.11]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: クラウドの監査ログがない・不完全・保護されていない
#   description_ja: |
#     AWS・Azure・Google Cloud の Terraform プラン又はステートが、クラウドアカウントの完全で保護された
#     監査ログを残さない: 同じ構成に CloudTrail の証跡がない AWS リソース、サブスクリプションの
#     アクティビティログをエクスポートする診断設定がない Azure リソース、全サービスのデータアクセスログを
#     有効にする監査設定がない Google Cloud リソース(組織単位で別に設定されうるため警告)、マルチリージョンでない・ログファイル検証が無効・ログ記録が停止している証跡、
#     パブリックアクセスを完全にはブロックしていない・公開 ACL で読める・ログを iac_audit_log_min_retention_days
#     より前に失効させる証跡の S3 バケット、その日数より短い保持期間の、証跡の書込先 CloudWatch ロググループ・
#     Azure Log Analytics ワークスペース・Google Cloud ログバケット。システム運用編 17 はログへのアクセス制限と
#     削除・改ざんの防止を求めている。
#   remediation_en: |
#     Create a multi-region trail with enable_log_file_validation = true; give its bucket an
#     aws_s3_bucket_public_access_block with all four settings true, no public ACL, and a lifecycle
#     that keeps logs at least the parameter's days (Object Lock protects them further); set log
#     retention to at least the parameter on CloudWatch, Log Analytics and Cloud Logging buckets.
#   remediation_ja: |
#     enable_log_file_validation = true のマルチリージョン証跡を作成し、そのバケットには 4 項目すべて true の
#     aws_s3_bucket_public_access_block を付け、公開 ACL を使わず、ライフサイクルでパラメータの日数以上
#     ログを残してください(Object Lock でさらに保護できます)。CloudWatch・Log Analytics・Cloud Logging の
#     保持期間もパラメータ以上にしてください。
package sansho.rules.iac.audit_log_unprotected

import data.sansho.lib
import rego.v1

_min := lib.param("iac_audit_log_min_retention_days")

_trails := lib.tf_resources("aws_cloudtrail")

_aws_files contains r.file if {
	some r in input.configurations.terraform
	r.cloud == "aws"
	r.mode == "managed"
}

# No trail in a file with AWS resources: reported on the file's first resource.
deny contains f if {
	some file in _aws_files
	count([t | some t in _trails; t.file == file]) == 0
	first := min([r.address | some r in input.configurations.terraform; r.file == file; r.cloud == "aws"; r.mode == "managed"])
	some r in input.configurations.terraform
	r.file == file
	r.address == first
	f := object.union(
		lib.config_finding(
			r, "",
			sprintf("%s の AWS リソースに CloudTrail の証跡(aws_cloudtrail)がありません。組織の証跡で記録している場合は例外(Waiver)に記録してください(システム運用編 17)。", [file]),
			sprintf("The AWS resources of %s have no CloudTrail trail (aws_cloudtrail); if an organisation trail records them, record that as a waiver (Guideline 6.0 system operations 17).", [file]),
		),
		{"level": "warning"},
	)
}

# The same for Azure (a diagnostic setting exporting the subscription's Activity Log) and Google
# Cloud (an audit config enabling data access logs for all services).
_cloud_files(cloud) := {r.file |
	some r in input.configurations.terraform
	r.cloud == cloud
	r.mode == "managed"
}

_activity_log_export(file) if {
	some d in lib.tf_resources("azurerm_monitor_diagnostic_setting")
	d.file == file
	regex.match(`^/subscriptions/[^/]+$`, d.values.target_resource_id)
}

_activity_log_export(file) if {
	some d in lib.tf_resources("azurerm_monitor_diagnostic_setting")
	d.file == file
	some ref in object.get(d, ["references", "target_resource_id"], [])
	contains(ref, "subscription")
}

_audit_config_types(c) := {l.log_type | some l in c.values.audit_log_config}

_data_access_logged(file) if {
	some t in ["google_project_iam_audit_config", "google_folder_iam_audit_config", "google_organization_iam_audit_config"]
	some c in lib.tf_resources(t)
	c.file == file
	c.values.service == "allServices"
	{"DATA_READ", "DATA_WRITE"} - _audit_config_types(c) == set()
}

_missing_trail contains [file, "azure", "Azure のアクティビティログをエクスポートする診断設定(サブスクリプション対象の azurerm_monitor_diagnostic_setting)", "diagnostic setting exporting the Azure Activity Log (azurerm_monitor_diagnostic_setting on the subscription)"] if {
	some file in _cloud_files("azure")
	not _activity_log_export(file)
}

_missing_trail contains [file, "google", "全サービスのデータアクセスログ(DATA_READ・DATA_WRITE)を有効にする監査設定(google_project_iam_audit_config)", "audit config enabling data access logs (DATA_READ, DATA_WRITE) for allServices (google_project_iam_audit_config)"] if {
	some file in _cloud_files("google")
	not _data_access_logged(file)
}

deny contains f if {
	some m in _missing_trail
	[file, cloud, ja, en] := m
	first := min([x.address | some x in input.configurations.terraform; x.file == file; x.cloud == cloud; x.mode == "managed"])
	some r in input.configurations.terraform
	r.file == file
	r.address == first
	f := object.union(
		lib.config_finding(
			r, "",
			sprintf("%s のリソースに%sがありません。組織単位で設定している場合は例外(Waiver)に記録してください(システム運用編 17)。", [file, ja]),
			sprintf("The resources of %s have no %s; if it is set for the whole organisation, record that as a waiver (Guideline 6.0 system operations 17).", [file, en]),
		),
		{"level": "warning"},
	)
}

_trail_gaps contains [t, "values.is_multi_region_trail", "マルチリージョンではない", "is not multi-region"] if {
	some t in _trails
	not t.values.is_multi_region_trail == true
}

_trail_gaps contains [t, "values.enable_log_file_validation", "ログファイルの整合性検証が無効", "has log file validation off"] if {
	some t in _trails
	not t.values.enable_log_file_validation == true
}

_trail_gaps contains [t, "values.enable_logging", "ログ記録が停止している", "has logging disabled"] if {
	some t in _trails
	t.values.enable_logging == false
}

deny contains f if {
	some g in _trail_gaps
	[t, path, ja, en] := g
	f := lib.config_finding(
		t, path,
		sprintf("CloudTrail の証跡 %s は%sため、操作の記録が不完全か改ざんを検知できません(システム運用編 17)。", [t.address, ja]),
		sprintf("CloudTrail trail %s %s, so the record of operations is incomplete or tampering goes unnoticed (Guideline 6.0 system operations 17).", [t.address, en]),
	)
}

# The buckets trails write to.
_log_buckets contains b if {
	some t in _trails
	some b in lib.tf_resources("aws_s3_bucket")
	b.file == t.file
	_writes_to(t, b)
}

_writes_to(t, b) if t.values.s3_bucket_name == b.values.bucket

_writes_to(t, b) if {
	some ref in object.get(t, ["references", "s3_bucket_name"], [])
	ref in {b.address, concat("", [b.address, ".id"]), concat("", [b.address, ".bucket"])}
}

_blocked(b) if {
	some p in lib.tf_attached("aws_s3_bucket_public_access_block", "bucket", b)
	every k in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] {
		p.values[k] == true
	}
}

deny contains f if {
	some b in _log_buckets
	not _blocked(b)
	f := lib.config_finding(
		b, "",
		sprintf("監査ログのバケット %s はパブリックアクセスを完全にはブロックしていません(aws_s3_bucket_public_access_block の 4 項目がすべて true でない)(システム運用編 17)。", [b.address]),
		sprintf("Audit log bucket %s does not fully block public access (aws_s3_bucket_public_access_block with all four settings true) (Guideline 6.0 system operations 17).", [b.address]),
	)
}

deny contains f if {
	some b in _log_buckets
	some a in lib.tf_attached("aws_s3_bucket_acl", "bucket", b)
	startswith(object.get(a.values, "acl", ""), "public-")
	f := lib.config_finding(
		a, "values.acl",
		sprintf("監査ログのバケット %s に公開 ACL %s が付いています(システム運用編 17)。", [b.address, a.values.acl]),
		sprintf("Audit log bucket %s has the public ACL %s (Guideline 6.0 system operations 17).", [b.address, a.values.acl]),
	)
}

deny contains f if {
	some b in _log_buckets
	some l in lib.tf_attached("aws_s3_bucket_lifecycle_configuration", "bucket", b)
	some i, rule in l.values.rule
	object.get(rule, "status", "Enabled") == "Enabled"
	some j, e in rule.expiration
	e.days > 0
	e.days < _min
	f := lib.config_finding(
		l, sprintf("values.rule[%d].expiration[%d].days", [i, j]),
		sprintf("監査ログのバケット %s はログを %d 日で削除します。パラメータ iac_audit_log_min_retention_days(%d 日)以上保存してください。", [b.address, e.days, _min]),
		sprintf("Audit log bucket %s deletes logs after %d days; keep them at least iac_audit_log_min_retention_days (%d days).", [b.address, e.days, _min]),
	)
}

# Retention attributes: the log group a trail writes to, Log Analytics, Cloud Logging buckets.
_retained contains [g, "values.retention_in_days", g.values.retention_in_days] if {
	some t in _trails
	some g in lib.tf_resources("aws_cloudwatch_log_group")
	some ref in object.get(t, ["references", "cloud_watch_logs_group_arn"], [])
	startswith(ref, g.address)
	g.values.retention_in_days > 0
}

_retained contains [w, "values.retention_in_days", object.get(w.values, "retention_in_days", 30)] if {
	some w in lib.tf_resources("azurerm_log_analytics_workspace")
}

_retained contains [b, "values.retention_days", object.get(b.values, "retention_days", 30)] if {
	some b in lib.tf_resources("google_logging_project_bucket_config")
}

deny contains f if {
	some x in _retained
	[r, path, days] := x
	days < _min
	f := lib.config_finding(
		r, path,
		sprintf("ログの保存先 %s の保持期間 %d 日はパラメータ iac_audit_log_min_retention_days(%d 日)未満です(システム運用編 17)。", [r.address, days, _min]),
		sprintf("Log store %s keeps logs for %d days, less than iac_audit_log_min_retention_days (%d days) (Guideline 6.0 system operations 17).", [r.address, days, _min]),
	)
}
