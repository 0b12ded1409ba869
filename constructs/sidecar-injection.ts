import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { KeptNamespaces, legacyNamespaceAddress } from "./kept-namespaces";
import { EXISTING_NAMESPACES } from "../facts/kubernetes-namespaces";

// Defined in facts/ (config/ reads it too); exported here as before.
export { EXISTING_NAMESPACES };

/** Istio's classic injection label, which the seed sets with `kubectl label namespace`. */
export const ISTIO_INJECTION_LABEL: Readonly<Record<string, string>> = {
  "istio-injection": "enabled",
};

/** Selects a control plane revision, or a tag pointing at one. */
export const ISTIO_REVISION_LABEL = "istio.io/rev";

export interface SidecarInjectionProps {
  /** Namespaces whose new pods get the Envoy sidecar. */
  readonly namespaces: string[];
  /** @default ISTIO_INJECTION_LABEL (`istio-injection=enabled`) */
  readonly labels?: Record<string, string>;
  /** Labels of some namespaces instead of `labels`, such as `istio.io/rev=prod-canary`. @default {} */
  readonly labelsByNamespace?: Readonly<Record<string, Record<string, string>>>;
  /**
   * Namespaces of `namespaces` to create when missing (KeptNamespaces: no edit and no destroy
   * deletes them): application namespaces are the users', so one is created only on request.
   * The others must exist when the stack is applied. Every namespace is labelled alike. @default []
   */
  readonly create?: readonly string[];
  /** For the created namespaces' release. @default - the stack's helm provider */
  readonly helmProvider?: TerraformProvider;
  /** Namespaces that exist in every cluster, which `create` must not name. @default EXISTING_NAMESPACES */
  readonly existingNamespaces?: readonly string[];
  /** @default - the stack's kubernetes provider */
  readonly provider?: TerraformProvider;
  /** Resources the namespaces must wait for (the control plane, say). @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Automatic sidecar injection for a list of namespaces: each gets the label (`kubernetes_labels`,
 * which removing the namespace from the list, or destroying the stack, takes off again and
 * nothing more); those listed in `create` are first created when missing, and never deleted.
 * As the seed warns, pods that already run keep no sidecar until they are restarted.
 */
export class SidecarInjection extends Construct {
  /** The created namespaces' release, when `create` lists any. */
  readonly created?: KeptNamespaces;
  /** Where earlier releases of this tool kept created namespaces (see legacyNamespaceAddress). */
  readonly legacyAddresses: string[] = [];

  constructor(scope: Construct, id: string, props: SidecarInjectionProps) {
    super(scope, id);
    const defaultLabels = props.labels ?? ISTIO_INJECTION_LABEL;
    const existing = new Set(props.existingNamespaces ?? EXISTING_NAMESPACES);
    const create = new Set(props.create ?? []);
    for (const namespace of create) {
      if (existing.has(namespace))
        throw new Error(`'create' names '${namespace}', which exists in every cluster`);
      if (!props.namespaces.includes(namespace))
        throw new Error(`'create' names '${namespace}', which 'namespaces' does not list`);
    }
    const seen = new Set<string>();
    for (const namespace of Object.keys(props.labelsByNamespace ?? {})) {
      if (!props.namespaces.includes(namespace))
        throw new Error(`'labelsByNamespace' names '${namespace}', which is not in 'namespaces'`);
    }
    for (const namespace of props.namespaces) {
      if (seen.has(namespace)) throw new Error(`'namespaces' lists '${namespace}' twice`);
      seen.add(namespace);
    }
    if (create.size > 0) {
      this.created = new KeptNamespaces(this, "Created", {
        namespaces: props.namespaces.filter((n) => create.has(n)),
        provider: props.helmProvider,
      });
    }
    for (const namespace of props.namespaces) {
      const labels = new Labels(this, namespace, {
        provider: props.provider,
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: namespace },
        labels: props.labelsByNamespace?.[namespace] ?? defaultLabels,
        dependsOn: create.has(namespace)
          ? [...(props.dependsOn ?? []), this.created!.resource]
          : props.dependsOn,
      });
      this.legacyAddresses.push(legacyNamespaceAddress(labels.friendlyUniqueId));
    }
  }
}
