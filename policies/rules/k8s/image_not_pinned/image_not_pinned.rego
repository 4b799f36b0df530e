# METADATA
# title: Kubernetes container image not pinned by digest
# description: |
#   A Kubernetes workload runs an image by tag (nginx:1.27, app:latest) or without a tag instead of
#   by digest (image@sha256:…). A tag can be moved to other content: the image that runs is not
#   the one that was scanned and approved, and a compromised registry or pipeline can replace it.
#   Guideline 6.0 システム運用編 8 asks for protection against malicious software and for controlled
#   updates; pinning by digest makes every change of software an explicit, reviewed change.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#     description: Kubernetes — image names and digests
# custom:
#   id: SNS-K8S-003
#   severity: medium
#   level: warning
#   requirements: [g6.sys.8.a]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: Kubernetes のコンテナイメージがダイジェストで固定されていない
#   description_ja: |
#     Kubernetes のワークロードがイメージをダイジェスト(image@sha256:…)ではなくタグ(nginx:1.27、app:latest)
#     又はタグなしで指定している。タグは別の内容に付け替えられるため、動くイメージが検査・承認したものと
#     一致せず、侵害されたレジストリやパイプラインに差し替えられうる。システム運用編 8 は不正ソフトウェア
#     対策と管理された更新を求めており、ダイジェストで固定すればソフトウェアの変更はすべて明示的で
#     レビューされた変更になる。
#   remediation_en: |
#     Reference images as registry/name@sha256:<digest> (tag@digest is fine); let Renovate or
#     Dependabot update the digests through reviewed pull requests.
#   remediation_ja: |
#     イメージは registry/name@sha256:<ダイジェスト> で指定し(tag@digest も可)、Renovate や Dependabot に
#     レビュー付きのプルリクエストでダイジェストを更新させてください。
package sansho.rules.k8s.image_not_pinned

import data.sansho.lib
import rego.v1

deny contains f if {
	some o in input.configurations.kubernetes
	some x in lib.k8s_containers(o)
	not regex.match(`@sha256:[0-9a-f]{64}$`, x.c.image)
	f := lib.config_finding(
		o, sprintf("%s.image", [x.path]),
		sprintf("%s のコンテナ %s のイメージ %s がダイジェスト(@sha256:…)で固定されていません(システム運用編 8)。", [o.address, x.c.name, x.c.image]),
		sprintf("Container %s of %s runs image %s, not pinned by digest (@sha256:…) (Guideline 6.0 system operations 8).", [x.c.name, o.address, x.c.image]),
	)
}
