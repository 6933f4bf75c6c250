"""Validates rendered Kubernetes manifests the way an API server would before accepting them.

Every resource is checked against the OpenAPI schema of one Kubernetes version in strict mode (an unknown field is
an error, as with `kubectl apply`'s default server-side field validation); Strimzi resources against the schemas of
Strimzi's own CustomResourceDefinitions, made strict the same way. A kind with no schema is an error, not a warning.
Then the references between resources that only fail at apply or run time: selectors that select nothing, names of
ConfigMaps, Deployments, ports and Kafka clusters that do not exist, Kafka replication the node pools cannot hold.

usage: validate.py --kubernetes-version 1.33 --crds DIR [--json-out FILE] RENDERED.yaml
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import kubernetes_validate.utils as kubernetes_schemas
import yaml
from referencing import Registry, Resource

Resource_ = dict[str, Any]

DEFINITIONS_ID = "https://kubernetes.io/api/_definitions.json"
OBJECT_META = {"$ref": f"{DEFINITIONS_ID}#/$defs/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}
POD_TEMPLATE_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}
CLUSTER_SCOPED_KINDS = {
    "Namespace", "Node", "PersistentVolume", "StorageClass", "PriorityClass", "RuntimeClass", "IngressClass",
    "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "APIService", "CSIDriver",
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
    "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
}
# libyaml's loader, where PyYAML has it: the pure-Python one spends seconds on Strimzi's 0.5 MB Kafka CRD.
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kubernetes-version", required=True)
    parser.add_argument("--crds", required=True, type=Path, help="folder of CustomResourceDefinition YAML files")
    parser.add_argument("--json-out", type=Path, help="also write the rendered resources as a JSON array")
    parser.add_argument("rendered", type=Path)
    args = parser.parse_args()

    resources = [doc for doc in yaml.load_all(args.rendered.read_text(), Loader=YamlLoader) if doc]
    if args.json_out:
        args.json_out.write_text(json.dumps(resources, indent=1))
    crds = CustomResourceSchemas(args.crds, args.kubernetes_version)
    problems = [*check_schemas(resources, args.kubernetes_version, crds), *check_references(resources)]
    for problem in problems:
        print(f"ERROR {problem}")
    kinds = sorted({str(r.get("kind")) for r in resources})
    verdict = f"{len(problems)} problem(s)" if problems else "valid"
    print(
        f"{args.rendered.stem}: {len(resources)} resources ({', '.join(kinds)}) against Kubernetes "
        f"{args.kubernetes_version} (strict) and {crds.describe()}: {verdict}"
    )
    return 1 if problems else 0


def name_of(resource: Resource_) -> str:
    metadata = resource.get("metadata") or {}
    return f"{resource.get('kind')}/{metadata.get('name')}"


class CustomResourceSchemas:
    """The strict schemas of the custom resources whose CRDs are in a folder, by (group, version, kind)."""

    def __init__(self, folder: Path, kubernetes_version: str) -> None:
        self.validators: dict[tuple[str, str, str], jsonschema.protocols.Validator] = {}
        self.sources = sorted(p.name for p in folder.glob("*.yaml"))
        self.release = (folder / "RELEASE").read_text().strip() if (folder / "RELEASE").exists() else "unknown"
        schemas = kubernetes_schema_folder(kubernetes_version)
        definitions = kubernetes_schemas.schema_contents(f"{schemas}/_definitions.json", kubernetes_version)
        registry = Resource.from_contents(definitions) @ Registry()
        for path in folder.glob("*.yaml"):
            for crd in yaml.load_all(path.read_text(), Loader=YamlLoader):
                if not crd or crd.get("kind") != "CustomResourceDefinition":
                    continue
                group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
                for version in crd["spec"]["versions"]:
                    schema = strict(version["schema"]["openAPIV3Schema"])
                    schema.setdefault("properties", {})["metadata"] = OBJECT_META
                    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
                    validator = jsonschema.Draft202012Validator(schema, registry=registry)
                    self.validators[(group, version["name"], kind)] = validator

    def describe(self) -> str:
        return f"Strimzi {self.release} CRDs" if self.sources else "no CRDs"

    def validator_for(self, resource: Resource_) -> jsonschema.protocols.Validator | None:
        group, _, version = str(resource.get("apiVersion", "")).rpartition("/")
        return self.validators.get((group, version, str(resource.get("kind"))))


def kubernetes_schema_folder(desired: str) -> str:
    """The strict schema folder kubernetes-validate uses for `desired`: the latest release it has that is not newer."""
    wanted = tuple(int(part) for part in desired.split(".")[:2])
    candidates = [v for v in kubernetes_schemas.all_versions() if tuple(int(p) for p in v.split(".")[:2]) <= wanted]
    if not candidates:
        raise SystemExit(f"kubernetes-validate has no schemas for Kubernetes {desired}")
    return f"kubernetes-json-schema/v{candidates[-1]}-local-strict"


class KubernetesSchemas:
    """kubernetes-validate's strict schemas, reporting every error of a resource rather than the first only."""

    def __init__(self, kubernetes_version: str) -> None:
        self.version = kubernetes_version
        self.folder = kubernetes_schema_folder(kubernetes_version)
        definitions = kubernetes_schemas.schema_contents(f"{self.folder}/_definitions.json", kubernetes_version)
        self.registry = Resource.from_contents(definitions) @ Registry()
        self.validators: dict[tuple[str, str], jsonschema.protocols.Validator | None] = {}

    def validator_for(self, resource: Resource_) -> jsonschema.protocols.Validator | None:
        key = (str(resource["apiVersion"]), str(resource["kind"]))
        if key not in self.validators:
            # The file naming kubernetes-validate uses: apps/v1 Deployment -> deployment-apps-v1.json.
            api = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", key[0])
            try:
                schema = kubernetes_schemas.schema_contents(f"{self.folder}/{key[1].lower()}-{api}.json", self.version)
                self.validators[key] = jsonschema.Draft202012Validator(schema, registry=self.registry)
            except FileNotFoundError:
                self.validators[key] = None
        return self.validators[key]


