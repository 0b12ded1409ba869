import { POLICY_RULE_IDS } from "../../policy/rules";
import { environment, parseEnvironments } from "../fixtures";

const withWaivers = (waivers: unknown[]) => environment({ policy: { waivers } });

describe("policy.waivers in the environment file", () => {
  test("a waiver of a known rule with a reason is accepted", () => {
    const [env] = parseEnvironments(
      withWaivers([{ rule: "GKE_NODE_IMAGE_COS", reason: "GPU drivers need Ubuntu" }]),
    );
    expect(env.policy?.waivers).toEqual([
      { rule: "GKE_NODE_IMAGE_COS", reason: "GPU drivers need Ubuntu" },
    ]);
  });

  test("an unknown rule is an error that lists the known rule ids", () => {
    expect(() => parseEnvironments(withWaivers([{ rule: "GKE_NOPE", reason: "x" }]))).toThrow(
      `test.yaml: environments[0] (test): policy.waivers[0].rule: unknown rule 'GKE_NOPE'; known rules are ${POLICY_RULE_IDS.join(", ")}`,
    );
  });

  test("a waiver without a reason, or with a blank one, is an error", () => {
    expect(() =>
      parseEnvironments(
        withWaivers([{ rule: "GKE_LOGGING" }, { rule: "GKE_MONITORING", reason: " " }]),
      ),
    ).toThrow(
      [
        "test.yaml: environments[0] (test): policy.waivers[0].reason: a waiver needs a reason: say why the rule does not apply here, got nothing",
        'test.yaml: environments[0] (test): policy.waivers[1].reason: a waiver needs a reason, got ""',
      ].join("\n"),
    );
  });

  test("a rule waived twice is an error", () => {
    const twice = { rule: "GKE_LOGGING", reason: "logs go elsewhere" };
    expect(() => parseEnvironments(withWaivers([twice, twice]))).toThrow(
      "test.yaml: environments[0] (test): policy.waivers[1].rule: 'GKE_LOGGING' is waived twice; keep one waiver per rule",
    );
  });
});
