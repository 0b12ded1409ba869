import { RETIRED_HOSTS } from "../../facts/istio-hosting";
import { configProblems, environment, parseEnvironments } from "../fixtures";

/** The environment file's one-line problems for one environment. */
function problemsOf(overrides: Record<string, unknown>): string[] {
  return configProblems(() =>
    parseEnvironments(environment({ name: "t", mode: "oss", ...overrides })),
  );
}
const REPOSITORY_ALLOWED =
  "must be an https:// or oci:// repository URL such as 'https://blob.istio.io/istio-release/charts' or 'oci://europe-docker.pkg.dev/my-project/istio-charts'";
const HUB_ALLOWED =
  "must be an image registry and path without scheme or tag, such as 'docker.io/istio' or 'europe-docker.pkg.dev/my-project/istio'";

describe("istio.chartRepository and istio.hub: mirrors", () => {
  test.each([
    { chartRepository: "https://blob.istio.io/istio-release/charts" },
    { chartRepository: "oci://ghcr.io/istio/release/charts" },
    { chartRepository: "https://europe-west1-docker.pkg.dev/acme/istio-charts/" },
    { hub: "docker.io/istio" },
    { hub: "europe-docker.pkg.dev/acme-shop/istio-mirror" },
    { hub: "registry.local:5000/istio" },
  ])("accepted: %o", (istio) => {
    expect(problemsOf({ istio })).toEqual([]);
  });

  test.each([
    ["chartRepository", "http://charts.example.com/istio", REPOSITORY_ALLOWED],
    ["chartRepository", "blob.istio.io/istio-release/charts", REPOSITORY_ALLOWED],
    ["chartRepository", "https://user:secret@charts.example.com", REPOSITORY_ALLOWED],
    ["chartRepository", "https://charts.example.com/istio?token=x", REPOSITORY_ALLOWED],
    ["hub", "https://docker.io/istio", HUB_ALLOWED],
    ["hub", "docker.io/istio/", HUB_ALLOWED],
    ["hub", "docker.io/istio/pilot:1.31.1", HUB_ALLOWED],
    ["hub", "Docker.io/Istio", HUB_ALLOWED],
  ])("istio.%s %s is refused", (key, value, message) => {
    expect(problemsOf({ istio: { [key]: value } })).toEqual([
      `environments[0] (t): istio.${key}: ${message}, got ${JSON.stringify(value)}`,
    ]);
  });

  // One case per retired host, from the list itself: a mirror may not name one either.
  test.each(RETIRED_HOSTS.map((h) => [h.prefix, h] as const))(
    "a retired host is refused in either key: %s",
    (prefix, host) => {
      const repository = `https://${prefix}/charts`;
      const hub = prefix;
      const why = `names ${prefix}, which Istio retires by ${host.retired} (${host.what})`;
      expect(problemsOf({ istio: { chartRepository: repository, hub } })).toEqual([
        `environments[0] (t): istio.chartRepository: ${why}, got ${JSON.stringify(repository)}`,
        `environments[0] (t): istio.hub: ${why}, got ${JSON.stringify(hub)}`,
      ]);
    },
  );

  test("the registry belongs in istio.hub, not in istio.values", () => {
    const why =
      "the image registry is istio.hub, which every chart gets (istiod's '%' alone would leave the others on their default); remove it and set istio.hub";
    expect(
      problemsOf({ istio: { values: { hub: "x.io/a", global: { hub: "x.io/b", tag: "1" } } } }),
    ).toEqual([
      `environments[0] (t): istio.values.hub: ${why.replace("%", "hub")}, got "x.io/a"`,
      `environments[0] (t): istio.values.global.hub: ${why.replace("%", "global.hub")}, got "x.io/b"`,
    ]);
    expect(problemsOf({ istio: { values: { global: { tag: "1" } } } })).toEqual([]);
  });

  test.each(["chartRepository", "hub"])("istio.%s applies to mode oss only", (key) => {
    const value = key === "hub" ? "docker.io/istio" : "https://blob.istio.io/istio-release/charts";
    expect(problemsOf({ mode: "managed", istio: { [key]: value } })).toEqual([
      `environments[0] (t): istio.${key}: applies to mode oss only (Istio installed by Helm), got it with mode managed; remove it or set mode: oss`,
    ]);
  });
});

describe("istio.chartRepository with the legacy charts", () => {
  test("Istio's current repositories hold no legacy chart: refused, with the release's folder", () => {
    for (const repository of [
      "https://blob.istio.io/istio-release/charts",
      "oci://ghcr.io/istio/release/charts",
    ]) {
      expect(problemsOf({ istio: { version: "1.4.10", chartRepository: repository } })).toEqual([
        `environments[0] (t): istio.chartRepository: '${repository}' holds the current charts (1.12 and later), not istio-init and istio 1.4.10; name a repository of that release's charts, such as 'https://blob.istio.io/istio-release/releases/1.4.10/charts/', or remove it`,
      ]);
    }
  });

  test("a mirror of the release's charts, or the current repository for current charts, is fine", () => {
    expect(
      problemsOf({
        istio: { version: "1.4.10", chartRepository: "https://mirror.example/istio-1.4.10" },
      }),
    ).toEqual([]);
    expect(
      problemsOf({
        istio: { version: "1.31.1", chartRepository: "oci://ghcr.io/istio/release/charts" },
      }),
    ).toEqual([]);
  });
});
