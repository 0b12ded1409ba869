// `npm run upstream` as a function (upstream/check-upstream.ts), against a local server answering
// as each service does (fixtures/): the clean report, each kind of problem with its exact line, offline, malformed.
import * as path from "path";
import { loadConfig } from "../../config/load";
import { EnvironmentConfig } from "../../config/schema";
import { IstioMinor } from "../../facts/istio-releases";
import {
  checkUpstream,
  CheckUpstreamOptions,
  pinnedProviders,
} from "../../upstream/check-upstream";
import { CredentialsError } from "../../upstream/gke";
import { baseUrlVariable } from "../../upstream/http";
import { parseEnvironments, environment } from "../fixtures";
import { closedPort, defaultRoutes, FakeUpstream, fixture, Routes } from "./fake-upstream";

/** Test rows only, not facts: facts/istio-releases.ts holds the sourced table. */
const MINORS: IstioMinor[] = [
  {
    minor: "1.29",
    released: "2026-02-17",
    endOfSupport: "2026-10-13",
    patches: ["1.29.0", "1.29.6"],
    source: "test fixture",
  },
  {
    minor: "1.30",
    released: "2026-05-19",
    endOfSupport: "2027-01-15",
    patches: ["1.30.0", "1.30.5"],
    source: "test fixture",
  },
  {
    minor: "1.31",
    released: "2026-08-31",
    patches: ["1.31.0", "1.31.1", "1.31.2"],
    source: "test fixture",
  },
];
const TODAY = new Date("2026-12-02T12:00:00Z");
const FILE = loadConfig(path.join(__dirname, "fixtures", "environments.yaml"), "");

let fake: FakeUpstream;
beforeEach(async () => {
  fake = await FakeUpstream.start();
});
afterEach(() => fake.close());

const fakeAuth = () => async () => ({ authorization: "Bearer test-token" });
const check = (envs: readonly EnvironmentConfig[], options: CheckUpstreamOptions = {}) =>
  checkUpstream(envs, {
    env: fake.env(),
    googleAuth: fakeAuth,
    minors: MINORS,
    today: TODAY,
    ...options,
  });
/** One oss environment in us-central1 of my-gcp-project, the project the fake server knows. */
const oss = (istio: Record<string, unknown> = {}, cluster?: Record<string, unknown>) =>
  parseEnvironments(
    environment({
      name: "shop",
      mode: "oss",
      project: "my-gcp-project",
      location: "us-central1",
      istio: { version: "1.30.5", ingressGateway: false, ...istio },
      ...(cluster ? { cluster } : {}),
    }),
  );
const problems = (lines: string[]) => lines.filter((l) => l.includes(": problem: "));
const withRoutes = async (routes: Routes) => {
  await fake.close();
  fake = await FakeUpstream.start({ ...defaultRoutes(), ...routes });
};

