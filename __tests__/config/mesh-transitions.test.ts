import { parseConfig } from "../../config/load";
import { revisionPicture, revisionPlan, tagMoveWarnings } from "../../config/istio-revisions";
import { configProblems } from "../fixtures";
import {
  csmStrictLoadBalancerWarning,
  meshTransitionWarnings,
} from "../../config/mesh-transitions";

const env = (istio: Record<string, unknown>, mode = "oss") => ({
  name: "up",
  mode,
  project: "test-project",
  location: "europe-west1",
  nodePools: [{ name: "pool" }],
  istio,
});
const parsed = (istio: Record<string, unknown>, mode?: string) =>
  parseConfig({ environments: [env(istio, mode)] }, "e.yaml")[0];

function problemsOf(istio: Record<string, unknown>): string[] {
  return configProblems(() => parsed(istio)).map((p) =>
    p.replace(/^environments\[0\] \(up\): /, ""),
  );
}

/** Step 1 of the gap-free way from version to revisions (docs/istio-upgrades.md). */
const ADOPTED = {
  revisions: [{ version: "1.30.5", adopt: true }, { version: "1.31.0" }],
  injectionNamespaces: ["default", { name: "canary", revision: "1-31-0" }],
};

describe("adopt: the running istiod without revision, kept as a revision", () => {
  test("is valid, and is the default revision without naming it", () => {
    expect(problemsOf(ADOPTED)).toEqual([]);
    const plan = revisionPlan(parsed(ADOPTED).istio)!;
    expect(plan.defaultRevision).toBe("1-30-5");
    expect(plan.revisions).toEqual([
      { name: "1-30-5", version: "1.30.5", adopt: true },
      { name: "1-31-0", version: "1.31.0" },
    ]);
    expect(revisionPicture("up", "oss", parsed(ADOPTED).istio)).toBe(
      "Istio in up: 1-30-5 (1.30.5, adopted: release istiod without revision, tags default) runs default (istio-injection=enabled), gateway istio-ingress (istio-injection=enabled); 1-31-0 (1.31.0) runs canary (istio.io/rev=1-31-0)",
    );
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "two adopted revisions",
      {
        revisions: [
          { version: "1.30.5", adopt: true },
          { version: "1.31.0", adopt: true },
        ],
      },
      "istio.revisions[1].adopt: only one revision can be the running istiod without revision, and istio.revisions[0] already is; remove adopt from one",
    ],
    [
      "another default revision while the adopted one runs",
      { ...ADOPTED, defaultRevision: "1-31-0" },
      "istio.defaultRevision: '1-31-0' while the adopted revision '1-30-5' runs; the adopted istiod's own webhooks serve istio-injection=enabled, so it stays the default revision until you remove its entry (docs/istio-upgrades.md)",
    ],
    [
      "a tag on the adopted revision",
      { ...ADOPTED, tags: { stable: "1-30-5" } },
      "istio.tags.stable: points at the adopted revision '1-30-5', which runs without revision and serves only the 'default' tag; point the tag at another revision",
    ],
    [
      "a namespace naming the adopted revision",
      { ...ADOPTED, injectionNamespaces: [{ name: "shop", revision: "1-30-5" }] },
      "istio.injectionNamespaces[0].revision: '1-30-5' is the adopted revision, which runs without revision; leave revision out (or name the 'default' tag) to stay on it",
    ],
    [
      "the gateway naming the adopted revision",
      { ...ADOPTED, ingressGateway: { revision: "1-30-5" } },
      "istio.ingressGateway.revision: '1-30-5' is the adopted revision, which runs without revision; leave revision out (or name the 'default' tag) to stay on it",
    ],
  ])("refuses %s", (_what, istio, message) => {
    expect(problemsOf(istio)).toEqual([message]);
  });
});

describe("warnings at synth", () => {
  test("namespaces that follow a tag while a canary runs: a move takes them along, pod by pod", () => {
    const two = {
      revisions: [{ version: "1.30.5" }, { version: "1.31.0" }],
      defaultRevision: "1-30-5",
      tags: { stable: "1-30-5" },
      injectionNamespaces: [
        "default",
        { name: "shop", revision: "stable" },
        { name: "web", revision: "1-31-0" },
      ],
    };
    expect(tagMoveWarnings("up", parsed(two).istio)).toEqual([
      "Istio in up: namespace default follows tag 'default' (now 1-30-5, 1.30.5); moving 'default' to 1-31-0 (1.31.0) changes no entry of theirs, and their pods take the new version one by one as they restart: to move them yourself, give them a revision, or restart them right after the move (docs/istio-upgrades.md)",
      "Istio in up: namespace shop follows tag 'stable' (now 1-30-5, 1.30.5); moving 'stable' to 1-31-0 (1.31.0) changes no entry of theirs, and their pods take the new version one by one as they restart: to move them yourself, give them a revision, or restart them right after the move (docs/istio-upgrades.md)",
    ]);
    // One revision: nothing to move to. The adopted istiod keeps the default tag: nothing moves.
    expect(tagMoveWarnings("up", parsed({ revisions: [{ version: "1.30.5" }] }).istio)).toEqual([]);
    expect(tagMoveWarnings("up", parsed(ADOPTED).istio)).toEqual([]);
    expect(tagMoveWarnings("up", parsed({ version: "1.30.5" }).istio)).toEqual([]);
  });

  test("Cloud Service Mesh with STRICT mTLS and no port exception: load balancers' plaintext is refused", () => {
    const csm = (istio: Record<string, unknown>) =>
      meshTransitionWarnings(parsed(istio, "cloud-service-mesh"));
    expect(csm({})).toEqual([csmStrictLoadBalancerWarning("up")]);
    expect(csmStrictLoadBalancerWarning("up")).toMatch(/istio\.mtlsPortExceptions/);
    expect(csm({ mtls: "PERMISSIVE" })).toEqual([]);
    // An explicit empty list: no Google Cloud load balancer reaches an injected workload.
    expect(csm({ mtlsPortExceptions: [] })).toEqual([]);
    expect(
      csm({ mtlsPortExceptions: [{ namespace: "shop", selector: { app: "web" }, ports: [8080] }] }),
    ).toEqual([]);
    expect(meshTransitionWarnings(parsed({}))).toEqual([]);
  });
});
