// upstream/http.ts: base-URL overrides, one request per URL, the words of each failure.
import * as fs from "fs";
import * as path from "path";
import { baseUrlVariable, Http, networkFailure, UpstreamError } from "../../upstream/http";
import { PROJECT_ROOT } from "../app-synth";
import { closedPort, FakeUpstream, UPSTREAM_HOSTS } from "./fake-upstream";

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await FakeUpstream.start({ "/a": { body: '{"a":1}' }, "/text": { body: "not json" } });
});
afterAll(() => fake.close());

test("a host's variable: upper case, every other character an underscore", () => {
  expect(baseUrlVariable("registry-1.docker.io")).toBe(
    "GKE_ISTIO_UPSTREAM_URL_REGISTRY_1_DOCKER_IO",
  );
  expect(baseUrlVariable("ghcr.io:443")).toBe("GKE_ISTIO_UPSTREAM_URL_GHCR_IO_443");
});

test("the variable replaces the scheme and host only; other hosts are left alone", () => {
  const http = new Http({ env: { GKE_ISTIO_UPSTREAM_URL_GHCR_IO: "http://127.0.0.1:9/base/" } });
  expect(http.target("https://ghcr.io/v2/istio/tags/list?n=10")).toBe(
    "http://127.0.0.1:9/base/v2/istio/tags/list?n=10",
  );
  expect(http.target("https://blob.istio.io/x")).toBe("https://blob.istio.io/x");
});

test("one request per URL; the answered host is recorded under its configured name", async () => {
  const http = new Http({ env: { GKE_ISTIO_UPSTREAM_URL_EXAMPLE_COM: fake.url } });
  const before = fake.requests.length;
  const [a, b] = await Promise.all([
    http.json("https://example.com/a"),
    http.json("https://example.com/a"),
  ]);
  expect([a, b]).toEqual([{ a: 1 }, { a: 1 }]);
  expect(fake.requests.length - before).toBe(1);
  expect([...http.hosts]).toEqual([["example.com", undefined]]);
  expect(http.requests).toBe(1);
});

test("failures: unreachable, HTTP status, not JSON; each names the configured URL", async () => {
  const http = new Http({
    env: {
      GKE_ISTIO_UPSTREAM_URL_EXAMPLE_COM: fake.url,
      GKE_ISTIO_UPSTREAM_URL_DOWN_TEST: await closedPort(),
    },
  });
  const failure = (url: string) =>
    http.json(url).then(
      () => undefined,
      (e: UpstreamError) => [e.kind, e.url, e.detail],
    );
  expect(await failure("https://down.test/a")).toEqual([
    "unreachable",
    "https://down.test/a",
    "connection refused",
  ]);
  expect(await failure("https://example.com/missing")).toEqual([
    "status",
    "https://example.com/missing",
    "answered HTTP 404",
  ]);
  expect(await failure("https://example.com/text")).toEqual([
    "malformed",
    "https://example.com/text",
    "the answer is not JSON",
  ]);
  expect(http.hosts.get("down.test")).toBe("connection refused");
});

test("network failures are found down the cause chain; other errors are not network failures", () => {
  expect(networkFailure(new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } }))).toBe(
    "host not found",
  );
  expect(networkFailure(Object.assign(new Error("t"), { name: "TimeoutError" }))).toBe(
    "no answer in time",
  );
  expect(networkFailure(new Error("bad"))).toBeUndefined();
});

test("docs/team-workflow.md names each default host's variable as baseUrlVariable spells it", () => {
  const docs = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "team-workflow.md"), "utf8");
  const rows = [
    ...docs.matchAll(/^\| `([a-z0-9.-]+)` +\|[^|]+\| `(GKE_ISTIO_UPSTREAM_URL_\w+)` +\|$/gm),
  ];
  expect(rows.map((r) => r[1]).sort()).toEqual([...UPSTREAM_HOSTS].sort());
  for (const [, host, variable] of rows) expect(variable).toBe(baseUrlVariable(host));
});
