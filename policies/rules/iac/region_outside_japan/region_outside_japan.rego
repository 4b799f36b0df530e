# METADATA
# title: Cloud resources, backups or replicas outside Japan
# description: |
#   A Terraform plan or state places a resource outside the Japanese regions (AWS ap-northeast-1
#   Tokyo and ap-northeast-3 Osaka, Azure Japan East and Japan West, Google Cloud asia-northeast1
#   Tokyo and asia-northeast2 Osaka), or copies data out of them: an AWS Backup plan that copies
#   recovery points to a vault in another region, or a DynamoDB table with a replica outside
#   Japan. The region is the resource's own region or location, else the region of the provider
#   configuration it uses. Global services (IAM, CloudFront, Route 53, Organizations) have no
#   region and are not reported. The vendor guideline 2.0 (6.1) asks that medical information be
#   kept where Japanese law can be enforced, copies included.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-IAC-003
#   severity: high
#   level: error
#   requirements: [v2.6.1]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: クラウドのリソース・バックアップ・複製が国外にある
#   description_ja: |
#     Terraform のプラン又はステートが、国内リージョン(AWS の ap-northeast-1 東京・ap-northeast-3 大阪、
#     Azure の Japan East・Japan West、Google Cloud の asia-northeast1 東京・asia-northeast2 大阪)以外に
#     リソースを置く、又はデータを国外へ複製する(別リージョンのボールトへ復旧ポイントをコピーする
#     AWS Backup プラン、国外にレプリカを持つ DynamoDB テーブル)。リージョンはリソース自身の region /
#     location、なければ使用するプロバイダ設定の region。グローバルサービス(IAM、CloudFront、Route 53、
#     Organizations)は対象外。提供事業者ガイドライン第2.0版 6.1 は、複製を含め医療情報を国内法の執行が
#     及ぶ場所に保存することを求めている。
#   remediation_en: |
#     Deploy to ap-northeast-1/3, Japan East/West or asia-northeast1/2, and keep backup copies and
#     replicas in the other Japanese region (Tokyo ↔ Osaka) instead of abroad.
#   remediation_ja: |
#     ap-northeast-1/3、Japan East/West、asia-northeast1/2 に配置し、バックアップの複製やレプリカは
#     国外ではなくもう一方の国内リージョン(東京 ↔ 大阪)に置いてください。
package sansho.rules.iac.region_outside_japan

import data.sansho.lib
import rego.v1

# Types with no region of their own (the provider's region says nothing about them).
_global_prefixes := ["aws_iam_", "aws_cloudfront_", "aws_route53_", "aws_organizations_", "aws_budgets_", "aws_shield_", "google_project", "google_service_account", "google_organization", "google_folder", "azuread_"]

_global(r) if {
	some p in _global_prefixes
	startswith(r.type, p)
}

deny contains f if {
	some r in input.configurations.terraform
	r.mode == "managed"
	not _global(r)
	region := r.region
	not lib.japanese_region(region)
	f := lib.config_finding(
		r, "region",
		sprintf("%s はリージョン %s にあり、国内ではありません。医療情報とその複製は国内法の執行が及ぶ場所に置く必要があります(提供事業者ガイドライン 6.1)。", [r.address, region]),
		sprintf("%s is in region %s, outside Japan; medical information and its copies must be kept where Japanese law can be enforced (vendor guideline 6.1).", [r.address, region]),
	)
}

# The region of an ARN (arn:aws:backup:us-west-2:123456789012:backup-vault:x).
_arn_region(arn) := parts[3] if {
	parts := split(arn, ":")
	count(parts) > 4
	parts[3] != ""
}

deny contains f if {
	some p in lib.tf_resources("aws_backup_plan")
	some i, rule in p.values.rule
	some j, c in rule.copy_action
	region := _arn_region(c.destination_vault_arn)
	not lib.japanese_region(region)
	f := lib.config_finding(
		p, sprintf("values.rule[%d].copy_action[%d].destination_vault_arn", [i, j]),
		sprintf("バックアッププラン %s はルール %s の復旧ポイントを国外リージョン %s のボールトへコピーします(提供事業者ガイドライン 6.1)。", [p.address, rule.rule_name, region]),
		sprintf("Backup plan %s copies the recovery points of rule %s to a vault in %s, outside Japan (vendor guideline 6.1).", [p.address, rule.rule_name, region]),
	)
}

deny contains f if {
	some t in lib.tf_resources("aws_dynamodb_table")
	some i, rep in t.values.replica
	not lib.japanese_region(rep.region_name)
	f := lib.config_finding(
		t, sprintf("values.replica[%d].region_name", [i]),
		sprintf("DynamoDB テーブル %s は国外リージョン %s にレプリカを持ちます(提供事業者ガイドライン 6.1)。", [t.address, rep.region_name]),
		sprintf("DynamoDB table %s has a replica in %s, outside Japan (vendor guideline 6.1).", [t.address, rep.region_name]),
	)
}