def strict(schema: Any) -> Any:
    """Rejects unknown fields in every object that lists its fields, as the API server does for a CRD's schema."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("properties", "patternProperties", "$defs", "definitions"):
                for sub in value.values():
                    strict(sub)
            elif key not in ("enum", "required", "example", "default"):
                strict(value)
        if (
            schema.get("type") == "object"
            and "properties" in schema
            and "additionalProperties" not in schema
            and not schema.get("x-kubernetes-preserve-unknown-fields")
        ):
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        for item in schema:
            strict(item)
    return schema


def check_schemas(resources: list[Resource_], kubernetes_version: str, crds: CustomResourceSchemas) -> Iterator[str]:
    kubernetes = KubernetesSchemas(kubernetes_version)
    for resource in resources:
        if not isinstance(resource.get("kind"), str) or not isinstance(resource.get("apiVersion"), str):
            yield f"{name_of(resource)}: every resource needs a string apiVersion and kind"
            continue
        validator = crds.validator_for(resource) or kubernetes.validator_for(resource)
        if validator is None:
            yield (
                f"{name_of(resource)}: no schema for {resource['apiVersion']} {resource['kind']} in Kubernetes "
                f"{kubernetes_version} nor in the CRDs given"
            )
            continue
        for error in sorted(validator.iter_errors(resource), key=lambda e: [str(p) for p in e.absolute_path]):
            yield f"{name_of(resource)}: {path_of(error)}: {error.message}"


def path_of(error: jsonschema.ValidationError) -> str:
    return ".".join(str(part) for part in error.absolute_path) or "(root)"


def check_references(resources: list[Resource_]) -> Iterator[str]:
    by_kind: dict[str, list[Resource_]] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for resource in resources:
        metadata = resource.get("metadata") or {}
        key = (str(resource.get("apiVersion")).split("/")[0], str(resource.get("kind")), str(metadata.get("namespace")), str(metadata.get("name")))
        if key in seen:
            yield f"{name_of(resource)}: defined twice in namespace {metadata.get('namespace')}"
        seen.add(key)
        by_kind.setdefault(str(resource.get("kind")), []).append(resource)

    # A resource without a namespace lands in whatever namespace kubectl's context names, away from the others.
    namespaces = {(r.get("metadata") or {}).get("namespace") for r in resources if r.get("kind") not in CLUSTER_SCOPED_KINDS}
    if None in namespaces and len(namespaces) > 1:
        for resource in resources:
            if resource.get("kind") not in CLUSTER_SCOPED_KINDS and not (resource.get("metadata") or {}).get("namespace"):
                yield f"{name_of(resource)}: has no namespace, unlike the other resources ({', '.join(sorted(n for n in namespaces if n))})"

    workloads = [r for kind in POD_TEMPLATE_KINDS for r in by_kind.get(kind, [])]
    yield from check_workloads(workloads, {name(r) for r in by_kind.get("ConfigMap", [])}, by_kind.get("Secret", []))
    yield from check_selectors(resources, workloads, by_kind)
    yield from check_kafka(by_kind)


def name(resource: Resource_) -> str:
    return str((resource.get("metadata") or {}).get("name"))


def namespace(resource: Resource_) -> str:
    return str((resource.get("metadata") or {}).get("namespace", "default"))


def pod_labels(workload: Resource_) -> dict[str, str]:
    return ((workload.get("spec") or {}).get("template") or {}).get("metadata", {}).get("labels") or {}


def containers(workload: Resource_) -> list[dict[str, Any]]:
    spec = ((workload.get("spec") or {}).get("template") or {}).get("spec") or {}
    return [*(spec.get("initContainers") or []), *(spec.get("containers") or [])]


def selects(selector: dict[str, Any] | None, labels: dict[str, str]) -> bool:
    """Whether a label selector (matchLabels / matchExpressions, or a plain map as in a Service) matches labels."""
    if not selector:
        return False
    if "matchLabels" not in selector and "matchExpressions" not in selector:
        selector = {"matchLabels": selector}
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression["key"], expression["operator"], expression.get("values") or []
        present = key in labels
        if operator == "In" and not (present and labels[key] in values):
            return False
        if operator == "NotIn" and present and labels[key] in values:
            return False
        if operator == "Exists" and not present:
            return False
        if operator == "DoesNotExist" and present:
            return False
    return True


def check_workloads(workloads: list[Resource_], config_maps: set[str], secrets: list[Resource_]) -> Iterator[str]:
    for secret in secrets:
        yield f"{name_of(secret)}: secret values do not belong in the manifests; reference a Secret created per environment"
    for workload in workloads:
        selector = (workload.get("spec") or {}).get("selector")
        if workload["kind"] != "Job" and not selects(selector, pod_labels(workload)):
            yield f"{name_of(workload)}: spec.selector does not match the pod template's labels"
        for container in containers(workload):
            where = f"{name_of(workload)}: container {container.get('name')}"
            port_names = {p.get("name") for p in container.get("ports") or [] if p.get("name")}
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                for handler in ("httpGet", "tcpSocket", "grpc"):
                    port = ((container.get(probe) or {}).get(handler) or {}).get("port")
                    if isinstance(port, str) and port not in port_names:
                        yield f"{where}: {probe} uses port {port!r}, which the container does not name"
            for source in container.get("envFrom") or []:
                ref = (source.get("configMapRef") or {})
                if ref and ref.get("name") not in config_maps and not ref.get("optional"):
                    yield f"{where}: envFrom names ConfigMap {ref.get('name')!r}, which the manifests do not define"
            for variable in container.get("env") or []:
                ref = ((variable.get("valueFrom") or {}).get("configMapKeyRef")) or {}
                if ref and ref.get("name") not in config_maps and not ref.get("optional"):
                    yield f"{where}: env {variable.get('name')} reads ConfigMap {ref.get('name')!r}, which the manifests do not define"


def check_selectors(resources: list[Resource_], workloads: list[Resource_], by_kind: dict[str, list[Resource_]]) -> Iterator[str]:
    def pods_in(ns: str) -> list[Resource_]:
        return [w for w in workloads if namespace(w) == ns]

    for service in by_kind.get("Service", []):
        selector = (service.get("spec") or {}).get("selector")
        if not selector:
            continue
        matched = [w for w in pods_in(namespace(service)) if selects(selector, pod_labels(w))]
        if not matched:
            yield f"{name_of(service)}: its selector {selector} selects no pod template"
        for port in (service.get("spec") or {}).get("ports") or []:
            target = port.get("targetPort")
            if isinstance(target, str):
                for workload in matched:
                    names = {p.get("name") for c in containers(workload) for p in c.get("ports") or []}
                    if target not in names:
                        yield f"{name_of(service)}: targetPort {target!r} is not a port name of {name_of(workload)}"
    for budget in by_kind.get("PodDisruptionBudget", []):
        spec = budget.get("spec") or {}
        if "minAvailable" in spec and "maxUnavailable" in spec:
            yield f"{name_of(budget)}: sets both minAvailable and maxUnavailable; the API server accepts only one"
        if not any(selects(spec.get("selector"), pod_labels(w)) for w in pods_in(namespace(budget))):
            yield f"{name_of(budget)}: its selector selects no pod template"
    for autoscaler in by_kind.get("HorizontalPodAutoscaler", []):
        spec = autoscaler.get("spec") or {}
        target = spec.get("scaleTargetRef") or {}
        if not any(w["kind"] == target.get("kind") and name(w) == target.get("name") for w in pods_in(namespace(autoscaler))):
            yield f"{name_of(autoscaler)}: scales {target.get('kind')}/{target.get('name')}, which the manifests do not define"
        if isinstance(spec.get("minReplicas"), int) and isinstance(spec.get("maxReplicas"), int) and spec["minReplicas"] > spec["maxReplicas"]:
            yield f"{name_of(autoscaler)}: minReplicas {spec['minReplicas']} exceeds maxReplicas {spec['maxReplicas']}"
    for policy in by_kind.get("NetworkPolicy", []):
        selector = (policy.get("spec") or {}).get("podSelector")
        if selector and not any(selects(selector, pod_labels(w)) for w in pods_in(namespace(policy))):
            yield f"{name_of(policy)}: its podSelector selects no pod template of these manifests"


def check_kafka(by_kind: dict[str, list[Resource_]]) -> Iterator[str]:
    clusters = {(namespace(k), name(k)): k for k in by_kind.get("Kafka", [])}
    brokers: dict[tuple[str, str], int] = {}
    for pool in by_kind.get("KafkaNodePool", []):
        cluster = ((pool.get("metadata") or {}).get("labels") or {}).get("strimzi.io/cluster")
        if (namespace(pool), cluster) not in clusters:
            yield f"{name_of(pool)}: label strimzi.io/cluster={cluster!r} names no Kafka in these manifests"
            continue
        spec = pool.get("spec") or {}
        if "broker" in (spec.get("roles") or []) and isinstance(spec.get("replicas"), int):
            brokers[(namespace(pool), cluster)] = brokers.get((namespace(pool), cluster), 0) + spec["replicas"]
    for key, kafka in clusters.items():
        count = brokers.get(key, 0)
        if count == 0:
            yield f"{name_of(kafka)}: no KafkaNodePool with the broker role belongs to it"
            continue
        config = ((kafka.get("spec") or {}).get("kafka") or {}).get("config") or {}
        for setting in ("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor", "min.insync.replicas"):
            if isinstance(config.get(setting), int) and config[setting] > count:
                yield f"{name_of(kafka)}: {setting}={config[setting]} exceeds its {count} broker(s)"
    for topic in by_kind.get("KafkaTopic", []):
        cluster = ((topic.get("metadata") or {}).get("labels") or {}).get("strimzi.io/cluster")
        if (namespace(topic), cluster) not in clusters:
            yield f"{name_of(topic)}: label strimzi.io/cluster={cluster!r} names no Kafka in these manifests"
            continue
        spec = topic.get("spec") or {}
        replicas, count = spec.get("replicas"), brokers.get((namespace(topic), cluster), 0)
        if isinstance(replicas, int) and replicas > count:
            yield f"{name_of(topic)}: {replicas} replicas, but its cluster has {count} broker(s)"
        min_isr = (spec.get("config") or {}).get("min.insync.replicas")
        if isinstance(replicas, int) and isinstance(min_isr, int) and min_isr > replicas:
            yield f"{name_of(topic)}: min.insync.replicas={min_isr} exceeds its {replicas} replicas, so no write would succeed"
        topic_name = spec.get("topicName") or name(topic)
        if not re.fullmatch(r"[a-zA-Z0-9._-]{1,249}", topic_name):
            yield f"{name_of(topic)}: {topic_name!r} is not a legal Kafka topic name"


if __name__ == "__main__":
    sys.exit(main())