describe("checkUpstream on an environment file with one environment per mode", () => {
  test("clean: every release exists, every version is offered; exit 0 and a one-line summary", async () => {
    const report = await check(FILE.environments);
    const gke = (location: string) =>
      `cluster: GKE offers 1.32, 1.33 on the REGULAR channel in ${location}, default 1.33.5-gke.1308000; the cluster takes the default`;
    expect(report.lines).toEqual([
      `managed: ok: ${gke("us-central1")}`,
      "mesh: ok: istio.version: 1.30.5 is in the chart repository https://blob.istio.io/istio-release/charts (base, istiod, gateway)",
      "mesh: notice: istio.version: 1.30.5: a newer minor is out: Istio 1.31.2 (the chart repository)",
      "mesh: ok: istio.version: 1.30.5 is on docker.io/istio (pilot, proxyv2)",
      `mesh: ok: ${gke("us-central1")}`,
      "ambient: ok: istio.version: 1.30.5 is in the chart repository https://blob.istio.io/istio-release/charts (base, istiod, gateway, cni, ztunnel)",
      "ambient: notice: istio.version: 1.30.5: a newer minor is out: Istio 1.31.2 (the chart repository)",
      "ambient: ok: istio.version: 1.30.5 is on docker.io/istio (pilot, proxyv2, install-cni, ztunnel)",
      `ambient: ok: ${gke("us-central1")}`,
      `csm: ok: ${gke("europe-west1")}`,
      "providers: notice: hashicorp/google 7.12.0 is out; @cdktf/provider-google 16.12.1 pins 6.50.0",
      "providers: notice: hashicorp/google-beta 7.12.0 is out; @cdktf/provider-google-beta 16.12.1 pins 6.50.0",
      "providers: ok: hashicorp/helm 3.1.1 (pinned by @cdktf/provider-helm 12.1.2) is the newest",
      "providers: ok: hashicorp/kubernetes 2.38.0 (pinned by @cdktf/provider-kubernetes 12.1.1) is the newest",
      "upstream: clean: 4 environments, 0 problems, 4 notices; 19 requests to 5 hosts",
    ]);
    expect(report.exitCode).toBe(0);
  });

  test("reads each answer once, with the anonymous registry token, and never more than 6 at a time", async () => {
    fake.delay = 30;
    await check(FILE.environments);
    expect(
      fake.requests.filter((r) => r.startsWith("GET /istio-release/charts/index.yaml")),
    ).toHaveLength(1);
    expect(fake.requests).toContain(
      "GET /token?service=registry.docker.io&scope=repository%3Aistio%2Fpilot%3Apull",
    );
    // Each path once, but a tag list twice: the 401 with its challenge, then with the token.
    const times = (r: string) => fake.requests.filter((q) => q === r).length;
    expect(fake.requests.filter((r) => times(r) !== (r.includes("/tags/list") ? 2 : 1))).toEqual(
      [],
    );
    expect(fake.requests.filter((r) => r.includes("/tags/list"))).toHaveLength(8);
    expect(fake.maxInFlight).toBeGreaterThan(1);
    expect(fake.maxInFlight).toBeLessThanOrEqual(6);
  });

  test("the provider pins are the bindings' own (google 6.50.0, helm 3.1.1, kubernetes 2.38.0)", () => {
    expect(pinnedProviders().map((p) => `${p.source} ${p.version}`)).toEqual([
      "hashicorp/google 6.50.0",
      "hashicorp/google-beta 6.50.0",
      "hashicorp/helm 3.1.1",
      "hashicorp/kubernetes 2.38.0",
    ]);
  });
});

