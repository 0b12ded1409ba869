import { Testing } from "cdktf";
import { addEnvironments } from "../../stacks/environment-stacks";
import { csmStrictLoadBalancerWarning } from "../../config/mesh-transitions";
import {
  TerraformJson,
  environment,
  parseEnvironments,
  resourcesOf,
  synthEnvironments,
} from "../fixtures";

const oss = (istio: Record<string, unknown>) =>
  synthEnvironments(
    environment({ mode: "oss", istio: { injectionNamespaces: ["default"], ...istio } }),
  )["test-mesh"];
const byName = (stack: TerraformJson): Record<string, TerraformJson> =>
  Object.fromEntries(
    Object.entries<TerraformJson>(stack.resource.helm_release).map(([id, r]) => [
      r.name,
      { id, ...r },
    ]),
  );

describe("version -> revisions with adopt", () => {
  const before = byName(oss({ version: "1.30.5" }));
  const after = byName(
    oss({ revisions: [{ version: "1.30.5", adopt: true }, { version: "1.31.0" }] }),
  );

  test("the running istiod keeps its address and its whole configuration", () => {
    expect(after.istiod).toEqual(before.istiod);
    expect(after.istiod.id).toBe("Istio_Istiod_3FB2B428");
  });

  test("the canary istiod is added; the default tag stays with the adopted istiod's own webhooks", () => {
    expect(Object.keys(after).sort()).toEqual([
      "istio-base",
      "istio-ingress",
      "istio-mesh-policy",
      "istiod",
      "istiod-1-31-0",
    ]);
    // The base chart's validator still calls istiod (revision "default"); only its version moves.
    expect(after["istio-base"].values).toEqual(before["istio-base"].values);
    expect(after["istio-base"].version).toBe("1.31.0");
  });

  test("the gateway on the adopted istiod keeps its values: no rollout", () => {
    expect(after["istio-ingress"].values).toEqual(before["istio-ingress"].values);
    expect(after["istio-ingress"].version).toBe("1.30.5");
  });

  test("dropping the adopted entry later: the default tag release points at the canary", () => {
    const last = byName(oss({ revisions: [{ version: "1.31.0" }] }));
    expect(Object.keys(last)).toContain("istio-tag-default");
    expect(Object.keys(last)).not.toContain("istiod");
  });
});

describe("mtls port exceptions", () => {
  const WEB = { namespace: "shop", selector: { app: "web" }, ports: [8080] };

  test("cloud-service-mesh: after the mesh policy and the created namespace; no load balancer warning", () => {
    const app = Testing.app();
    const [stacks] = addEnvironments(
      app,
      parseEnvironments(
        environment({
          mode: "cloud-service-mesh",
          istio: {
            injectionNamespaces: [{ name: "shop", create: true }],
            mtlsPortExceptions: [WEB],
          },
        }),
      ),
    );
    const stack = JSON.parse(Testing.synth(stacks.mesh!));
    const release = resourcesOf(stack, "helm_release").find(
      (r) => r.name === "istio-mtls-port-exceptions",
    )!;
    expect(release.depends_on).toEqual([
      "helm_release.PeerAuthentication_6318E262",
      expect.stringMatching(/^helm_release\.SidecarInjection_Created_/),
    ]);
    const warnings = stacks.mesh!.node.metadata.filter((m) => m.type === "@cdktf/warn");
    expect(warnings).toEqual([]);
  });

  test("cloud-service-mesh STRICT without exceptions warns at synth", () => {
    const app = Testing.app();
    const [stacks] = addEnvironments(
      app,
      parseEnvironments(environment({ mode: "cloud-service-mesh" })),
    );
    expect(
      stacks.mesh!.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data),
    ).toEqual([csmStrictLoadBalancerWarning("test")]);
  });

  test("oss: after the install's mesh-wide policy", () => {
    const release = resourcesOf(oss({ mtlsPortExceptions: [WEB] }), "helm_release").find(
      (r) => r.name === "istio-mtls-port-exceptions",
    )!;
    expect(release.depends_on).toEqual(["helm_release.Istio_MeshPeerAuthentication_1EFB414F"]);
  });
});

test("clusterAdmins alone give a managed environment its mesh stack, with the binding", () => {
  const admins = { users: ["ops@example.com"] };
  const stacks = synthEnvironments(environment({ istio: { clusterAdmins: admins } }));
  expect(Object.keys(stacks)).toEqual(["test-cluster", "test-mesh"]);
  expect(resourcesOf(stacks["test-mesh"], "kubernetes_cluster_role_binding_v1")).toHaveLength(1);
  expect(Object.keys(synthEnvironments(environment({ istio: {} })))).toEqual(["test-cluster"]);
});
