# METADATA
# title: Kubernetes Secret with its values in a manifest
# description: |
#   A Kubernetes manifest (or Helm output) holds a Secret with values in data or stringData. Base64
#   is an encoding, not encryption: whoever reads the repository, the CI log or the rendered chart
#   reads the password or key. Secrets belong in a secret store (External Secrets, Sealed Secrets,
#   SOPS, the CSI secret store driver) and reach the cluster encrypted. Secrets of type
#   kubernetes.io/service-account-token, whose data the cluster fills in, are not reported.
#   Guideline 6.0 システム運用編 14 asks that IDs and passwords stay known only to their users.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#     description: Kubernetes — good practices for Secrets
# custom:
#   id: SNS-K8S-002
#   severity: high
#   level: error
#   requirements: [g6.sys.14.2]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: Kubernetes の Secret の値がマニフェストに書かれている
#   description_ja: |
#     Kubernetes のマニフェスト(又は Helm の出力)が、data 又は stringData に値を持つ Secret を含む。Base64 は
#     符号化であり暗号化ではないため、リポジトリ・CI のログ・展開したチャートを読める者がパスワードや鍵を
#     読める。Secret はシークレットストア(External Secrets、Sealed Secrets、SOPS、CSI シークレットストア
#     ドライバ)に置き、暗号化したままクラスタへ渡すこと。クラスタが値を入れる
#     kubernetes.io/service-account-token 型は対象外。システム運用編 14 は ID・パスワードを本人しか知らない
#     状態に保つことを求めている。
#   remediation_en: |
#     Remove the values from the manifest, rotate them (they are exposed), and deliver them from a
#     secret store: ExternalSecret, SealedSecret, SOPS-encrypted files or the CSI driver.
#   remediation_ja: |
#     マニフェストから値を削除し、(漏えいしたものとして)値を変更したうえで、ExternalSecret・SealedSecret・
#     SOPS で暗号化したファイル・CSI ドライバなどシークレットストアから渡してください。
package sansho.rules.k8s.secret_in_manifest

import data.sansho.lib
import rego.v1

deny contains f if {
	some s in lib.k8s_objects("Secret")
	not object.get(s, "type", "") == "kubernetes.io/service-account-token"
	some field in ["data", "stringData"]
	keys := [k | some k, _ in object.get(s, field, {})]
	count(keys) > 0
	f := lib.config_finding(
		s, field,
		sprintf("Secret %s の %s に値(%s)が平文又は Base64 で書かれています。シークレットストアから渡してください(システム運用編 14)。", [s.address, field, concat(", ", sort(keys))]),
		sprintf("Secret %s has values in %s (%s) in plain text or base64; deliver them from a secret store (Guideline 6.0 system operations 14).", [s.address, field, concat(", ", sort(keys))]),
	)
}
