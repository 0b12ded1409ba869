import { z } from "zod";
import { meshTrustSchema } from "./mesh-trust";
import { dnsLabel, strict } from "./schema-primitives";

/** How pods of one member reach pods of another. */
export const MESH_NETWORKS = ["shared", "per-cluster"] as const;
export type MeshNetwork = (typeof MESH_NETWORKS)[number];

/**
 * The suffix of a mesh's own stack. `<env>-cluster` and `<env>-mesh` end in `-cluster` and
 * `-mesh`; `-multicluster` never ends in either, so no environment's stack can take its name.
 */
export const MULTICLUSTER_STACK_SUFFIX = "-multicluster";

/** The stack that holds a mesh's cross-cluster pieces, applied after every member's stacks. */
export function multiClusterStackName(meshName: string): string {
  return `${meshName}${MULTICLUSTER_STACK_SUFFIX}`;
}

/** One entry of the top-level `meshes`: environments of this file joined into one mesh. */
export const meshSchema = strict({
  name: dnsLabel("mesh names", 30).describe(
    "Mesh name, unique in the file; the mesh's cross-cluster stack is '<name>-multicluster'.",
  ),
  environments: z
    .array(dnsLabel("environment names", 30))
    .min(2, { error: "a mesh joins at least two environments" })
    .describe(
      "The member environments, by name: at least two, each in at most one mesh, all of one mode (cloud-service-mesh, or oss with the same Istio revisions); Cloud Service Mesh members share one project, which is their fleet.",
    ),
  network: z
    .enum(MESH_NETWORKS)
    .describe(
      "shared: the members run in one VPC (each names it with network.existing) and pods reach pods directly; their pod and service ranges must not overlap. per-cluster: each member keeps its own network and traffic between members crosses east-west gateways (oss only).",
    ),
  trust: meshTrustSchema.optional(),
});

export type MeshConfig = z.infer<typeof meshSchema>;

/** The mesh an environment belongs to (set by the loader on members), or undefined. */
export function meshOf(env: { readonly mesh?: MeshConfig }): MeshConfig | undefined {
  return env.mesh;
}

/** The top-level `meshes` key, for the JSON Schema and the key table (the loader checks entries one by one). */
export const meshesSchema = z
  .array(meshSchema)
  .describe(
    "Environments joined into one mesh across clusters (docs/multi-cluster.md). @default [] (every environment is its own mesh)",
  );
