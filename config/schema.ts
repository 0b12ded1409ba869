import { z } from "zod";
import { GCP_REGIONS } from "../facts/gcp-locations";
import { istioSchema } from "./istio-schema";
import { MeshConfig } from "./mesh-schema";
import {
  CIDR,
  dnsLabel,
  LABEL_KEY,
  LABEL_VALUE,
  nearest,
  REGION,
  strict,
  unknownKeyMessage,
  ZONE,
} from "./schema-primitives";

export { editDistance, nearest, unknownKeyMessage } from "./schema-primitives";
export { istioSchema } from "./istio-schema";
export type { IstioConfig } from "./istio-schema";

/**
 * The environment file's schema: the one source for validation, TypeScript types
 * and the JSON Schema in `config/environments.schema.json` (`npm run schema`).
 *
 * Every object is strict: an unknown key is an error with a "did you mean" hint.
 * Defaults that depend on the mode live in the stacks and constructs, so the schema
 * only states what is allowed.
 */

export const labelsSchema = z
  .record(
    z.string().regex(LABEL_KEY, {
      error:
        "label keys must start with a lower-case letter and hold at most 63 lower-case letters, digits, '-' or '_'",
    }),
    z.string({ error: "label values must be strings" }).regex(LABEL_VALUE, {
      error: "label values hold at most 63 lower-case letters, digits, '-' or '_'",
    }),
  )
  .describe("GCP labels: lower-case keys and values, at most 63 characters each.");

/** " (did you mean '...'?)" for a malformed location near a known region or zone, else "". */
function locationHint(input: unknown, zonesOnly = false): string {
  if (typeof input !== "string") return "";
  const known = GCP_REGIONS.flatMap((r) => [
    ...(zonesOnly ? [] : [r.region]),
    ...r.zones.map((z) => `${r.region}-${z}`),
  ]);
  const near = nearest(input, known);
  return near ? ` (did you mean '${near}'?)` : "";
}

export const locationSchema = z
  .string()
  .refine((v) => REGION.test(v) || ZONE.test(v), {
    error: (issue) =>
      `must be a GCP region such as 'us-central1' or a zone such as 'us-central1-a'${locationHint(issue.input)}`,
  })
  .describe(
    "Region (regional cluster, nodes in every zone) or zone (zonal cluster), one the GCP location table lists (docs/upstream-facts.md; allowUnlistedLocation lets a newer one through). Changing it replaces the cluster.",
  );

export const cidrSchema = z
  .string()
  .regex(CIDR, { error: "must be an IPv4 CIDR block such as '10.0.0.0/20'" });

export const authorizedNetworkSchema = strict({
  cidrBlock: cidrSchema.describe("An IPv4 CIDR allowed to reach the control plane."),
  displayName: z.string().max(100).optional().describe("A name shown in the console."),
});

