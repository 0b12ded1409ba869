import { z } from "zod";
import { dnsLabel, nearest, strict } from "./schema-primitives";

/** Where an oss mesh's shared root of trust comes from. */
export const TRUST_SOURCES = [
  "secret-manager",
  "certificate-authority-service",
  "generated",
] as const;
export type TrustSource = (typeof TRUST_SOURCES)[number];

/**
 * The sources this release refuses, with the reason (facts/istio-multicluster.ts). One line each,
 * so that a user who asks for one learns why and what to do instead.
 */
export const REFUSED_TRUST_SOURCES: Readonly<Partial<Record<TrustSource, string>>> = {
  "certificate-authority-service":
    "OSS Istio reaches Certificate Authority Service only through cert-manager with google-cas-issuer and istio-csr, which this project does not install; issue each member's intermediate CA from your CAS pool and store it in Secret Manager (source: secret-manager)",
  generated:
    "generating CA keys in Terraform needs the hashicorp/tls provider, which this project does not ship (google, google-beta, helm and kubernetes only); make a root and one intermediate per member with Istio's tools/certs/Makefile.selfsigned.mk and store them in Secret Manager (source: secret-manager)",
};

/** A prefix of Secret Manager secret ids in the member's project, or of full secret names. */
const SECRET_PREFIX = /^(projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/secrets\/)?[A-Za-z0-9_-]{1,240}$/;

/** `meshes[].trust`: where an oss mesh's shared root of trust comes from. */
export const meshTrustSchema = strict({
  source: z
    .enum(TRUST_SOURCES)
    .describe(
      "secret-manager: each member's intermediate CA (signed by the root every member shares) is read from Secret Manager (four secrets, see secretPrefixes) into the Secret cacerts in istio-system before istiod starts; the key lands in the Terraform state. certificate-authority-service and generated are refused, each with its reason (docs/multi-cluster.md).",
    ),
  secretPrefixes: z
    .record(
      dnsLabel("environment names", 30),
      z.string().regex(SECRET_PREFIX, {
        error:
          "must be a Secret Manager secret id prefix (letters, digits, '_' or '-', at most 240) or projects/<project>/secrets/<prefix>",
      }),
    )
    .optional()
    .describe(
      "secret-manager: member environment name → the name prefix of the four secrets holding its intermediate CA, one file each: <prefix>-ca-cert (ca-cert.pem), <prefix>-ca-key (ca-key.pem), <prefix>-root-cert (root-cert.pem), <prefix>-cert-chain (cert-chain.pem); secret ids in the member's project, or projects/<project>/secrets/<prefix>. Every member is named. @default {} (required with secret-manager)",
    ),
  secretVersion: z
    .string()
    .regex(/^(latest|[1-9][0-9]*)$/, { error: "must be 'latest' or a version number" })
    .optional()
    .describe(
      "secret-manager: the version of every secret to read; pin a number to roll a new CA out deliberately. @default 'latest'",
    ),
}).describe(
  "oss meshes: where the shared root of trust comes from; required for oss members, refused for Cloud Service Mesh members (Google runs their CA). docs/multi-cluster.md",
);

export type MeshTrustConfig = z.infer<typeof meshTrustSchema>;

/** The secrets' prefix of one member (`secretPrefixes[env]`) and the version to read. */
export function trustSecretOf(
  trust: MeshTrustConfig | undefined,
  environment: string,
): { secretPrefix: string; version: string } | undefined {
  const secretPrefix =
    trust?.source === "secret-manager" ? trust.secretPrefixes?.[environment] : undefined;
  return secretPrefix ? { secretPrefix, version: trust?.secretVersion ?? "latest" } : undefined;
}

/**
 * Problems of one mesh's `trust` against its members' names and mode, each as
 * `<field path>: <what is wrong>; <what is allowed>` (the caller prefixes the mesh).
 */
export function meshTrustProblems(
  trust: MeshTrustConfig | undefined,
  mode: string,
  members: readonly string[],
): string[] {
  if (mode !== "oss") {
    return trust
      ? [
          `trust: is set, but the members have mode ${mode}, whose CA Google manages; trust applies to oss members only: remove it`,
        ]
      : [];
  }
  if (!trust) {
    return [
      `trust: is missing; oss members need a shared root of trust: trust: { source: secret-manager, secretPrefixes: { ${members.map((m) => `${m}: <prefix>`).join(", ")} } }`,
    ];
  }
  const refused = REFUSED_TRUST_SOURCES[trust.source];
  if (refused) return [`trust.source: '${trust.source}' is refused: ${refused}`];
  const problems: string[] = [];
  const prefixes = trust.secretPrefixes ?? {};
  for (const member of members) {
    if (!(member in prefixes)) {
      problems.push(
        `trust.secretPrefixes: names no secrets for member '${member}'; with source secret-manager every member names the prefix of the four secrets holding its intermediate CA`,
      );
    }
  }
  for (const name of Object.keys(prefixes)) {
    if (!members.includes(name)) {
      const near = nearest(name, members);
      problems.push(
        `trust.secretPrefixes.${name}: '${name}' is no member of this mesh${near ? ` (did you mean '${near}'?)` : ""}; its members are ${members.join(", ")}`,
      );
    }
  }
  return problems;
}
