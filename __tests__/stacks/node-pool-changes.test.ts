import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { addEnvironments } from "../../stacks/environment-stacks";
import { environment, parseEnvironments, resourcesOf, synthEnvironments } from "../fixtures";

const warningsOf = (...envs: Record<string, unknown>[]) => {
  const app = Testing.app();
  addEnvironments(app, parseEnvironments(...envs));
  return app.node
    .findAll()
    .flatMap((n) => n.node.metadata)
    .filter((m) => m.type === "@cdktf/warn")
    .map((m) => String(m.data));
};

describe("node pools in the cluster stack", () => {
  test("a created node account: the pool names it as text and waits for its roles", () => {
    const stack = synthEnvironments(environment({ mode: "oss" }))["test-cluster"];
    const [pool] = resourcesOf(stack, "google_container_node_pool");
    expect(pool.node_config.service_account).toBe(
      "test-europe-west1-nodes@test-project.iam.gserviceaccount.com",
    );
    expect(resourcesOf(stack, "google_service_account")[0].account_id).toBe(
      "test-europe-west1-nodes",
    );
    const bindings = Object.keys(stack.resource.google_project_iam_member).map(
      (name) => `google_project_iam_member.${name}`,
    );
    expect(bindings).toHaveLength(2);
    expect(pool.depends_on).toEqual(expect.arrayContaining(bindings));
  });

  test("scopes that cannot pull private images warn, pinned; the default scope does not", () => {
    const scopes = [
      "https://www.googleapis.com/auth/logging.write",
      "https://www.googleapis.com/auth/monitoring",
    ];
    expect(
      warningsOf(environment({ mode: "oss", nodePools: [{ name: "p", oauthScopes: scopes }] })),
    ).toEqual([
      "environment 'test': nodePools[0].oauthScopes: without the cloud-platform (or devstorage.read_only) scope, nodes cannot pull private images from Artifact Registry, even with roles/artifactregistry.reader; use ['https://www.googleapis.com/auth/cloud-platform'] (the default) and let IAM roles limit the nodes",
    ]);
    expect(warningsOf(environment({ mode: "oss" }))).toEqual([]);
  });

  test("the article's environment keeps its two scopes; every other one gets cloud-platform", () => {
    const file = parse(
      fs.readFileSync(path.join(__dirname, "../../config/environments.yaml"), "utf8"),
    );
    const envs = parseEnvironments(
      ...file.environments.map((e: Record<string, unknown>) => ({ ...file.defaults, ...e })),
    );
    for (const env of envs) {
      const stack = synthEnvironments({ ...env } as Record<string, unknown>)[`${env.name}-cluster`];
      const scopes = resourcesOf(stack, "google_container_node_pool").map(
        (p) => p.node_config.oauth_scopes,
      );
      expect({ env: env.name, scopes }).toEqual({
        env: env.name,
        scopes:
          env.name === "managed"
            ? [
                [
                  "https://www.googleapis.com/auth/logging.write",
                  "https://www.googleapis.com/auth/monitoring",
                ],
              ]
            : scopes.map(() => ["https://www.googleapis.com/auth/cloud-platform"]),
      });
    }
  });
});

test("either registry scope, alone or among others, lets nodes pull private images: no warning", () => {
  for (const scope of [
    ["https://www.googleapis.com/auth/cloud-platform"],
    ["https://www.googleapis.com/auth/devstorage.read_only"],
    [
      "https://www.googleapis.com/auth/logging.write",
      "https://www.googleapis.com/auth/devstorage.read_only",
    ],
  ])
    expect({
      scope,
      warnings: warningsOf(
        environment({ mode: "oss", nodePools: [{ name: "p", oauthScopes: scope }] }),
      ),
    }).toEqual({ scope, warnings: [] });
});

describe("replacements and the names of earlier releases", () => {
  const poolsOf = (env: Record<string, unknown>) =>
    resourcesOf(synthEnvironments(environment(env))["test-cluster"], "google_container_node_pool");
  const waived = {
    policy: { waivers: [{ rule: "GKE_DELETION_PROTECTION", reason: "test" }] },
  };

  test("a pool refuses replacement at plan; removing deletion protection, or allowReplacement, lets it go", () => {
    expect(poolsOf({}).map((p) => p.lifecycle.prevent_destroy)).toEqual([true]);
    expect(
      poolsOf({ ...waived, cluster: { deletionProtection: false } }).map(
        (p) => p.lifecycle.prevent_destroy,
      ),
    ).toEqual([false]);
    expect(
      poolsOf({ nodePools: [{ name: "a", allowReplacement: true }, { name: "b" }] }).map((p) => [
        p.name.split("-")[0],
        p.lifecycle.prevent_destroy,
      ]),
    ).toEqual([
      ["a", false],
      ["b", true],
    ]);
    // Explicit beats the deletion protection default.
    expect(
      poolsOf({
        ...waived,
        cluster: { deletionProtection: false },
        nodePools: [{ name: "a", allowReplacement: false }],
      }).map((p) => p.lifecycle.prevent_destroy),
    ).toEqual([true]);
  });

  test("legacyNames keeps the pool names of releases before the hashed names", () => {
    // Before the hashed names, GKE's pool name was nodePools[].name itself (git: constructs/node-pool.ts
    // at 50c5d47, `name: props.name`), at the same construct path NodePool-<name>/Resource.
    const [legacy] = poolsOf({ legacyNames: true, nodePools: [{ name: "node-pool" }] });
    expect(legacy).toMatchObject({
      name: "node-pool",
      lifecycle: { prevent_destroy: true, create_before_destroy: false },
    });
    const [hashed] = poolsOf({ nodePools: [{ name: "node-pool" }] });
    expect(hashed.name).toMatch(/^node-pool-[0-9a-f]{6}$/);
    // The Terraform address (from the construct path, unchanged since then) is pinned too.
    const stack = synthEnvironments(environment({ legacyNames: true }))["test-cluster"];
    expect(Object.keys(stack.resource.google_container_node_pool)).toEqual([
      "NodePool-pool_E520D9EE",
    ]);
  });
});
