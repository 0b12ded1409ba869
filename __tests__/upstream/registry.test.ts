// upstream/registry.ts: image references to registry API URLs, the Bearer challenge, pages of tags.
import { Http } from "../../upstream/http";
import { parseChallenge, registryRepository, registryTags } from "../../upstream/registry";
import { FakeUpstream } from "./fake-upstream";

test("docker.io's API is on registry-1.docker.io; other registries on their own host", () => {
  expect(registryRepository("docker.io/istio/pilot")).toEqual({
    base: "https://registry-1.docker.io",
    name: "istio/pilot",
  });
  expect(registryRepository("oci://ghcr.io/istio/release/charts/istiod")).toEqual({
    base: "https://ghcr.io",
    name: "istio/release/charts/istiod",
  });
  expect(registryRepository("europe-docker.pkg.dev/p/mirror/pilot").base).toBe(
    "https://europe-docker.pkg.dev",
  );
});

test("a Bearer challenge's fields; anything else is no challenge", () => {
  expect(
    parseChallenge(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:istio/pilot:pull"',
    ),
  ).toEqual({
    realm: "https://auth.docker.io/token",
    service: "registry.docker.io",
    scope: "repository:istio/pilot:pull",
  });
  expect(parseChallenge('Basic realm="x"')).toBeUndefined();
  expect(parseChallenge(null)).toBeUndefined();
});

test("follows the Link header's next page, and a null tag list is no tag", async () => {
  const fake = await FakeUpstream.start({
    "/v2/istio/pilot/tags/list": (req) =>
      req.url!.includes("last=b")
        ? { body: JSON.stringify({ name: "istio/pilot", tags: ["c"] }) }
        : {
            body: JSON.stringify({ name: "istio/pilot", tags: ["a", "b"] }),
            headers: { link: '</v2/istio/pilot/tags/list?n=2&last=b>; rel="next"' },
          },
    "/v2/istio/empty/tags/list": { body: JSON.stringify({ name: "istio/empty", tags: null }) },
  });
  try {
    const http = new Http({ env: fake.env(["registry-1.docker.io"]) });
    expect(await registryTags(http, "docker.io/istio/pilot")).toEqual(["a", "b", "c"]);
    expect(await registryTags(http, "docker.io/istio/empty")).toEqual([]);
  } finally {
    await fake.close();
  }
});
