import { z } from "zod";
import { DEFAULT_ISTIO_VERSION, FIRST_CURRENT_MINOR, istioChartLayout } from "./istio-versions";
import {
  ISTIO_CHART_REPOSITORY,
  ISTIO_HUB,
  legacyChartRepository,
  RETIRED_HOSTS,
} from "../facts/istio-hosting";
import { revisionName, revisionReference, tagName } from "./istio-revision-names";
import { dnsLabel, strict, unknownKeyMessage } from "./schema-primitives";

/**
 * The `istio` section of an environment: the mesh contract, in the file named after it.
 */
const namespaceName = dnsLabel("namespace names", 63);

/** The long form of an `injectionNamespaces` entry; the short form is the name alone. */
export const namespaceEntrySchema = strict({
  name: namespaceName.describe("The namespace."),
  revision: revisionReference
    .optional()
    .describe(
      "oss mode with istio.revisions: a revision or tag; the namespace is labelled istio.io/rev=<it> instead of istio-injection=enabled. @default - the default revision",
    ),
  waypoint: z
    .boolean()
    .optional()
    .describe(
      "dataplane ambient: also a waypoint proxy 'waypoint' (a Gateway of class istio-waypoint) for the namespace's traffic (istio.io/use-waypoint). @default false",
    ),
  create: z
    .boolean()
    .optional()
    .describe(
      "Create the namespace in the mesh stack, protected against destroy (prevent_destroy). Otherwise it is only labelled, and must exist. @default false",
    ),
});

/** An exact Istio chart version with a known chart layout; `noLegacy` refuses the legacy charts. */
function chartVersion(noLegacy?: string) {
  return z.string().superRefine((version, ctx) => {
    const checked = istioChartLayout(version);
    if ("problem" in checked)
      ctx.addIssue({ code: "custom", message: checked.problem, input: version });
    else if (noLegacy && checked.layout === "legacy")
      ctx.addIssue({ code: "custom", message: noLegacy, input: version });
  });
}

/** The retired host a URL or image reference names, if any (facts/istio-hosting.ts). */
export function retiredHostIn(text: string) {
  return RETIRED_HOSTS.find((host) => text.includes(host.prefix));
}

/** Istio moved off these hosts: a mirror must not name one either. */
function notRetired(value: string, ctx: z.core.$RefinementCtx<string>) {
  const host = retiredHostIn(value);
  if (host) {
    ctx.addIssue({
      code: "custom",
      message: `names ${host.prefix}, which Istio retires by ${host.retired} (${host.what})`,
      input: value,
    });
  }
}

/** A Helm repository: HTTPS, or an OCI registry path; no credentials, query or trailing space. */
const CHART_REPOSITORY =
  /^(https|oci):\/\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?(\/[\w.~%-]+)*\/?$/;
/** An image registry and path, as `global.hub` takes it: lower-case, no scheme, tag or trailing slash. */
const HUB = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

export const chartRepositorySchema = z
  .string()
  .regex(CHART_REPOSITORY, {
    error: `must be an https:// or oci:// repository URL such as '${ISTIO_CHART_REPOSITORY}' or 'oci://europe-docker.pkg.dev/my-project/istio-charts'`,
  })
  .superRefine(notRetired);

export const hubSchema = z
  .string()
  .regex(HUB, {
    error: `must be an image registry and path without scheme or tag, such as '${ISTIO_HUB}' or 'europe-docker.pkg.dev/my-project/istio'`,
  })
  .superRefine(notRetired);

/** istio.hub sets every chart's registry last: the same keys in istio.values would be ignored. */
function noRegistryValues(values: Record<string, unknown>, ctx: z.core.$RefinementCtx) {
  const global = values.global;
  const paths = [
    ...("hub" in values ? [["hub"]] : []),
    ...(global && typeof global === "object" && "hub" in global ? [["global", "hub"]] : []),
  ];
  for (const path of paths) {
    ctx.addIssue({
      code: "custom",
      path,
      message: `the image registry is istio.hub, which every chart gets (istiod's '${path.join(".")}' alone would leave the others on their default); remove it and set istio.hub`,
      input: path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], values),
    });
  }
}

