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