describe("each problem: its exact line, exit 1", () => {
  test("a release that does not exist: not in the chart repository, no image tag", async () => {
    const report = await check(oss({ version: "1.30.6" }));
    expect(problems(report.lines)).toEqual([
      "shop: problem: istio.version: 1.30.6 does not exist in the chart repository https://blob.istio.io/istio-release/charts: no base, istiod 1.30.6 (newest 1.30 patch there: 1.30.5)",
      "shop: problem: istio.version: 1.30.6 does not exist on docker.io/istio: no tag 1.30.6 for pilot, proxyv2",
    ]);
    expect(report.lines.at(-1)).toMatch(
      /^upstream: not clean: 1 environment, 2 problems \(shop\), /,
    );
    expect(report.exitCode).toBe(1);
  });

  test("a minor past its end of support, and one near it", async () => {
    const past = await check(oss({ version: "1.29.6" }));
    expect(problems(past.lines)).toEqual([
      "shop: problem: istio.version: Istio 1.29 reached its end of support on 2026-10-13 (test fixture)",
    ]);
    expect(past.exitCode).toBe(1);
    const near = await check(oss(), { today: new Date("2026-12-20T00:00:00Z") });
    expect(problems(near.lines)).toEqual([
      "shop: problem: istio.version: Istio 1.30 reaches its end of support on 2027-01-15, in 26 days (test fixture)",
    ]);
    const notYet = await check(oss(), { today: new Date("2026-12-15T00:00:00Z") });
    expect(problems(notYet.lines)).toEqual([]);
  });

  test("a newer patch, from the chart repository or the release table", async () => {
    const fromRepository = await check(oss({ version: "1.30.4" }));
    expect(problems(fromRepository.lines)).toEqual([
      "shop: problem: istio.version: 1.30.4 is behind: Istio 1.30.5 is out (the chart repository and facts/istio-releases.ts)",
    ]);
    const minors = MINORS.map((m) =>
      m.minor === "1.30" ? { ...m, patches: [...m.patches, "1.30.6"] } : m,
    );
    const fromTable = await check(oss(), { minors });
    expect(problems(fromTable.lines)).toEqual([
      "shop: problem: istio.version: 1.30.5 is behind: Istio 1.30.6 is out (facts/istio-releases.ts)",
    ]);
    expect(fromTable.exitCode).toBe(1);
  });

  test("a minor the release table does not know is a notice, not a problem", async () => {
    const report = await check(oss(), { minors: [] });
    expect(report.lines).toContain(
      "shop: notice: istio.version: Istio 1.30 is not in facts/istio-releases.ts: its end of support is unknown",
    );
    expect(report.exitCode).toBe(0);
  });

  test("a minor the chart repository has and the release table lacks is a notice", async () => {
    const report = await check(oss(), { minors: MINORS.filter((m) => m.minor !== "1.31") });
    expect(report.lines).toContain(
      "shop: notice: facts/istio-releases.ts has no row for Istio 1.31 (1.31.2 is in the chart repository)",
    );
    expect(report.exitCode).toBe(0);
  });

  test("each revision's version is checked at its own field", async () => {
    const report = await check(
      oss({
        version: undefined,
        revisions: [{ version: "1.30.5" }, { version: "1.31.3" }],
        defaultRevision: "1-30-5",
      }),
    );
    expect(problems(report.lines)).toEqual([
      "shop: problem: istio.revisions[1].version: 1.31.3 does not exist in the chart repository https://blob.istio.io/istio-release/charts: no base, istiod 1.31.3 (newest 1.31 patch there: 1.31.2)",
      "shop: problem: istio.revisions[1].version: 1.31.3 does not exist on docker.io/istio: no tag 1.31.3 for pilot, proxyv2",
    ]);
  });

  test("GKE: a minMasterVersion the channel does not offer, a channel the location does not offer", async () => {
    // Both versions are in Istio 1.30's Kubernetes window (1.32 to 1.36), which synth checks first.
    const old = await check(oss({}, { minMasterVersion: "1.34" }));
    expect(problems(old.lines)).toEqual([
      "shop: problem: cluster.minMasterVersion: 1.34 is not offered: GKE offers 1.32, 1.33 on the REGULAR channel in us-central1, default 1.33.5-gke.1308000",
    ]);
    const offered = await check(oss({}, { minMasterVersion: "1.32", releaseChannel: "EXTENDED" }));
    expect(problems(offered.lines)).toEqual([]);
    expect(offered.lines).toContain(
      "shop: ok: cluster.minMasterVersion: 1.32 is offered (GKE offers 1.30, 1.31, 1.32 on the EXTENDED channel in us-central1, default 1.32.9-gke.1108000)",
    );
    const unspecified = await check(
      oss({}, { releaseChannel: "UNSPECIFIED", minMasterVersion: "1.34.1" }),
    );
    expect(unspecified.lines).toContain(
      "shop: ok: cluster.minMasterVersion: 1.34.1 is offered (GKE offers 1.31, 1.32, 1.33, 1.34 without a release channel in us-central1, default 1.33.5-gke.1308000)",
    );
    const config = JSON.parse(fixture("server-config.json"));
    config.channels = config.channels.filter((c: { channel: string }) => c.channel !== "STABLE");
    await withRoutes({
      "/v1/projects/my-gcp-project/locations/us-central1/serverConfig": {
        body: JSON.stringify(config),
      },
    });
    const noChannel = await check(oss({}, { releaseChannel: "STABLE" }));
    expect(problems(noChannel.lines)).toEqual([
      "shop: problem: cluster.releaseChannel: GKE offers no STABLE channel in us-central1 (it offers RAPID, REGULAR, EXTENDED)",
    ]);
  });

  test("retired hosts: a chart repository and a hub Istio retired, neither read, each said once", async () => {
    const [env] = oss({
      version: undefined,
      revisions: [{ version: "1.30.4" }, { version: "1.30.5" }],
      defaultRevision: "1-30-5",
    });
    const retired = {
      ...env,
      istio: {
        ...env.istio,
        chartRepository: "https://istio-release.storage.googleapis.com/charts",
        hub: "gcr.io/istio-release",
      },
    } as EnvironmentConfig;
    const report = await check([retired]);
    expect(problems(report.lines)).toEqual([
      'shop: problem: istio.hub: gcr.io/istio-release is a retired host: Istio\'s images and OCI charts on Google Container Registry (images gone from 2027-01-01), gone from 2026-12-31 (istio.io blog/2026/retirement-of-gcr.io (published 2026-03-23) ("no longer available at gcr.io/istio-release starting January 1st, 2027"); istio.io blog/2026/retirement-of-gcp (published 2026-08-21); istio/istio#61467 (opened 2026-08-26); read 2026-12-02)',
      "shop: problem: istio.chartRepository: https://istio-release.storage.googleapis.com/charts is a retired host: Istio's Helm chart repository and release archives on Google Cloud Storage (no 1.31 release; 1.30 is its last minor), gone from 2026-12-31 (istio.io blog/2026/retirement-of-gcp (published 2026-08-21); istio/istio#61467 (opened 2026-08-26); read 2026-12-02)",
    ]);
    expect(fake.requests.filter((r) => r.includes("index.yaml") || r.includes("/v2/"))).toEqual([]);
    // The legacy charts are read from Istio's release archive, not the retired bucket (the recorded
    // answers hold no legacy index, so the local server answers 404).
    const legacy = await check(oss({ version: "1.4.10", ingressGateway: true }));
    expect(problems(legacy.lines)[0]).toBe(
      "shop: problem: istio.version: chart repository: https://blob.istio.io/istio-release/releases/1.4.10/charts/index.yaml answered HTTP 404",
    );
  });

  test("a mirror: the environment's chartRepository (OCI on ghcr.io) and hub are the ones read", async () => {
    const [env] = oss();
    const mirrored = {
      ...env,
      istio: {
        ...env.istio,
        chartRepository: "oci://ghcr.io/istio/release/charts",
        hub: "docker.io/istio",
      },
    } as EnvironmentConfig;
    const report = await check([mirrored]);
    expect(report.lines).toContain(
      "shop: ok: istio.version: 1.30.5 is in the chart repository oci://ghcr.io/istio/release/charts (base, istiod)",
    );
    expect(fake.requests).toContain(
      "GET /token?service=ghcr.io&scope=repository%3Aistio%2Frelease%2Fcharts%2Fistiod%3Apull",
    );
    expect(report.exitCode).toBe(0);
  });

  test("an unreachable host, while the others answer", async () => {
    const report = await check(FILE.environments, {
      env: { ...fake.env(), [baseUrlVariable("registry-1.docker.io")]: await closedPort() },
    });
    expect(problems(report.lines)).toEqual([
      "mesh: problem: istio.version: hub: https://registry-1.docker.io/v2/istio/pilot/tags/list unreachable (connection refused)",
      "ambient: problem: istio.version: hub: https://registry-1.docker.io/v2/istio/pilot/tags/list unreachable (connection refused)",
    ]);
    expect(report.exitCode).toBe(1);
  });

  test("a host that does not answer in time", async () => {
    fake.delay = 400;
    const report = await check(oss(), {
      env: { ...fake.env(), GKE_ISTIO_UPSTREAM_TIMEOUT_MS: "100" },
    });
    expect(report.exitCode).toBe(2);
    expect(report.lines).toEqual([
      expect.stringMatching(/^upstream: offline, .*no answer in time/),
    ]);
  });

  test("no application default credentials: said with the way to provide them", async () => {
    const report = await check(oss(), {
      googleAuth: () => async () => {
        throw new CredentialsError("Could not load the default credentials.");
      },
    });
    expect(problems(report.lines)).toEqual([
      "shop: problem: cluster: GKE server config: no application default credentials (Could not load the default credentials.); run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS",
    ]);
  });

  test("a provider version our bindings pin that the registry no longer lists", async () => {
    await withRoutes({
      "/v1/providers/hashicorp/helm/versions": {
        body: JSON.stringify({ id: "hashicorp/helm", versions: [{ version: "3.1.0" }] }),
      },
    });
    const report = await check([]);
    expect(problems(report.lines)).toEqual([
      "providers: problem: hashicorp/helm 3.1.1 (pinned by @cdktf/provider-helm 12.1.2) is not in the Terraform registry",
    ]);
    expect(report.exitCode).toBe(1);
  });
});

