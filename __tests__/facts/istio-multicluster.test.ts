import * as cp from "child_process";
import * as fs from "fs";
import { parse as parseYaml } from "yaml";
import {
  EAST_WEST_GATEWAY,
  ISTIO_MULTICLUSTER_FACTS,
  MESH_MEMBER_VALUES,
  REMOTE_SECRET,
} from "../../facts/istio-multicluster";
import { SHARED_CHARTS } from "../helm-render";

/** A file of one of Istio's packaged charts beside the project (../shared/helmrender/charts). */
function chartFile(chart: string, version: string, file: string): string | undefined {
  const tgz = `${SHARED_CHARTS}/${chart}-${version}.tgz`;
  if (!fs.existsSync(tgz)) return undefined;
  return cp.execFileSync("tar", ["-xzOf", tgz, `${chart}/${file}`], { encoding: "utf8" });
}

describe("facts/istio-multicluster.ts", () => {
  test("every fact names its source and the date it was read", () => {
    expect(ISTIO_MULTICLUSTER_FACTS.length).toBeGreaterThanOrEqual(10);
    for (const { fact, source } of ISTIO_MULTICLUSTER_FACTS) {
      expect(fact.length).toBeGreaterThan(20);
      expect(source).toMatch(/https:\/\/|github\.com\//);
      expect(source).toMatch(/read 2026-12-02/);
    }
  });

  // Where Istio's charts are beside the project, the table agrees with them.
  const values = chartFile("gateway", "1.31.0", "values.yaml");
  (values ? test : test.skip)("the gateway chart's network gateway ports are the table's", () => {
    const defaults = parseYaml(values!)._internal_defaults_do_not_set ?? parseYaml(values!);
    const ports = Object.fromEntries(
      Object.entries<{ port: number }>(defaults.networkGatewayPorts).map(([k, v]) => [k, v.port]),
    );
    expect(ports).toEqual(EAST_WEST_GATEWAY.ports);
  });

  const reader = chartFile("base", "1.31.0", "templates/reader-serviceaccount.yaml");
  (reader ? test : test.skip)("the base chart makes the reader the remote secrets use", () => {
    expect(reader).toContain(`name: ${REMOTE_SECRET.readerServiceAccount}`);
    const istiod = chartFile("istiod", "1.31.0", "values.yaml")!;
    for (const path of Object.values(MESH_MEMBER_VALUES)) {
      expect(istiod).toContain(`${path.split(".").pop()}:`);
    }
  });
});