export const clusterSchema = strict({
  name: dnsLabel("GKE cluster names", 40)
    .optional()
    .describe("GKE cluster name. Changing it replaces the cluster. @default the environment name"),
  releaseChannel: z
    .enum(["RAPID", "REGULAR", "STABLE", "EXTENDED", "UNSPECIFIED"])
    .optional()
    .describe(
      "GKE release channel. UNSPECIFIED opts out of channels (pin minMasterVersion instead). @default REGULAR",
    ),
  minMasterVersion: z
    .string()
    .regex(/^\d+\.\d+(\.\d+(-gke\.\d+)?)?$/, {
      error: "must be a GKE version such as '1.30' or '1.30.5-gke.1014001'",
    })
    .optional()
    .describe(
      "Minimum control plane version (the seed's min_master_version). In oss mode, each Istio version must support its minor (istio.io's window; without it, the channel's default is checked). @default - chosen by the release channel",
    ),
  maintenanceStartTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
      error: "must be a time 'HH:MM' in GMT, from 00:00 to 23:59",
    })
    .optional()
    .describe("Start of the daily maintenance window, 'HH:MM' GMT. @default '04:00'"),
  labels: labelsSchema
    .optional()
    .describe(
      "Cluster resource_labels. @default - { managed-by: gke-istio-cdktf, environment: <name> }",
    ),
  deletionProtection: z
    .boolean()
    .optional()
    .describe("Terraform refuses to destroy the cluster while true. @default true"),
  nodeLocations: z
    .array(
      z.string().regex(ZONE, {
        error: (issue) =>
          `must be a zone such as 'us-central1-a'${locationHint(issue.input, true)}`,
      }),
    )
    .optional()
    .describe(
      "Zones for the nodes, all in the cluster's region. @default - every zone of a region, or the cluster's zone",
    ),
  masterAuthorizedNetworks: z
    .array(authorizedNetworkSchema)
    .optional()
    .describe(
      "CIDR blocks allowed to reach the control plane; the deploy runner must be in one. 0.0.0.0/0 is refused. @default [] (no public access)",
    ),
  privateNodes: z
    .boolean()
    .optional()
    .describe("Nodes get internal IPs only. Changing it replaces the cluster. @default true"),
  privateEndpoint: z
    .boolean()
    .optional()
    .describe("The control plane has no public endpoint. @default false"),
  masterIpv4CidrBlock: cidrSchema
    .optional()
    .describe(
      "/28 range for the control plane of a private cluster. Changing it replaces the cluster. @default '172.16.0.0/28'",
    ),
  workloadIdentity: z
    .boolean()
    .optional()
    .describe("Workload Identity (<project>.svc.id.goog). @default true"),
  datapath: z
    .enum(["ADVANCED_DATAPATH", "LEGACY_DATAPATH"])
    .optional()
    .describe(
      "ADVANCED_DATAPATH is Dataplane V2, which enforces network policy. LEGACY_DATAPATH uses the Calico network policy add-on. Changing it replaces the cluster. @default ADVANCED_DATAPATH",
    ),
  networkPolicy: z
    .boolean()
    .optional()
    .describe(
      "With LEGACY_DATAPATH: enforce Kubernetes NetworkPolicy through the Calico add-on (Dataplane V2 always enforces it). @default true",
    ),
  binaryAuthorization: z
    .boolean()
    .optional()
    .describe("Binary authorization in project-policy mode. @default true"),
  intranodeVisibility: z
    .boolean()
    .optional()
    .describe("Pod-to-pod traffic on one node goes through the VPC (flow logs). @default true"),
  shieldedNodes: z.boolean().optional().describe("Shielded GKE nodes. @default true"),
  issueClientCertificate: z
    .boolean()
    .optional()
    .describe(
      "Issue a legacy client certificate. Changing it replaces the cluster. @default false",
    ),
  legacyAbac: z.boolean().optional().describe("Legacy ABAC authorization. @default false"),
  kubernetesAlpha: z
    .boolean()
    .optional()
    .describe(
      "Kubernetes alpha features (cluster expires after 30 days; pools need autoRepair and autoUpgrade false). Changing it replaces the cluster. @default false",
    ),
  logging: z
    .boolean()
    .optional()
    .describe("Cloud Logging for system components and workloads. @default true"),
  monitoring: z
    .boolean()
    .optional()
    .describe("Cloud Monitoring for system components. @default true"),
  providerAuth: z
    .enum(["exec", "token"])
    .optional()
    .describe(
      "How the mesh stack's kubernetes and helm providers authenticate: exec runs gke-gcloud-auth-plugin (it must be on the deploy runner's PATH) for a fresh token whenever one is needed; token reads one access token at plan time, which a long apply (node agents take up to 30 minutes) can outlive. @default exec",
    ),
  gatewayApi: z
    .boolean()
    .optional()
    .describe(
      "Gateway API CRDs, installed and kept current by GKE (gateway_api_config CHANNEL_STANDARD; false: CHANNEL_DISABLED); GKE 1.34 and later install the GA CRDs themselves and refuse experimental ones. Waypoints need them. @default - true with a waypoint, else not set",
    ),
});

export const taintSchema = strict({
  key: z.string().min(1),
  value: z.string(),
  effect: z.enum(["NO_SCHEDULE", "PREFER_NO_SCHEDULE", "NO_EXECUTE"]),
});