describe("offline and malformed answers", () => {
  test("offline (connection refused everywhere): exit 2, one line saying so", async () => {
    const closed = await closedPort();
    const env = Object.fromEntries(Object.keys(fake.env()).map((k) => [k, closed]));
    const report = await check(FILE.environments, { env });
    expect(report).toEqual({
      lines: [
        "upstream: offline, no upstream host answered (blob.istio.io, container.googleapis.com, registry-1.docker.io, registry.terraform.io: connection refused); nothing was checked",
      ],
      exitCode: 2,
    });
  });

  test.each([
    [
      "a chart index without entries",
      { "/istio-release/charts/index.yaml": { body: "apiVersion: v1\ngenerated: now\n" } },
      "shop: problem: istio.version: chart repository: https://blob.istio.io/istio-release/charts/index.yaml malformed answer: the chart index has no entries",
    ],
    [
      "a chart index that is not YAML",
      { "/istio-release/charts/index.yaml": { body: "entries: [unclosed\n  - : :" } },
      "shop: problem: istio.version: chart repository: https://blob.istio.io/istio-release/charts/index.yaml malformed answer: the chart index is not YAML",
    ],
    [
      "a tag list without tags",
      {
        "/v2/istio/pilot/tags/list": {
          body: JSON.stringify({ name: "istio/pilot", tags: "1.30.5" }),
        },
      },
      "shop: problem: istio.version: hub: https://registry-1.docker.io/v2/istio/pilot/tags/list malformed answer: the answer has no list of tags",
    ],
    [
      "a server config that is an HTML page",
      {
        "/v1/projects/my-gcp-project/locations/us-central1/serverConfig": {
          body: "<html>sign in</html>",
        },
      },
      "shop: problem: cluster: GKE server config: https://container.googleapis.com/v1/projects/my-gcp-project/locations/us-central1/serverConfig malformed answer: the answer is not JSON",
    ],
    [
      "a server config without channels' versions",
      {
        "/v1/projects/my-gcp-project/locations/us-central1/serverConfig": {
          body: JSON.stringify({
            defaultClusterVersion: "1.33.5-gke.1308000",
            validMasterVersions: [],
            channels: [{ channel: "REGULAR" }],
          }),
        },
      },
      "shop: problem: cluster: GKE server config: https://container.googleapis.com/v1/projects/my-gcp-project/locations/us-central1/serverConfig malformed answer: the server config lacks defaultClusterVersion, validMasterVersions or channels[].validVersions",
    ],
    [
      "a registry answer without versions",
      {
        "/v1/providers/hashicorp/kubernetes/versions": {
          body: JSON.stringify({ id: "hashicorp/kubernetes" }),
        },
      },
      "providers: problem: hashicorp/kubernetes: Terraform registry: https://registry.terraform.io/v1/providers/hashicorp/kubernetes/versions malformed answer: the answer has no list of versions",
    ],
    [
      "an HTTP error",
      { "/istio-release/charts/index.yaml": { status: 503, body: "unavailable" } },
      "shop: problem: istio.version: chart repository: https://blob.istio.io/istio-release/charts/index.yaml answered HTTP 503",
    ],
  ])("%s: its line, exit 1", async (_what, routes, line) => {
    await withRoutes(routes as Routes);
    const report = await check(oss());
    expect(problems(report.lines)).toEqual([line]);
    expect(report.exitCode).toBe(1);
  });
});
