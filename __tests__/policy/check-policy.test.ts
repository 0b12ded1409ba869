import * as path from "path";
import { Testing } from "cdktf";
import { DEFAULT_CONFIG_FILE, loadConfig } from "../../config/load";
import { checkPolicy, findPolicyFindings, policyViolations } from "../../policy/check-policy";
import { addEnvironments } from "../../stacks/environment-stacks";
import { policyTestApp } from "./policy-test-app";
import { rememberedInTest } from "../remembered-results";

describe("checkPolicy", () => {
  test("the default environment file breaks no rule without a waiver", () => {
    // GIVEN every environment of config/environments.yaml (the check's result remembered across
    // jest runs by this file's text and the test's name: remembered-results.ts)
    const { violations, findings } = rememberedInTest(() => {
      const config = loadConfig(path.join(__dirname, "..", "..", DEFAULT_CONFIG_FILE));
      const app = Testing.app();
      addEnvironments(app, config.environments);
      return { violations: policyViolations(app), findings: findPolicyFindings(app) };
    });
    // THEN no violation and no finding at all: the defaults are the hardened choice and need no
    // waiver (a waiver added to the default file must be argued for, and this test updated)
    expect(violations).toEqual([]);
    expect(findings).toEqual([]);
  });

  test("returns quietly when nothing is broken", () => {
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    try {
      checkPolicy(policyTestApp().app);
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
    }
  });

  test("prints one line per violation to stderr and exits 1", () => {
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      checkPolicy(policyTestApp({ cluster: { logging: false, monitoring: false } }).app);
      expect(exit).toHaveBeenCalledWith(1);
      expect(String(stderr.mock.calls[0][0]).split("\n")).toEqual([
        "Policy check failed, nothing was synthesized:",
        expect.stringMatching(/^GKE_LOGGING at test-cluster\/Cluster\/Resource /),
        expect.stringMatching(/^GKE_MONITORING at test-cluster\/Cluster\/Resource /),
        "",
      ]);
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
    }
  });
});