export const nodePoolSchema = strict({
  name: dnsLabel("node pool names", 40).describe(
    "Node pool name; GKE's name adds a hash of the fields that force replacement ('<name>-<hash>'; '<name>' alone with legacyNames). Changing it replaces the pool, which allowReplacement must allow.",
  ),
  machineType: z
    .string()
    .min(1)
    .optional()
    .describe("Compute Engine machine type. @default 'e2-standard-4'"),
  minNodeCount: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe("Autoscaling minimum, per zone. @default 1"),
  maxNodeCount: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("Autoscaling maximum, per zone. @default 3"),
  initialNodeCount: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe(
      "Nodes per zone at creation only: later changes are ignored, since they would replace the pool. @default minNodeCount",
    ),
  preemptible: z.boolean().optional().describe("Preemptible VMs (not with spot). @default false"),
  spot: z.boolean().optional().describe("Spot VMs (not with preemptible). @default false"),
  diskSizeGb: z
    .number()
    .int()
    .min(10)
    .max(65536)
    .optional()
    .describe("Boot disk size in GB. @default 100"),
  diskType: z
    .enum(["pd-standard", "pd-balanced", "pd-ssd", "hyperdisk-balanced"])
    .optional()
    .describe(
      "Boot disk type. N4 and C4 machines (c4, c4a, c4d) take only hyperdisk-balanced; pd-* there is refused. @default 'hyperdisk-balanced' on N4 and C4 machines, else 'pd-balanced'",
    ),
  imageType: z
    .enum(["COS_CONTAINERD", "UBUNTU_CONTAINERD"])
    .optional()
    .describe("Node image. @default 'COS_CONTAINERD'"),
  oauthScopes: z
    .array(
      z.string().regex(/^https:\/\/www\.googleapis\.com\/auth\/[a-z._-]+$/, {
        error: "must be a scope URL such as 'https://www.googleapis.com/auth/cloud-platform'",
      }),
    )
    .min(1)
    .optional()
    .describe(
      "OAuth scopes of the nodes; IAM roles of the service account do the real limiting. Without cloud-platform (or devstorage.read_only), private Artifact Registry pulls fail: synth warns. Changing it replaces the pool. @default ['https://www.googleapis.com/auth/cloud-platform']",
    ),
  autoRepair: z.boolean().optional().describe("@default true"),
  autoUpgrade: z.boolean().optional().describe("@default true"),
  labels: z
    .record(z.string(), z.string())
    .optional()
    .describe("Kubernetes labels on the nodes. @default {}"),
  taints: z.array(taintSchema).optional().describe("Kubernetes taints on the nodes. @default []"),
  serviceAccount: z
    .string()
    .email({ error: "must be a service account email" })
    .optional()
    .describe(
      "Node service account email. @default - a least-privilege account created by the cluster stack",
    ),
  secureBoot: z.boolean().optional().describe("Shielded VM secure boot. @default true"),
  integrityMonitoring: z
    .boolean()
    .optional()
    .describe("Shielded VM integrity monitoring. @default true"),
  workloadMetadata: z
    .enum(["GKE_METADATA", "GCE_METADATA"])
    .optional()
    .describe("GKE_METADATA hides node credentials from pods. @default 'GKE_METADATA'"),
  maxSurge: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe(
      "Extra nodes an upgrade or an in-place update brings up before draining old ones (none is made unavailable first). @default 1",
    ),
  allowReplacement: z
    .boolean()
    .optional()
    .describe(
      "Let Terraform replace the pool when a field that forces replacement changes. Off, the pool has prevent_destroy and such a plan stops with an error: a replacement starts at initialNodeCount and GKE deletes the old pool without honouring PodDisruptionBudgets; add a new pool, drain the old one, then remove it (examples/node-pool-replacement). @default false (true with cluster.deletionProtection: false)",
    ),
});

