import { parseConfig } from "../../config/load";
import { locationProblems, locationWarnings, unlistedLocation } from "../../config/location-rules";
import { Testing } from "cdktf";
import { addEnvironments } from "../../stacks/environment-stacks";
import { configProblems, environment, parseEnvironments } from "../fixtures";

/** The one-line problems of one environment, as synth prints them (without the file). */
function problemsOf(overrides: Record<string, unknown>): string[] {
  return configProblems(() => parseEnvironments(environment(overrides)));
}

const warningsOf = (overrides: Record<string, unknown>) => {
  const app = Testing.app();
  addEnvironments(app, parseEnvironments(environment(overrides)));
  return app.node
    .findAll()
    .flatMap((n) => n.node.metadata)
    .filter((m) => m.type === "@cdktf/warn")
    .map((m) => String(m.data));
};

const ENV = "environments[0] (test)";
const OR_SWITCH =
  "use a region or zone from docs/upstream-facts.md, or set allowUnlistedLocation: true for one Google opened after 2026-12-02";

describe("GCP locations against the table (facts/gcp-locations.ts)", () => {
  test("a region that does not exist is refused, with the nearest known region", () => {
    expect(problemsOf({ location: "europe-west5" })).toEqual([
      `${ENV}: location: 'europe-west5' is not a GCP region this tool knows (did you mean 'europe-west1'?); ${OR_SWITCH}`,
    ]);
  });

  test("a zone of an unknown region is refused, with the same zone of the nearest region", () => {
    expect(problemsOf({ location: "europe-west5-b" })).toEqual([
      `${ENV}: location: 'europe-west5-b' is not a GCP region this tool knows (did you mean 'europe-west1-b'?); ${OR_SWITCH}`,
    ]);
  });

  test("a zone a known region lacks is refused, naming the region's zones", () => {
    expect(problemsOf({ location: "europe-west1-z" })).toEqual([
      `${ENV}: location: 'europe-west1-z' is not a zone of europe-west1 (did you mean 'europe-west1-b'?); its zones are europe-west1-b, europe-west1-c, europe-west1-d; ${OR_SWITCH}`,
    ]);
  });

  test("nothing near: no suggestion", () => {
    expect(problemsOf({ location: "mars-north1" })).toEqual([
      `${ENV}: location: 'mars-north1' is not a GCP region this tool knows; ${OR_SWITCH}`,
    ]);
  });

  test("node zones are checked too: europe-west1 has no zone a", () => {
    expect(
      problemsOf({ cluster: { nodeLocations: ["europe-west1-a", "europe-west1-b"] } }),
    ).toEqual([
      `${ENV}: cluster.nodeLocations[0]: 'europe-west1-a' is not a zone of europe-west1 (did you mean 'europe-west1-b'?); its zones are europe-west1-b, europe-west1-c, europe-west1-d; ${OR_SWITCH}`,
    ]);
  });

  test("a malformed location gets the nearest known one too", () => {
    expect(problemsOf({ location: "us-centrall" })).toEqual([
      `${ENV}: location: must be a GCP region such as 'us-central1' or a zone such as 'us-central1-a' (did you mean 'us-central1'?), got "us-centrall"`,
    ]);
    expect(problemsOf({ cluster: { nodeLocations: ["europe-west1b"] } })).toEqual([
      `${ENV}: cluster.nodeLocations[0]: must be a zone such as 'us-central1-a' (did you mean 'europe-west1-b'?), got "europe-west1b"`,
    ]);
  });

  test.each([
    "us-central1",
    "us-central1-f",
    "europe-west1-d",
    "europe-west12-c",
    "us-east1-b",
    "northamerica-south1",
  ])("%s is known", (location) => {
    expect(unlistedLocation(location)).toBeUndefined();
    expect(problemsOf({ location })).toEqual([]);
  });

  test("allowUnlistedLocation: true lets a new region through, with one warning per field", () => {
    const overrides = {
      mode: "oss",
      location: "europe-west7",
      allowUnlistedLocation: true,
      cluster: { nodeLocations: ["europe-west7-a"] },
    };
    expect(problemsOf(overrides)).toEqual([]);
    expect(warningsOf(overrides)).toEqual([
      "environment 'test': location: 'europe-west7' is not in the GCP location table (facts/gcp-locations.ts, read 2026-12-02); let through by allowUnlistedLocation: true, so a typo fails only at apply",
      "environment 'test': cluster.nodeLocations[0]: 'europe-west7-a' is not in the GCP location table (facts/gcp-locations.ts, read 2026-12-02); let through by allowUnlistedLocation: true, so a typo fails only at apply",
    ]);
  });

  test("the switch warns about nothing on a listed location, and is off by default", () => {
    expect(
      warningsOf({ mode: "oss", location: "europe-west1", allowUnlistedLocation: true }),
    ).toEqual([]);
    const [env] = parseEnvironments(environment());
    expect(env.allowUnlistedLocation).toBeUndefined();
    expect(locationProblems({ ...env, location: "europe-west5" })).toHaveLength(1);
    expect(locationWarnings({ ...env, location: "europe-west5" })).toEqual([]);
  });

  test("the switch can sit in defaults, like any environment key", () => {
    const file = {
      defaults: { allowUnlistedLocation: true },
      environments: [environment({ location: "europe-west7" })],
    };
    expect(parseConfig(file)[0].allowUnlistedLocation).toBe(true);
    expect(() => parseConfig({ ...file, defaults: {} })).toThrow(/'europe-west7' is not a GCP/);
  });
});
