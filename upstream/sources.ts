/**
 * What upstream publishes, read and checked for shape: a Helm chart repository's versions (its
 * index.yaml over HTTPS, or its OCI tags), an image's tags, a Terraform provider's versions.
 * An answer of the wrong shape throws UpstreamError("malformed") naming what is missing.
 */
import { parse as parseYaml } from "yaml";
import { Http, ok, UpstreamError } from "./http";
import { registryTags } from "./registry";

/** Chart name → every version the repository holds. */
export type ChartVersions = ReadonlyMap<string, readonly string[]>;

/** The versions of each named chart in a repository (`https://...` or `oci://...`). */
export async function chartVersions(
  http: Http,
  repository: string,
  charts: readonly string[],
): Promise<ChartVersions> {
  const base = repository.replace(/\/+$/, "");
  if (base.startsWith("oci://")) {
    const lists = await Promise.all(
      charts.map((chart) =>
        registryTags(http, `${base}/${chart}`)
          // OCI tags have no `+`: Helm pushes a version's `+` as `_` (Helm's own hint, quoted in
          // argoproj/argo-cd#14097, read 2026-12-02).
          .then((tags) => tags.map((t) => t.replace(/_/g, "+")))
          .catch(noRepository),
      ),
    );
    return new Map(charts.map((chart, i) => [chart, lists[i]]));
  }
  return chartIndex(http, `${base}/index.yaml`);
}

/** A Helm repository's index.yaml: `entries: { <chart>: [{ version }, ...] }`. */
export async function chartIndex(http: Http, url: string): Promise<ChartVersions> {
  const answer = await http.get(url);
  ok(url, answer);
  let index: { entries?: unknown };
  try {
    index = parseYaml(answer.body, { prettyErrors: false });
  } catch {
    throw new UpstreamError("malformed", url, "the chart index is not YAML");
  }
  const entries = index?.entries;
  if (!entries || typeof entries !== "object" || Array.isArray(entries))
    throw new UpstreamError("malformed", url, "the chart index has no entries");
  const versions = new Map<string, string[]>();
  for (const [chart, list] of Object.entries(entries)) {
    if (!Array.isArray(list) || list.some((e) => typeof e?.version !== "string"))
      throw new UpstreamError(
        "malformed",
        url,
        `the chart index's entry ${chart} lists no versions`,
      );
    versions.set(
      chart,
      list.map((e: { version: string }) => e.version),
    );
  }
  return versions;
}

/** Every tag of an image of a hub: `docker.io/istio` and `pilot`. */
export function imageTags(http: Http, hub: string, image: string): Promise<string[]> {
  return registryTags(http, `${hub.replace(/\/+$/, "")}/${image}`).catch(noRepository);
}

/** A registry answers 404 for a repository it does not hold: no tag at all. */
function noRepository(e: unknown): string[] {
  if (e instanceof UpstreamError && e.status === 404) return [];
  throw e;
}

export const TERRAFORM_REGISTRY = "https://registry.terraform.io";

/** A provider's published versions: `hashicorp/google-beta`. */
export async function providerVersions(http: Http, source: string): Promise<string[]> {
  const url = `${TERRAFORM_REGISTRY}/v1/providers/${source}/versions`;
  const body = (await http.json(url)) as { versions?: unknown };
  const versions = body?.versions;
  if (!Array.isArray(versions) || versions.some((v) => typeof v?.version !== "string"))
    throw new UpstreamError("malformed", url, "the answer has no list of versions");
  return versions.map((v: { version: string }) => v.version);
}