/** One istiod of `istio.revisions`. */
export const revisionEntrySchema = strict({
  version: chartVersion(
    `revisions need the current charts (1.${FIRST_CURRENT_MINOR}.x and later); the legacy charts have no revision`,
  ).describe("Exact Istio chart version of this istiod."),
  name: revisionName
    .optional()
    .describe(
      "The revision name: istiod-<name>, istio.io/rev=<name>. @default - the version with dashes, 1-31-1",
    ),
  adopt: z
    .boolean()
    .optional()
    .describe(
      "This entry is the istiod that istio.version installed (Helm release istiod, no revision), kept running while namespaces move to the other revisions: the gap-free way from version to revisions (docs/istio-upgrades.md). Use the former istio.version; at most one entry; it must be istio.defaultRevision while listed. @default false",
    ),
});

const email = (what: string) => z.string().email({ error: `must be ${what} email` });

/** `istio.clusterAdmins`: who is bound to cluster-admin, by kind of Google identity. */
export const clusterAdminsSchema = z.strictObject(
  {
    users: z
      .array(email("a user"))
      .optional()
      .describe("Google user emails, bound as Kubernetes users. @default []"),
    groups: z
      .array(email("a Google Group"))
      .optional()
      .describe(
        "Google Group emails, bound as Kubernetes groups (needs Google Groups for RBAC on the cluster). @default []",
      ),
    serviceAccounts: z
      .array(
        z.string().regex(/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/, {
          error: "must be a service account email, <name>@<project>.iam.gserviceaccount.com",
        }),
      )
      .optional()
      .describe("Google service account emails, which GKE authenticates as users. @default []"),
  },
  {
    error: (issue) =>
      Array.isArray(issue.input)
        ? "must be { users, groups, serviceAccounts }, no longer a list: move the emails under users (or serviceAccounts)"
        : issue.code === "unrecognized_keys"
          ? unknownKeyMessage(issue.keys, ["users", "groups", "serviceAccounts"])
          : undefined,
  },
);

export const DATAPLANES = ["sidecar", "ambient"] as const;
export type Dataplane = (typeof DATAPLANES)[number];

