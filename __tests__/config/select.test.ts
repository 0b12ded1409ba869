import { ConfigError } from "../../config/load";
import { selectEnvironments } from "../../config/select";
import { environment, parseEnvironments } from "../fixtures";

const ENVIRONMENTS = parseEnvironments(
  environment({ name: "dev" }),
  environment({ name: "prod-eu", location: "europe-west1" }),
  environment({ name: "prod-us", location: "us-central1" }),
  environment({ name: "staging", mode: "cloud-service-mesh", project: "fleet-project" }),
  environment({ name: "production", mode: "cloud-service-mesh", project: "fleet-project" }),
  environment({ name: "other", mode: "cloud-service-mesh", project: "elsewhere-project" }),
);
const names = (selection: string | undefined) =>
  selectEnvironments(ENVIRONMENTS, selection, "envs.yaml").map((e) => e.name);

function problems(selection: string): string[] {
  try {
    selectEnvironments(ENVIRONMENTS, selection, "envs.yaml");
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    expect(e.file).toBe("GKE_ISTIO_ENVIRONMENTS");
    return e.message.split("\n");
  }
  throw new Error(`no error for ${selection}`);
}

describe("GKE_ISTIO_ENVIRONMENTS", () => {
  test("unset or blank selects every environment", () => {
    expect(names(undefined)).toHaveLength(6);
    expect(names(" ")).toHaveLength(6);
  });

  test("names and glob patterns select, in file order, each once", () => {
    expect(names("prod-*,dev")).toEqual(["dev", "prod-eu", "prod-us"]);
    expect(names(" prod-?? , prod-eu ")).toEqual(["prod-eu", "prod-us"]);
    expect(names("*")).toHaveLength(6);
    expect(names("other")).toEqual(["other"]);
  });

  test("a pattern that matches nothing is an error naming it and the environments", () => {
    expect(problems("prod-*,qa*,dev,Dev")).toEqual([
      "GKE_ISTIO_ENVIRONMENTS: 'qa*' matches no environment of envs.yaml; its environments are dev, prod-eu, prod-us, staging, production, other",
      `GKE_ISTIO_ENVIRONMENTS: entry 4: "Dev" is not an environment name or glob pattern; use lower-case letters, digits, '-', '*' and '?', comma-separated`,
    ]);
    expect(problems("dev,,prod-eu")).toEqual([
      `GKE_ISTIO_ENVIRONMENTS: entry 2: "" is not an environment name or glob pattern; use lower-case letters, digits, '-', '*' and '?', comma-separated`,
    ]);
  });

  test("a cloud-service-mesh environment needs the one that creates its project's fleet feature", () => {
    expect(problems("production")).toEqual([
      "GKE_ISTIO_ENVIRONMENTS: 'production' is selected but 'staging' is not: 'staging' creates the servicemesh fleet feature of project 'fleet-project' that 'production' depends on; select 'staging' too",
    ]);
    expect(names("staging")).toEqual(["staging"]);
    expect(names("production,staging")).toEqual(["staging", "production"]);
  });
});

describe("GKE_ISTIO_ENVIRONMENTS: the edges of its patterns", () => {
  test("'?' is exactly one character, '*' any run of them", () => {
    expect(names("pro?-eu")).toEqual(["prod-eu"]);
    expect(problems("p?-eu")).toEqual([
      "GKE_ISTIO_ENVIRONMENTS: 'p?-eu' matches no environment of envs.yaml; its environments are dev, prod-eu, prod-us, staging, production, other",
    ]);
  });

  test("an entry with any character outside the pattern alphabet is refused, even after a valid start", () => {
    expect(problems("dev_1")).toEqual([
      `GKE_ISTIO_ENVIRONMENTS: entry 1: "dev_1" is not an environment name or glob pattern; use lower-case letters, digits, '-', '*' and '?', comma-separated`,
    ]);
  });

  test("without a file name, the message says 'the environment file'", () => {
    expect(() => selectEnvironments(ENVIRONMENTS, "nope")).toThrow(
      "'nope' matches no environment of the environment file; its environments are dev, prod-eu, prod-us, staging, production, other",
    );
  });
});
