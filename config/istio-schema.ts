import { z } from "zod";
import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "./istio-versions";
import { dnsLabel, strict } from "./schema-primitives";

/**
 * The `istio` section of an environment: the mesh contract, in the file named after it.
 */
export const istioSchema = strict({
  mtls: z
    .enum(["STRICT", "PERMISSIVE"])
    .optional()
    .describe("Mesh-wide mTLS mode. @default STRICT"),
  injectionNamespaces: z
    .array(dnsLabel("namespace names", 63))
    .optional()
    .describe(
      "Namespaces that get automatic sidecar injection; 'default' and other existing namespaces are labelled, others created. @default []",
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
