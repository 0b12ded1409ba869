import { z } from "zod";
import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "./istio-versions";
import { dnsLabel, strict } from "./schema-primitives";

/**
 * The `istio` section of an environment: the mesh contract, in the file named after it.
 */
const namespaceName = dnsLabel("namespace names", 63);

/** The long form of an `injectionNamespaces` entry; the short form is the name alone. */
export const namespaceEntrySchema = strict({
  name: namespaceName.describe("The namespace."),
});

export const istioSchema = strict({
  mtls: z
    .enum(["STRICT", "PERMISSIVE"])
    .optional()
    .describe("Mesh-wide mTLS mode. @default STRICT"),
  injectionNamespaces: z
    .array(
      z.union([namespaceName, namespaceEntrySchema], {
        error: "must be a namespace name or { name, ... }",
      }),
    )
    .optional()
    .describe(
      "Namespaces that get automatic sidecar injection, each a name or { name, ... }; 'default' and other existing namespaces are labelled, others created. @default []",
    ),
  version: z
    .string()
    .superRefine((version, ctx) => {
      const checked = istioChartLayout(version);
      if ("problem" in checked)
        ctx.addIssue({ code: "custom", message: checked.problem, input: version });
    })
    .optional()
    .describe(
      `oss mode: exact Istio chart version; 1.3.x and 1.4.x use the legacy charts (old clusters only), 1.12.x and later the current ones. @default '${DEFAULT_ISTIO_VERSION}'`,
    ),
  profile: z
    .enum(["default", "demo", "minimal", "sds"])
    .optional()
    .describe(
      "oss mode with legacy (1.3/1.4) charts: the chart's values profile (values-istio-<profile>.yaml, translated to values). @default 'default'",
    ),
  values: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "oss mode: extra values of the 'istio' chart (legacy) or the 'istiod' chart (current), merged last. @default {}",
    ),
  ingressGateway: z
    .boolean()
    .optional()
    .describe(
      "oss mode with current charts: install the 'gateway' chart in namespace istio-ingress. @default true",
    ),
  clusterAdmins: z
    .array(z.string().email({ error: "must be a user or service account email" }))
    .optional()
    .describe("oss mode: identities bound to cluster-admin. @default - the deploying identity"),
});

export type IstioConfig = z.infer<typeof istioSchema>;
export type NamespaceEntry = z.infer<typeof namespaceEntrySchema>;

/** `istio.injectionNamespaces` in its long form, whichever form each entry was written in. */
export function injectionNamespaces(istio: IstioConfig | undefined): NamespaceEntry[] {
  return (istio?.injectionNamespaces ?? []).map((entry) =>
    typeof entry === "string" ? { name: entry } : entry,
  );
}