export const networkSchema = strict({
  existing: z
    .boolean()
    .optional()
    .describe(
      "Use an existing network and subnet named below instead of creating them. @default false",
    ),
  project: z
    .string()
    .regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, { error: "must be a GCP project id" })
    .optional()
    .describe(
      "Project that owns the network, such as a Shared VPC host project. @default the environment's project",
    ),
  name: dnsLabel("network names", 56)
    .optional()
    .describe(
      "VPC network name, at most 56 characters. Changing it replaces the network and the cluster. @default '<cluster name>-<location>-vpc' ('<cluster name>-vpc' with legacyNames)",
    ),
  subnetName: dnsLabel("subnet names", 63)
    .optional()
    .describe(
      "Subnet name. Changing it replaces the subnet and the cluster. @default '<cluster name>-<location>-nodes' ('<cluster name>-nodes' with legacyNames)",
    ),
  subnetCidr: cidrSchema
    .optional()
    .describe("Primary range of the subnet (nodes). @default '10.0.0.0/20'"),
  podsRangeName: dnsLabel("range names", 63)
    .optional()
    .describe("Secondary range for pods. @default 'pods'"),
  podsCidr: cidrSchema
    .optional()
    .describe(
      "Pods range of the subnet; with existing, the existing range as stated for the mesh checks (a member of a shared mesh states it). @default '10.4.0.0/14'",
    ),
  servicesRangeName: dnsLabel("range names", 63)
    .optional()
    .describe("Secondary range for services. @default 'services'"),
  servicesCidr: cidrSchema
    .optional()
    .describe(
      "Services range of the subnet; with existing, the existing range as stated for the mesh checks. @default '10.8.0.0/20'",
    ),
  cloudNat: z
    .boolean()
    .optional()
    .describe(
      "Create a Cloud Router with Cloud NAT so private nodes reach public registries. Set false when egress exists. @default true (false with existing)",
    ),
});

export const backendSchema = z
  .discriminatedUnion(
    "type",
    [
      strict({
        type: z.literal("local"),
        path: z
          .string()
          .refine((p) => !p.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(p), {
            error: "must be a path relative to the project, never absolute",
          })
          .optional()
          .describe(
            "State file, relative to the project root. @default 'terraform.<stack>.tfstate'",
          ),
      }),
      strict({
        type: z.literal("gcs"),
        bucket: z
          .string()
          .regex(/^[a-z0-9][-_.a-z0-9]{1,220}[a-z0-9]$/, { error: "must be a GCS bucket name" }),
        prefix: z
          .string()
          .min(1)
          .optional()
          .describe("@default '<environment>'; each stack adds '/<stack>'"),
      }),
      strict({
        type: z.literal("cloud"),
        organization: z
          .string({ error: "required: the HCP Terraform organization that holds the workspaces" })
          .regex(/^[A-Za-z0-9_-]+$/, {
            error: "must be an HCP Terraform organization name (letters, digits, - and _)",
          })
          .describe("HCP Terraform or Terraform Enterprise organization."),
        hostname: z
          .string()
          .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+(:\d+)?$/, {
            error: "must be a host name such as app.terraform.io, without https://",
          })
          .optional()
          .describe("Terraform Enterprise host. @default 'app.terraform.io'"),
        workspaces: z
          .strictObject(
            {
              prefix: z
                .string({
                  error: (issue) =>
                    issue.input === undefined
                      ? "required: the start of every workspace name, '' for none"
                      : "must be a string (it starts workspace names)",
                })
                .max(52, {
                  error: "must be at most 52 characters (workspace names are at most 90)",
                })
                .regex(/^[A-Za-z0-9_-]*$/, {
                  error: "must hold only letters, digits, - and _ (it starts workspace names)",
                })
                .describe("Each stack gets the workspace '<prefix><stack>'."),
            },
            {
              error: (issue) =>
                issue.input === undefined
                  ? "required: { prefix }, and each stack gets the workspace '<prefix><stack>'"
                  : issue.code === "unrecognized_keys"
                    ? unknownKeyMessage(issue.keys, ["prefix"])
                    : undefined,
            },
          )
          .describe("One workspace per stack."),
      }),
    ],
    {
      error:
        "must be { type: local }, { type: gcs, bucket, prefix } or { type: cloud, organization, workspaces: { prefix } }",
    },
  )
  .describe("Where Terraform keeps state. @default { type: local }");

