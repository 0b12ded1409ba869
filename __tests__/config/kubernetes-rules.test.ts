import { Testing } from "cdktf";
import { DEFAULT_ISTIO_VERSION } from "../../config/istio-versions";
import {
  clusterKubernetes,
  kubernetesWindow,
  kubernetesWindowProblems,
  kubernetesWindowWarnings,
} from "../../config/kubernetes-rules";
import { addEnvironments } from "../../stacks/environment-stacks";
import { configProblems, environment, parseEnvironments } from "../fixtures";

function problemsOf(overrides: Record<string, unknown>): string[] {
  return configProblems(() => parseEnvironments(environment({ mode: "oss", ...overrides })));
}

const warningsOf = (overrides: Record<string, unknown>) => {
  const app = Testing.app();
  addEnvironments(app, parseEnvironments(environment({ mode: "oss", ...overrides })));
  return app.node
    .findAll()
    .flatMap((n) => n.node.metadata)
    .filter((m) => m.type === "@cdktf/warn")
    .map((m) => String(m.data));
};

const ENV = "environments[0] (test)";
const REGULAR = "the REGULAR channel's default 1.35.5-gke.1163012, read 2026-12-02";

describe("the cluster's Kubernetes against Istio's window (facts/istio-kubernetes.ts)", () => {
  test("the Kubernetes minor: minMasterVersion when set, else the channel's default", () => {
    const [regular, stable, pinned] = parseEnvironments(
      environment({ name: "a" }),
      environment({ name: "b", cluster: { releaseChannel: "STABLE" } }),
      environment({ name: "c", cluster: { minMasterVersion: "1.33.5-gke.1014001" } }),
    );
    expect(clusterKubernetes(regular)).toEqual({ minor: "1.35", from: REGULAR, pinned: false });
    expect(clusterKubernetes(stable).minor).toBe("1.34");
    expect(clusterKubernetes(pinned)).toEqual({
      minor: "1.33",
      from: "cluster.minMasterVersion '1.33.5-gke.1014001'",
      pinned: true,
    });
  });

  test("the default Istio fits the default channel", () => {
    expect(problemsOf({})).toEqual([]);
    expect(kubernetesWindow(DEFAULT_ISTIO_VERSION)).toBeDefined();
  });

  test("a channel default newer than the window is refused: channels only move forward", () => {
    expect(problemsOf({ istio: { version: "1.28.3" } })).toEqual([
      `${ENV}: istio.version: Istio 1.28.3 supports Kubernetes 1.30 to 1.34, but the cluster runs 1.35 (${REGULAR}); choose an Istio version that supports Kubernetes 1.35 (docs/upstream-facts.md), or a cluster.minMasterVersion within the window`,
    ]);
  });

  test("a pinned minMasterVersion outside the window is refused, either side", () => {
    expect(
      problemsOf({ istio: { version: "1.30.5" }, cluster: { minMasterVersion: "1.31.4-gke.100" } }),
    ).toEqual([
      `${ENV}: istio.version: Istio 1.30.5 supports Kubernetes 1.32 to 1.36, but the cluster runs 1.31 (cluster.minMasterVersion '1.31.4-gke.100'); choose an Istio version that supports Kubernetes 1.31 (docs/upstream-facts.md), or a cluster.minMasterVersion within the window`,
    ]);
    expect(
      problemsOf({ istio: { version: "1.29.6" }, cluster: { minMasterVersion: "1.36" } }),
    ).toEqual([
      `${ENV}: istio.version: Istio 1.29.6 supports Kubernetes 1.31 to 1.35, but the cluster runs 1.36 (cluster.minMasterVersion '1.36'); choose an Istio version that supports Kubernetes 1.36 (docs/upstream-facts.md), or a cluster.minMasterVersion within the window`,
    ]);
  });

  test("the window's edges are inside it", () => {
    for (const minMasterVersion of ["1.32", "1.36"]) {
      expect(problemsOf({ istio: { version: "1.31.0" }, cluster: { minMasterVersion } })).toEqual(
        [],
      );
    }
  });

  test("every revision is checked, at its own field", () => {
    expect(
      problemsOf({
        istio: {
          revisions: [{ version: "1.29.6" }, { version: "1.30.5" }],
          defaultRevision: "1-29-6",
        },
        cluster: { minMasterVersion: "1.36" },
      }),
    ).toEqual([
      `${ENV}: istio.revisions[0].version: Istio 1.29.6 supports Kubernetes 1.31 to 1.35, but the cluster runs 1.36 (cluster.minMasterVersion '1.36'); choose an Istio version that supports Kubernetes 1.36 (docs/upstream-facts.md), or a cluster.minMasterVersion within the window`,
    ]);
  });

  test("a channel default older than the window only warns: the table may lag the channel", () => {
    // No row of today's table starts above a channel's default; a later reading might.
    const later = [{ istio: "1.31", oldest: "1.36", newest: "1.38", source: "a later reading" }];
    const [env] = parseEnvironments(
      environment({
        mode: "oss",
        istio: { version: "1.31.0" },
        cluster: { releaseChannel: "STABLE" },
      }),
    );
    expect(kubernetesWindowProblems(env, later)).toEqual([]);
    expect(kubernetesWindowWarnings(env, later)).toEqual([
      "istio.version: Istio 1.31.0 supports Kubernetes 1.36 to 1.38, but the cluster runs 1.34 (the STABLE channel's default 1.34.8-gke.1000000, read 2026-12-02), older than the window; the channel may have moved into it since, else pin cluster.minMasterVersion within it",
    ]);
    // Pinned, the same gap is the file's own statement: refused.
    const pinned = { ...env, cluster: { minMasterVersion: "1.34" } };
    expect(kubernetesWindowWarnings(pinned, later)).toEqual([]);
    expect(kubernetesWindowProblems(pinned, later)).toHaveLength(1);
    // Today's table: STABLE's default (1.34) is inside 1.31's window.
    expect(kubernetesWindowWarnings(env)).toEqual([]);
  });

  test("legacy charts and other modes have no window here", () => {
    expect(problemsOf({ istio: { version: "1.4.10", ingressGateway: false } })).toEqual([]);
    expect(
      problemsOf({ mode: "cloud-service-mesh", cluster: { minMasterVersion: "1.20" } }),
    ).toEqual([]);
  });

  test("no warning on the default file's kind of environment", () => {
    expect(warningsOf({})).toEqual([]);
  });
});
