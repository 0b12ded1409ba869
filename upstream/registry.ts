/**
 * Tag lists from an OCI registry (Docker Hub, ghcr.io, Artifact Registry) through the registry
 * v2 API: `GET /v2/<name>/tags/list`, answered 401 with a Bearer challenge, then again with the
 * anonymous token the challenge's realm hands out (auth.docker.io for Docker Hub).
 */
import { Http, ok, UpstreamError } from "./http";

/**
 * Docker Hub's registry API answers on another host than image references name: registry-1.docker.io,
 * with tokens from auth.docker.io (docker/hub-feedback#1253, read 2026-12-02).
 */
const REGISTRY_HOSTS: Record<string, string> = { "docker.io": "registry-1.docker.io" };
/** Pages of a tag list followed at most (Docker Hub pages its lists). */
const MAX_PAGES = 20;

/** `docker.io/istio/pilot` → the registry's base URL and the repository name. */
export function registryRepository(reference: string): { base: string; name: string } {
  const [host, ...path] = reference.replace(/^oci:\/\//, "").split("/");
  return { base: `https://${REGISTRY_HOSTS[host] ?? host}`, name: path.join("/") };
}

/** `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="..."`. */
export function parseChallenge(header: string | null): Record<string, string> | undefined {
  if (!header || !/^Bearer\s/i.test(header)) return undefined;
  const fields: Record<string, string> = {};
  for (const m of header.matchAll(/(\w+)="([^"]*)"/g)) fields[m[1].toLowerCase()] = m[2];
  return fields.realm ? fields : undefined;
}

/** Every tag of a repository (`docker.io/istio/pilot`, `ghcr.io/istio/release/charts/istiod`). */
export async function registryTags(http: Http, reference: string): Promise<string[]> {
  const { base, name } = registryRepository(reference);
  const tags: string[] = [];
  let url: string | undefined = `${base}/v2/${name}/tags/list`;
  let headers: Record<string, string> = {};
  for (let page = 0; url && page < MAX_PAGES; page++) {
    let answer = await http.get(url, headers);
    if (answer.status === 401 && page === 0) {
      headers = await anonymousToken(http, url, answer.headers.get("www-authenticate"), name);
      answer = await http.get(url, headers);
    }
    ok(url, answer);
    tags.push(...tagList(url, answer.body));
    const next = /<([^>]+)>;\s*rel="next"/.exec(answer.headers.get("link") ?? "")?.[1];
    url = next ? new URL(next, base).toString() : undefined;
  }
  return tags;
}

async function anonymousToken(
  http: Http,
  url: string,
  challenge: string | null,
  name: string,
): Promise<Record<string, string>> {
  const fields = parseChallenge(challenge);
  if (!fields)
    throw new UpstreamError("status", url, "answered HTTP 401 without a Bearer challenge", 401);
  const realm = new URL(fields.realm);
  if (fields.service) realm.searchParams.set("service", fields.service);
  realm.searchParams.set("scope", fields.scope ?? `repository:${name}:pull`);
  const body = (await http.json(realm.toString())) as { token?: unknown; access_token?: unknown };
  const token = body?.token ?? body?.access_token;
  if (typeof token !== "string" || !token)
    throw new UpstreamError("malformed", realm.toString(), "the token answer has no token");
  return { authorization: `Bearer ${token}` };
}

function tagList(url: string, body: string): string[] {
  let parsed: { tags?: unknown };
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new UpstreamError("malformed", url, "the answer is not JSON");
  }
  const tags = parsed?.tags;
  // A repository without tags answers `"tags": null`.
  if (tags === null) return [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== "string"))
    throw new UpstreamError("malformed", url, "the answer has no list of tags");
  return tags as string[];
}