export const waiverSchema = strict({
  rule: z
    .string()
    .min(1)
    .describe("A policy rule id, such as GKE_PRIVATE_NODES (`npm run policy` lists them)."),
  reason: z
    .string({ error: "a waiver needs a reason: say why the rule does not apply here" })
    .trim()
    .min(1, { error: "a waiver needs a reason" })
    .describe("Why the rule does not apply; printed at every synth."),
});

export const MODES = ["managed", "oss", "cloud-service-mesh"] as const;

const environmentShape = {
  name: dnsLabel("environment names", 30).describe(
    "Environment name; stacks are '<name>-cluster' and '<name>-mesh'.",
  ),
  mode: z
    .enum(MODES)
    .describe(
      "managed: the GKE Istio add-on (beta). oss: Istio by Helm. cloud-service-mesh: Google's managed mesh.",
    ),
  project: z
    .string()
    .regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, {
      error:
        "must be a GCP project id: 6 to 30 lower-case letters, digits or '-', starting with a letter",
    })
    .describe("GCP project id."),
  location: locationSchema,
  enableApis: z
    .boolean()
    .optional()
    .describe("Enable the Google APIs the stacks need (never disabled on destroy). @default true"),
  cluster: clusterSchema.optional().describe("The GKE cluster (hardened by default)."),
  network: networkSchema.optional().describe("The VPC the cluster runs in."),
  nodePools: z
    .array(nodePoolSchema)
    .min(1, { error: "must list at least one node pool" })
    .describe("Node pools, each autoscaled; the default pool is always removed."),
  istio: istioSchema.optional().describe("The mesh."),
  backend: backendSchema.optional(),
  policy: strict({
    waivers: z
      .array(waiverSchema)
      .optional()
      .describe("Rules this environment knowingly breaks, each with a reason. @default []"),
  })
    .optional()
    .describe("The synth-time security policy check."),
  allowUnlistedLocation: z
    .boolean()
    .optional()
    .describe(
      "Let a location (and cluster.nodeLocations) that the GCP location table does not list through, with a synth warning: for a region or zone Google opened after the table was read (docs/upstream-facts.md). A typo then fails only at apply. @default false: an unlisted location is refused with the nearest known one",
    ),
  legacyNames: z
    .boolean()
    .optional()
    .describe(
      "Keep the resource names of earlier releases: derived from the cluster name alone ('<cluster>-vpc', '<cluster>-nodes', ...), and node pools named as written, without the hash; set it on an environment deployed before, since a new name replaces the network, router, firewall rule, service account and every node pool (docs/changes-and-outages.md). @default false: names from the cluster name and location, pools '<name>-<hash>'",
    ),
};

export const environmentSchema = strict(environmentShape);

/** What `defaults` may hold: any environment setting but the name, each valid on its own. */
export const defaultsSchema = strict(
  Object.fromEntries(Object.entries(environmentShape).filter(([key]) => key !== "name")) as Omit<
    typeof environmentShape,
    "name"
  >,
).partial();

export const environmentFileSchema = strict({
  defaults: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "Settings merged under every environment (objects merge, lists and values are replaced).",
    ),
  environments: z.array(z.unknown()).min(1, { error: "must list at least one environment" }),
  meshes: z.array(z.unknown()).optional(),
});

/**
 * One validated environment. `mesh` is not written in the environment: the loader sets it on
 * the members of a top-level `meshes` entry (`meshOf(env)`).
 */
export type EnvironmentConfig = z.infer<typeof environmentSchema> & {
  readonly mesh?: MeshConfig;
};
export type ClusterConfig = z.infer<typeof clusterSchema>;
export type NodePoolConfig = z.infer<typeof nodePoolSchema>;
export type NetworkConfig = z.infer<typeof networkSchema>;
export type BackendConfig = z.infer<typeof backendSchema>;
export type Mode = (typeof MODES)[number];

export function regionOf(location: string): string {
  return ZONE.test(location) ? location.slice(0, location.lastIndexOf("-")) : location;
}

export function isZone(location: string): boolean {
  return ZONE.test(location);
}