export const istioSchema = strict({
  mtls: z
    .enum(["STRICT", "PERMISSIVE"])
    .optional()
    .describe("Mesh-wide mTLS mode. @default STRICT"),
  dataplane: z
    .enum(DATAPLANES)
    .optional()
    .describe(
      "sidecar: an Envoy sidecar per pod. ambient (oss mode, Istio 1.24 or later): no sidecars, the istio-cni and ztunnel node agents (docs/ambient.md). @default sidecar",
    ),
  injectionNamespaces: z
    .array(
      z.union([namespaceName, namespaceEntrySchema], {
        error: "must be a namespace name or { name, ... }",
      }),
    )
    .optional()
    .describe(
      "Namespaces put in the mesh (sidecar or ambient), each a name or { name, ... }; each is labelled (it must exist), or created with { name, create: true }. @default []",
    ),
  version: chartVersion()
    .optional()
    .describe(
      `oss mode: exact Istio chart version; 1.3.x and 1.4.x use the legacy charts (old clusters only), 1.12.x and later the current ones. @default '${DEFAULT_ISTIO_VERSION}'`,
    ),
  chartRepository: chartRepositorySchema
    .optional()
    .describe(
      `oss mode: the Helm repository of every Istio chart, a mirror such as an Artifact Registry remote repository (https:// or oci://). With the legacy charts (1.3.x, 1.4.x) it is the repository of that one release's charts. @default '${ISTIO_CHART_REPOSITORY}' (legacy: ${legacyChartRepository("<version>")})`,
    ),
  hub: hubSchema
    .optional()
    .describe(
      `oss mode: the registry every Istio image is pulled from (global.hub of istiod, istio-cni and the legacy charts, hub of ztunnel; the gateway and sidecars get it from istiod), a mirror such as an Artifact Registry remote repository. @default '${ISTIO_HUB}'`,
    ),
  profile: z
    .enum(["default", "demo", "minimal", "sds"])
    .optional()
    .describe(
      "oss mode with legacy (1.3/1.4) charts: the chart's values profile (values-istio-<profile>.yaml, translated to values). @default 'default'",
    ),
  values: z
    .record(z.string(), z.unknown())
    .superRefine(noRegistryValues)
    .optional()
    .describe(
      "oss mode: extra values of the 'istio' chart (legacy) or the 'istiod' chart (current), merged last. @default {}",
    ),
  ingressGateway: z
    .union(
      [
        z.boolean(),
        strict({
          revision: revisionReference
            .optional()
            .describe(
              "oss mode with istio.revisions: the revision or tag whose istiod injects the gateway pods (the gateway chart's revision value). @default - the default revision",
            ),
        }),
      ],
      { error: "must be true, false or { revision }" },
    )
    .optional()
    .describe(
      "oss mode with current charts: install the 'gateway' chart in namespace istio-ingress; { revision } installs it on a revision or tag. @default true",
    ),
  revisions: z
    .array(revisionEntrySchema)
    .min(1, { error: "must list at least one revision" })
    .optional()
    .describe(
      "oss mode, instead of version: one istiod per entry (Helm release istiod-<name>), for canary upgrades; see docs/istio-upgrades.md. @default - one istiod without revision, at istio.version",
    ),
  tags: z
    .record(tagName, revisionReference)
    .optional()
    .describe(
      "oss mode with istio.revisions: revision tags, tag name to revision name; each tag is its own Helm release istio-tag-<tag>. @default {}",
    ),
  defaultRevision: revisionReference
    .optional()
    .describe(
      "oss mode with istio.revisions: the revision behind the 'default' tag (istio-injection=enabled namespaces) and the base chart's validator. @default - the only revision, required with two or more",
    ),
  mtlsPortExceptions: z
    .array(
      strict({
        namespace: namespaceName.describe("The workloads' namespace."),
        selector: z
          .record(z.string(), z.string())
          .refine((labels) => Object.keys(labels).length > 0, {
            error:
              "must name at least one label (Istio applies port-level mTLS only with a selector)",
          })
          .describe("Pod labels of the workloads (PeerAuthentication selector.matchLabels)."),
        ports: z
          .array(z.number().int().min(1).max(65535))
          .min(1)
          .describe(
            "Container ports (numbers, not Service ports or names) that accept plaintext too.",
          ),
      }),
    )
    .optional()
    .describe(
      "With mtls STRICT: workload ports that also accept plaintext (a PeerAuthentication per entry, portLevelMtls PERMISSIVE), for Google Cloud load balancer health checks and NEG traffic, which never carry mesh mTLS. Cloud Service Mesh with STRICT warns at synth while the key is absent; [] says no such load balancer reaches an injected workload. @default []",
    ),
  minReplicas: z
    .number()
    .int()
    .min(1)
    .max(20)
    .optional()
    .describe(
      "oss mode with current charts: the replica floor of istiod (every revision) and of the ingress gateway, each with a PodDisruptionBudget and spread over nodes and, on regional clusters, zones. 1 opts down to the charts' single replica without PDB, which the policy rule ISTIO_CONTROL_PLANE_REPLICAS flags. @default 2",
    ),
  clusterAdmins: clusterAdminsSchema
    .optional()
    .describe(
      "Every mode with a mesh stack: Google identities bound to the Kubernetes cluster-admin role (ClusterRoleBinding cluster-admin-binding), a standing grant outside IAM. Nobody by default: IAM's roles/container.admin already gives full access to the cluster's API (docs/security.md). @default { users: [], groups: [], serviceAccounts: [] }",
    ),
});

export type IstioConfig = z.infer<typeof istioSchema>;
export type NamespaceEntry = z.infer<typeof namespaceEntrySchema>;
export type RevisionEntry = z.infer<typeof revisionEntrySchema>;

/** `istio.injectionNamespaces` in its long form, whichever form each entry was written in. */
export function injectionNamespaces(istio: IstioConfig | undefined): NamespaceEntry[] {
  return (istio?.injectionNamespaces ?? []).map((entry) =>
    typeof entry === "string" ? { name: entry } : entry,
  );
}
