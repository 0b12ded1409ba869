/**
 * GKE's server config for a project and location (the versions each release channel offers),
 * read from the GKE API with application default credentials through google-auth-library:
 * `gcloud` is not needed, and Workload Identity Federation in CI works as it does for Terraform.
 */
import { Http, networkFailure, UpstreamError, withTimeout } from "./http";

export const GKE_API = "https://container.googleapis.com";
const SCOPE = "https://www.googleapis.com/auth/cloud-platform";

export interface GkeChannel {
  readonly channel: string;
  readonly defaultVersion: string;
  readonly validVersions: readonly string[];
}

/** The part of `projects.locations.getServerConfig` the check reads. */
export interface GkeServerConfig {
  readonly defaultClusterVersion: string;
  readonly validMasterVersions: readonly string[];
  readonly channels: readonly GkeChannel[];
}

/**
 * Authorization headers for a request to a project's Google API; throws CredentialsError without
 * credentials, UpstreamError("unreachable") when the token exchange cannot be reached.
 */
export type GoogleAuthHeaders = (project: string, url: string) => Promise<Record<string, string>>;

/** No usable application default credentials: the report says how to provide them. */
export class CredentialsError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "CredentialsError";
  }
}

/** The token endpoint's stand-in host in the report (google-auth-library picks the real one). */
export const CREDENTIALS_HOST = "the credentials' token endpoint";

type Client = { getRequestHeaders(url?: string): Promise<unknown> };

/** Headers from application default credentials (google-auth-library, loaded on first use). */
export function applicationDefaultCredentials(http: Http): GoogleAuthHeaders {
  const clients = new Map<string, Promise<Client>>();
  return async (project, url) => {
    try {
      let client = clients.get(project);
      if (!client) {
        // With the project given, the library does not look it up (Resource Manager, metadata).
        client = import("google-auth-library").then(({ GoogleAuth }) =>
          new GoogleAuth({ scopes: [SCOPE], projectId: project }).getClient(),
        );
        clients.set(project, client);
      }
      // The token exchange is google-auth-library's request: bounded by the same timeout.
      const headers = await withTimeout(
        client.then((c) => c.getRequestHeaders(url)),
        http.timeoutMs,
      );
      http.recordAnswer(CREDENTIALS_HOST);
      return headerRecord(headers);
    } catch (e) {
      const network = networkFailure(e);
      if (network) {
        http.recordFailure(CREDENTIALS_HOST, network);
        throw new UpstreamError("unreachable", url, `credentials: ${network}`);
      }
      throw new CredentialsError(String((e as Error).message ?? e).split("\n")[0]);
    }
  };
}

/** google-auth-library 10 returns a Headers object; earlier ones a plain record. */
function headerRecord(headers: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers instanceof Headers) headers.forEach((value, key) => (record[key] = value));
  else Object.assign(record, headers);
  return record;
}

/** GET https://container.googleapis.com/v1/projects/P/locations/L/serverConfig. */
export async function gkeServerConfig(
  http: Http,
  auth: GoogleAuthHeaders,
  project: string,
  location: string,
): Promise<GkeServerConfig> {
  const url = `${GKE_API}/v1/projects/${project}/locations/${location}/serverConfig`;
  const body = (await http.json(url, await auth(project, url))) as Record<string, unknown>;
  const strings = (v: unknown): v is string[] =>
    Array.isArray(v) && v.every((s) => typeof s === "string");
  const channels = body?.channels ?? [];
  if (
    typeof body?.defaultClusterVersion !== "string" ||
    !strings(body.validMasterVersions) ||
    !Array.isArray(channels) ||
    channels.some(
      (c) =>
        typeof c?.channel !== "string" ||
        typeof c?.defaultVersion !== "string" ||
        !strings(c?.validVersions),
    )
  )
    throw new UpstreamError(
      "malformed",
      url,
      "the server config lacks defaultClusterVersion, validMasterVersions or channels[].validVersions",
    );
  return {
    defaultClusterVersion: body.defaultClusterVersion,
    validMasterVersions: body.validMasterVersions,
    channels: channels as GkeChannel[],
  };
}
