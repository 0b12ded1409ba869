import { Annotations, ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { stringify as stringifyYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import {
  DEFAULT_ISTIO_VERSION,
  IstioChartLayout,
  istioChartLayout,
} from "../config/istio-versions";
import { legacyHelm3Problem } from "../config/helm3-rules";
import { unknownValueWarnings } from "../config/known-chart-values";
import { supportsAmbient } from "../config/ambient-rules";
import { MeshMtls } from "./gke-cluster";
import { MeshPeerAuthentication } from "./mesh-peer-authentication";
import { DEFAULT_TAG, IstioRevision, IstioRevisions } from "./istio-revisions";
import {
  ControlPlaneAvailability,
  DEFAULT_CONTROL_PLANE_REPLICAS,
  gatewayAvailabilityValues,
  istiodAvailabilityValues,
} from "./control-plane-availability";
import { ISTIO_INJECTION_LABEL, ISTIO_REVISION_LABEL } from "./sidecar-injection";
import { withHub } from "./istio-images";
import { MeshMembership, meshMemberNamespaceLabels, meshMemberValues } from "./mesh-member-values";
import { deepMerge } from "../config/deep-merge";
import { CA_FILES, CaCertificates } from "./secret-manager-ca";
import { AMBIENT_EAST_WEST } from "../facts/istio-multicluster";
import {
  ISTIO_CHART_REPOSITORY,
  ISTIO_HUB,
  legacyChartRepository,
  RETIRED_HOSTS,
} from "../facts/istio-hosting";
import { LEGACY_PROFILE_VALUES, type LegacyProfile } from "../facts/istio-legacy-profiles";

// Defined in facts/ (config/ reads them too); exported here as before.
export { LEGACY_PROFILE_VALUES };
export type { LegacyProfile };

/** Printed at every synth of a legacy environment; tests pin it. */
export const legacyChartsWarning = (version: string) =>
  `istio.version ${version} uses the legacy Istio charts (istio-init, istio), which use Kubernetes APIs removed in 1.22 and 1.25 (apiextensions.k8s.io/v1beta1 CRDs, PodSecurityPolicy): they install only on clusters older than 1.22. Use the current charts instead: istio.version ${DEFAULT_ISTIO_VERSION} (base, istiod, gateway).`;

export interface IstioHelmInstallProps {
  /** Exact chart version: 1.3.x/1.4.x (legacy charts) or 1.12.x and later. @default DEFAULT_ISTIO_VERSION */
  readonly version?: string;
  /** Mesh-wide mTLS: chart values (legacy) or a mesh-wide PeerAuthentication (current). @default "STRICT" */
  readonly mtls?: MeshMtls;
  /** Legacy charts only: the values profile. @default "default" */
  readonly profile?: LegacyProfile;
  /** Extra values of the `istio` (legacy) or `istiod` (current) chart, merged last. @default {} */
  readonly values?: Record<string, unknown>;
  /** The ingress gateway: `gateway` chart in namespace istio-ingress (current), or the `istio` chart's istio-ingressgateway (legacy). @default true */
  readonly ingressGateway?: boolean;
  /**
   * Current charts only, instead of `version`: istiod revisions side by side for canary upgrades
   * (see IstioRevisions); `base` follows the newest revision's version, and its validator and the
   * `default` tag follow `defaultRevision`. @default - one istiod without revision, at `version`
   */
  readonly revisions?: IstioRevisionsPlan;
  /** With `revisions`: the revision or tag whose istiod injects the gateway. @default - the `default` tag */
  readonly ingressGatewayRevision?: string;
  /**
   * `ambient` (current charts, 1.24 and later): istiod with the ambient profile, then the
   * `cni` and `ztunnel` node agents; no sidecars. @default "sidecar"
   */
  readonly dataplane?: "sidecar" | "ambient";
  /**
   * The Helm repository of every chart, such as a mirror (https:// or oci://); with the legacy
   * charts, the repository of that one release. @default - ISTIO_CHART_REPOSITORY, or the legacy
   * release's folder of Istio's release archive (facts/istio-hosting.ts)
   */
  readonly chartRepository?: string;
  /** The registry of every Istio image, such as a mirror. @default ISTIO_HUB (docker.io/istio) */
  readonly hub?: string;
  /** @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /** For the namespaces. @default - the stack's kubernetes provider */
  readonly kubernetesProvider?: TerraformProvider;
  /** What the first release waits for, such as the cluster-admin binding. @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Current charts: replicas, PDB and spread of istiod and the gateway (control-plane-availability.ts).
   * @default - { minReplicas: DEFAULT_CONTROL_PLANE_REPLICAS (2), regional: false }
   */
  readonly availability?: ControlPlaneAvailability;
  /**
   * Current charts, sidecar dataplane: this cluster as a member of a multi-cluster mesh. Every
   * istiod gets the mesh's `meshID` and the cluster's `clusterName` and `network` in our values
   * (before `values`), and istio-system the `topology.istio.io/network` label.
   * @default - a mesh of one cluster
   */
  readonly meshMember?: MeshMembership;
  /**
   * Current charts: the intermediate CA istiod signs with (Istio's plugged-in CA), as the Secret
   * `cacerts` in istio-system, created before any istiod starts: the members of a mesh share its
   * root. @default - istiod's own self-signed root
   */
  readonly caCertificates?: CaCertificates;
}

export interface IstioRevisionsPlan {
  /**
   * One istiod per revision, in this order. At most one may be `adopt`ed: the running istiod
   * without revision (release `istiod`, Terraform address unchanged) kept as that revision,
   * which must then be `defaultRevision` (its own webhooks serve istio-injection=enabled).
   */
  readonly revisions: readonly IstioRevision[];
  /** Tag → revision name (not `default`, which follows `defaultRevision`). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** The revision of the `default` tag and of the base chart's validator. */
  readonly defaultRevision: string;
}

/**
 * Every release: roll back a failed install or upgrade, clean up what it created, keep some history.
 * Values are YAML documents, not `set`: `set` outranks values, so istio.values could not override.
 */
const RELIABLE = { atomic: true, cleanupOnFail: true, maxHistory: 10 } as const;

/** The charts' own ambient profile (files/profile-ambient.yaml), chosen by name. */
const AMBIENT_PROFILE = { profile: "ambient" } as const;
/**
 * A node agent's DaemonSet rolls over every node (cni one node at a time, ztunnel one extra pod
 * at a time) and helm waits for all of it: 30 minutes, for a few dozen nodes.
 */
const NODE_AGENT_TIMEOUT = 1800;

/**
 * ztunnel's pods are replaced only when deleted, never by `helm upgrade`: a ztunnel restart cuts
 * every connection of its node's ambient pods, and the chart's rolling update replaces it on
 * every node during the apply. Istio advises cordoning and draining a node before its ztunnel
 * is upgraded (istio.io/latest/docs/ambient/upgrade/helm, read 2026-12-02): with OnDelete a
 * version change updates the DaemonSet only, and each node takes the new ztunnel when it is
 * drained and its ztunnel pod deleted, or replaced by a node pool upgrade (docs/ambient.md).
 * `rollingUpdate: null` drops the chart's default, which OnDelete does not take.
 */
const ZTUNNEL_ON_DELETE = { updateStrategy: { type: "OnDelete", rollingUpdate: null } } as const;

/**
 * Istio from its Helm charts, pinned to one exact version and repository, in namespace
 * istio-system (created here). The chart layout follows the version:
 * - legacy (1.3, 1.4, the seed's): `istio-init` (CRDs, created by Jobs), then `istio`;
 * - current (1.12 and later): `base` (CRDs), then `istiod`, then `gateway` in istio-ingress,
 *   then the mesh-wide PeerAuthentication;
 * - ambient (current, 1.24 and later): the same, with `cni` then `ztunnel` before the gateway.
 * Upgrade by changing `version`: every release is upgraded in place, in the same order.
 *
 * The install is itself a dependable: `dependsOn: [istio]` on your own resources waits for the
 * mesh policy (current charts) or the `istio` release (legacy), which wait for istiod and the CRDs.
 */
export class IstioHelmInstall extends Construct implements ITerraformDependable {
  readonly version: string;
  readonly layout: IstioChartLayout;
  readonly namespace: NamespaceV1;
  /** The releases in install order. */
  readonly releases: Release[] = [];
  /** The release that runs the control plane and its injection webhook (`istio` or `istiod`). */
  readonly controlPlane: Release;
  /** Current layout only. */
  readonly peerAuthentication?: MeshPeerAuthentication;
  /** With `revisions` only: the istiod and tag releases. */
  readonly revisions?: IstioRevisions;
  readonly dataplane: "sidecar" | "ambient";
  /** Ambient only: the last node agent (ztunnel), which enrolled namespaces wait for. */
  readonly nodeAgents?: Release;
  private readonly helmProvider?: TerraformProvider;
  private readonly availability: ControlPlaneAvailability;
  /** The registry every Istio image comes from. */
  readonly hub: string;
  /** The chart repository of every release. */
  readonly chartRepository: string;
  /** With `caCertificates`: the Secret `cacerts`. */
  readonly caCerts?: SecretV1;
  /** With `meshMember`: the values every istiod gets. */
  private readonly meshMemberValues?: Record<string, unknown>;

  /**
   * What `dependsOn: [istio]` names. Without it cdktf resolved a construct to nothing and dropped
   * it from `depends_on`. The mesh policy is the last step every workload needs: it waits for the
   * control plane (the injection webhook), which waits for the CRDs.
   */
  get fqn(): string {
    return (this.peerAuthentication?.resource ?? this.controlPlane).fqn;
  }

  constructor(scope: Construct, id: string, props: IstioHelmInstallProps = {}) {
    super(scope, id);
    this.helmProvider = props.provider;
    if (props.revisions && props.version !== undefined) {
      throw new Error(
        `'version' and 'revisions' exclude each other: 'version' runs one istiod without revision, got '${props.version}' and ${props.revisions.revisions.length} revisions`,
      );
    }
    if (!props.revisions && props.ingressGatewayRevision !== undefined) {
      throw new Error(
        `'ingressGatewayRevision' needs 'revisions', got '${props.ingressGatewayRevision}'`,
      );
    }
    this.version = props.revisions
      ? newestVersion(props.revisions.revisions.map((r) => r.version))
      : (props.version ?? DEFAULT_ISTIO_VERSION);
    const checked = istioChartLayout(this.version);
    if ("problem" in checked) {
      throw new Error(`'version': ${checked.problem}, got '${this.version}'`);
    }
    this.layout = checked.layout;
    this.chartRepository =
      props.chartRepository ??
      (this.layout === "legacy" ? legacyChartRepository(this.version) : ISTIO_CHART_REPOSITORY);
    this.hub = props.hub ?? ISTIO_HUB;
    for (const [prop, value] of [
      ["chartRepository", this.chartRepository],
      ["hub", this.hub],
    ] as const) {
      const retired = RETIRED_HOSTS.find((host) => value.includes(host.prefix));
      if (retired) {
        throw new Error(
          `'${prop}' names ${retired.prefix}, which Istio retires by ${retired.retired}, got '${value}'; use a mirror or the default`,
        );
      }
    }
    const mtls = props.mtls ?? "STRICT";
    if (mtls !== "STRICT" && mtls !== "PERMISSIVE") {
      throw new Error(`'mtls' must be "STRICT" or "PERMISSIVE", got '${mtls}'`);
    }
    const profile = props.profile ?? "default";
    if (!(profile in LEGACY_PROFILE_VALUES)) {
      throw new Error(
        `'profile' must be one of ${Object.keys(LEGACY_PROFILE_VALUES).join(", ")}, got '${profile}'`,
      );
    }
    if (this.layout === "current" && props.profile !== undefined && profile !== "default") {
      throw new Error(
        `'profile' applies to the legacy charts (1.3.x, 1.4.x) only, got '${profile}' with version '${this.version}'; put such settings in 'values'`,
      );
    }
    const ingressGateway = props.ingressGateway ?? true;
    const valuesChart = this.layout === "legacy" ? "istio" : "istiod";
    for (const warning of unknownValueWarnings(valuesChart, this.version, props.values)) {
      Annotations.of(this).addWarning(warning);
    }
    for (const revision of props.revisions?.revisions ?? []) {
      const layout = istioChartLayout(revision.version);
      if (!("layout" in layout) || layout.layout !== "current") {
        throw new Error(
          `'revisions' need the current charts (1.12.x and later), got version '${revision.version}' for revision '${revision.name}'`,
        );
      }
    }
    this.dataplane = props.dataplane ?? "sidecar";
    if (this.dataplane !== "sidecar" && this.dataplane !== "ambient") {
      throw new Error(`'dataplane' must be "sidecar" or "ambient", got '${this.dataplane}'`);
    }
    if (this.dataplane === "ambient" && !supportsAmbient(this.version)) {
      throw new Error(
        `'dataplane' ambient needs version 1.24.0 or later (current charts with ztunnel), got version '${this.version}'`,
      );
    }
    const ambient = this.dataplane === "ambient";
    const availability = (this.availability = props.availability ?? {
      minReplicas: DEFAULT_CONTROL_PLANE_REPLICAS,
      regional: false,
    });
    if (ambient && props.revisions) {
      // Ambient's node agents serve every revision at once; their upgrades are out of scope here.
      throw new Error(
        `'dataplane' ambient and 'revisions' exclude each other (revisioned ambient installs are not supported), got ${props.revisions.revisions.length} revisions`,
      );
    }

    if (props.meshMember && this.layout === "legacy") {
      throw new Error(
        `'meshMember' needs the current charts (1.12.x and later), got version '${this.version}'`,
      );
    }
    if (
      props.meshMember &&
      ambient &&
      Number(this.version.split(".")[1]) < AMBIENT_EAST_WEST.firstMinor
    ) {
      throw new Error(
        `'meshMember' with dataplane ambient needs version 1.${AMBIENT_EAST_WEST.firstMinor}.0 or later (ambient multi-cluster), got version '${this.version}'`,
      );
    }
    // Ambient members: istiod also serves the other networks' services (multi-network only).
    this.meshMemberValues =
      props.meshMember &&
      deepMerge(
        meshMemberValues(props.meshMember),
        ambient ? { env: { ...AMBIENT_EAST_WEST.istiodEnv } } : {},
      );
    this.namespace = new NamespaceV1(this, "Namespace", {
      provider: props.kubernetesProvider,
      dependsOn: props.dependsOn,
      metadata: {
        name: "istio-system",
        ...(props.meshMember ? { labels: meshMemberNamespaceLabels(props.meshMember) } : {}),
      },
    });

    if (props.caCertificates && this.layout === "legacy") {
      throw new Error(
        `'caCertificates' needs the current charts (1.12.x and later), got version '${this.version}'`,
      );
    }
    if (props.caCertificates) {
      const certificates = props.caCertificates;
      this.caCerts = new SecretV1(this, "CaCerts", {
        provider: props.kubernetesProvider,
        metadata: { name: "cacerts", namespace: "istio-system" },
        data: Object.fromEntries(
          (Object.keys(CA_FILES) as (keyof CaCertificates)[]).map((key) => [
            CA_FILES[key],
            certificates[key],
          ]),
        ),
        dependsOn: [this.namespace],
      });
    }

    if (this.layout === "legacy") {
      const helm3 = legacyHelm3Problem(
        this.version,
        {
          profile,
          profileValues: LEGACY_PROFILE_VALUES[profile],
          ingressGateway,
          values: props.values,
        },
        {
          version: "'version'",
          profile: "'profile'",
          ingressGateway: "'ingressGateway'",
          values: "'values'",
        },
      );
      if (helm3) throw new Error(helm3);
      Annotations.of(this).addWarning(legacyChartsWarning(this.version));
      const repository = this.chartRepository;
      const init = this.release("IstioInit", {
        name: "istio-init",
        repository,
        chart: "istio-init",
        values: [this.ownValues("istio-init", {})],
        // istio-init creates the CRDs from Jobs: without this the release is "deployed" before they exist.
        waitForJobs: true,
        timeout: 600,
      });
      const values = clone(LEGACY_PROFILE_VALUES[profile]);
      setPath(values, "global.mtls.enabled", mtls === "STRICT");
      setPath(values, "global.controlPlaneSecurityEnabled", mtls === "STRICT");
      setPath(values, "gateways.istio-ingressgateway.enabled", ingressGateway);
      // depends_on istio-init, whose waited-for Jobs created the CRDs: on a first apply the
      // istio chart's custom resources (MeshPolicy, attribute manifests...) then have their kinds.
      this.controlPlane = this.release("Istio", {
        name: "istio",
        repository,
        chart: "istio",
        values: [this.ownValues("istio", values), ...userValues(props.values)],
        timeout: 900,
        dependsOn: [init],
      });
    } else {
      // With revisions, `base` (the same release, so its CRDs are never uninstalled) is at the
      // newest revision's version: Istio upgrades base first, and every istiod depends on it.
      const plan = props.revisions;
      const base = this.release("Base", {
        name: "istio-base",
        repository: this.chartRepository,
        chart: "base",
        // As Istio's Helm install guide does: the default revision's validation webhook.
        // An adopted istiod has no revision: its validator is the one of revision "default".
        values: [stringifyYaml({ defaultRevision: baseDefaultRevision(plan) })],
        timeout: 600,
        // istiod reads cacerts when it starts, and every istiod waits for base.
        ...(this.caCerts ? { dependsOn: [this.caCerts] } : {}),
      });
      // What injects the gateway, and the chart version it runs at.
      let gatewayServer: Release;
      let gatewayVersion = this.version;
      let gatewayValues: Record<string, unknown> | undefined;
      let gatewayNamespaceLabels: Record<string, string> = { ...ISTIO_INJECTION_LABEL };
      if (plan) {
        const tags = plan.tags ?? {};
        if (DEFAULT_TAG in tags) {
          throw new Error(
            `'tags' must not name '${DEFAULT_TAG}', which follows 'defaultRevision' ('${plan.defaultRevision}')`,
          );
        }
        const adopted = plan.revisions.find((r) => r.adopt);
        if (adopted && adopted.name !== plan.defaultRevision) {
          throw new Error(
            `'defaultRevision' must be the adopted revision '${adopted.name}' while it runs (its webhooks serve istio-injection=enabled), got '${plan.defaultRevision}'`,
          );
        }
        this.revisions = new IstioRevisions(this, "Revisions", {
          revisions: plan.revisions.filter((r) => !r.adopt),
          tags: { [DEFAULT_TAG]: plan.defaultRevision, ...tags },
          values: props.values,
          repository: this.chartRepository,
          hub: this.hub,
          provider: props.provider,
          dependsOn: [this.namespace, base],
          availability,
          meshMember: props.meshMember,
          // The same release, values and address as without revisions: Terraform keeps it.
          adopted: adopted && {
            ...adopted,
            release: this.unrevisionedIstiod(adopted.version, false, props.values, base),
          },
        });
        this.releases.push(...this.revisions.releases.filter((r) => !this.releases.includes(r)));
        this.controlPlane = this.revisions.istiods.get(plan.defaultRevision)!;
        const reference = props.ingressGatewayRevision;
        const resolved = this.revisions.resolve(reference ?? DEFAULT_TAG);
        gatewayServer = this.revisions.serving(reference ?? DEFAULT_TAG);
        gatewayVersion = resolved.version;
        // On the adopted istiod the gateway keeps the values it had without revisions: no restart.
        if (!resolved.adopt) {
          // The gateway chart labels its pods istio.io/rev=<reference>; the namespace says the
          // same, never istio-injection (which would win). The annotation names the revision the
          // reference resolves to, so that moving a tag rolls the gateway out onto the new istiod.
          gatewayValues = {
            ...(reference ? { revision: reference } : {}),
            podAnnotations: { [GATEWAY_REVISION_ANNOTATION]: resolved.name },
          };
          if (reference) gatewayNamespaceLabels = { [ISTIO_REVISION_LABEL]: reference };
        }
      } else {
        this.controlPlane = this.unrevisionedIstiod(this.version, ambient, props.values, base);
        gatewayServer = this.controlPlane;
      }
      if (ambient) this.nodeAgents = this.ambientNodeAgents(this.controlPlane);
      if (ingressGateway) {
        // The gateway chart's pods are injected (template "gateway"), so its namespace is labelled.
        const ingressNamespace = new NamespaceV1(this, "IngressNamespace", {
          provider: props.kubernetesProvider,
          dependsOn: [gatewayServer],
          metadata: { name: "istio-ingress", labels: gatewayNamespaceLabels },
        });
        this.release("Gateway", {
          name: "istio-ingress",
          namespace: "istio-ingress",
          repository: this.chartRepository,
          chart: "gateway",
          version: gatewayVersion,
          ...optionalValues([
            ...(gatewayValues ? [stringifyYaml(gatewayValues)] : []),
            ...valuesDocument(gatewayAvailabilityValues(availability)),
          ]),
          // Waits for the LoadBalancer's external IP too.
          timeout: 600,
          dependsOn: [
            gatewayServer,
            ingressNamespace,
            ...(this.nodeAgents ? [this.nodeAgents] : []),
          ],
        });
      }
      this.peerAuthentication = new MeshPeerAuthentication(this, "MeshPeerAuthentication", {
        mtls,
        provider: props.provider,
        dependsOn: [this.controlPlane],
      });
    }
  }

  /** The istiod release without revision (`istiod`), as `version` installs it and `adopt` keeps it. */
  private unrevisionedIstiod(
    version: string,
    ambient: boolean,
    values: Record<string, unknown> | undefined,
    base: Release,
  ): Release {
    return this.release("Istiod", {
      name: "istiod",
      repository: this.chartRepository,
      chart: "istiod",
      version,
      values: [
        this.ownValues(
          "istiod",
          withMember(
            { ...(ambient ? AMBIENT_PROFILE : {}), global: { platform: "gke" } },
            this.meshMemberValues,
          ),
        ),
        ...valuesDocument(istiodAvailabilityValues(this.availability)),
        ...userValues(values),
      ],
      timeout: 900,
      dependsOn: [base],
    });
  }

  /**
   * istio-cni, then ztunnel (istio.io, "Install ambient with Helm"), both with `platform: gke`:
   * its profile adds the ResourceQuota under which GKE lets their system-node-critical pods run
   * outside kube-system. The cni chart finds GKE's CNI bin dir (/home/kubernetes/bin) from the
   * live cluster's version string, which helm_release reads at apply time.
   */
  private ambientNodeAgents(istiod: Release): Release {
    const cni = this.release("Cni", {
      name: "istio-cni",
      repository: this.chartRepository,
      chart: "cni",
      values: [this.ownValues("cni", { ...AMBIENT_PROFILE, global: { platform: "gke" } })],
      timeout: NODE_AGENT_TIMEOUT,
      dependsOn: [istiod],
    });
    return this.release("Ztunnel", {
      name: "ztunnel",
      repository: this.chartRepository,
      chart: "ztunnel",
      values: [
        this.ownValues("ztunnel", { global: { platform: "gke" } }),
        stringifyYaml(ZTUNNEL_ON_DELETE),
      ],
      timeout: NODE_AGENT_TIMEOUT,
      dependsOn: [cni],
    });
  }

  /** Our values document of a chart, with the image registry (istio-images.ts) in it. */
  private ownValues(chart: string, values: Record<string, unknown>): string {
    return stringifyYaml(withHub(chart, this.hub, values));
  }

  private release(
    id: string,
    config: {
      name: string;
      repository: string;
      chart: string;
      timeout: number;
      namespace?: string;
      version?: string;
      values?: string[];
      waitForJobs?: boolean;
      dependsOn?: ITerraformDependable[];
    },
  ): Release {
    const release = new Release(this, id, {
      ...RELIABLE,
      namespace: "istio-system",
      ...config,
      provider: this.helmProvider,
      version: config.version ?? this.version,
      dependsOn: [this.namespace, ...(config.dependsOn ?? [])],
    });
    this.releases.push(release);
    return release;
  }
}

/** Our istiod values with a mesh member's values merged in (unchanged without membership). */
function withMember(
  values: Record<string, unknown>,
  member: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return member ? deepMerge(values, member) : values;
}

/** On the gateway's pods, with `revisions`: the revision that injected them. */
export const GATEWAY_REVISION_ANNOTATION = "gke-istio-cdktf/istio-revision";

function newestVersion(versions: string[]): string {
  const key = (v: string) => v.split(".").map(Number);
  return versions.reduce((a, b) => {
    const [x, y] = [key(a), key(b)];
    const i = x.findIndex((n, j) => n !== y[j]);
    return i >= 0 && y[i] > x[i] ? b : a;
  });
}

/** The revision the base chart's validator calls: "default" (istiod) while an adopted istiod runs. */
function baseDefaultRevision(plan: IstioRevisionsPlan | undefined): string {
  if (!plan || plan.revisions.some((r) => r.adopt && r.name === plan.defaultRevision)) {
    return "default";
  }
  return plan.defaultRevision;
}

/** `values` when there are documents: a release without any keeps its output unchanged. */
function optionalValues(documents: string[]): { values?: string[] } {
  return documents.length > 0 ? { values: documents } : {};
}

/** A values document, or none for no values. */
function valuesDocument(values: Record<string, unknown>): string[] {
  return Object.keys(values).length > 0 ? [stringifyYaml(values)] : [];
}

/** The user's values as a second values document: helm merges it over ours, key by key. */
function userValues(values: Record<string, unknown> | undefined): string[] {
  return values && Object.keys(values).length > 0 ? [stringifyYaml(values)] : [];
}

function clone(values: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(values));
}

/** Sets a dotted path (`global.mtls.enabled`), creating the objects on the way. */
function setPath(values: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split(".");
  let at = values;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== "object" || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = value;
}
