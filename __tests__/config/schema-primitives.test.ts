import {
  CIDR,
  dnsLabel,
  DNS_LABEL,
  editDistance,
  LABEL_KEY,
  LABEL_VALUE,
  nearest,
  REGION,
  strict,
  unknownKeyMessage,
  ZONE,
} from "../../config/schema-primitives";
import { z } from "zod";

describe("editDistance (Levenshtein, case-insensitive)", () => {
  test.each([
    ["", "", 0],
    ["", "abc", 3],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["cluster", "clustr", 1],
    ["mode", "MODE", 0],
    ["ab", "ba", 2],
    ["flaw", "lawn", 2],
  ])("%j to %j is %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("nearest", () => {
  test("the closest allowed name within max(2, a third of its length), else none", () => {
    expect(nearest("clustr", ["cluster", "network"])).toBe("cluster");
    // Two edits from a short name: still a typo.
    expect(nearest("ab", ["xy"])).toBe("xy");
    expect(nearest("abc", ["xyz"])).toBeUndefined();
    // nodePools is 9 long: a third is 3 edits, so 3 is near and 4 is not.
    expect(nearest("nodeXXXls", ["nodePools"])).toBe("nodePools");
    expect(nearest("noXXXXols", ["nodePools"])).toBeUndefined();
  });

  test("of several within reach, the nearest, whatever the order of the list", () => {
    expect(nearest("mesh", ["mash", "mesh1", "mosh"])).toBe("mash");
    expect(nearest("mesh", ["mesh12", "mash"])).toBe("mash");
    expect(nearest("mesh", [])).toBeUndefined();
  });
});

describe("unknownKeyMessage", () => {
  test("one line per key, in order: the near miss when there is one, the allowed keys always", () => {
    expect(unknownKeyMessage(["nmae", "zzzzzz"], ["name", "mode"])).toBe(
      "unknown key, did you mean 'name'? allowed keys are name, mode\n" +
        "unknown key; allowed keys are name, mode",
    );
  });

  test("strict objects use it for unknown keys, and zod's own message for the rest", () => {
    const schema = strict({ name: z.string() });
    const unknown = schema.safeParse({ name: "a", nmae: "b" });
    expect(unknown.error?.issues.map((i) => i.message)).toEqual([
      "unknown key, did you mean 'name'? allowed keys are name",
    ]);
    const wrongType = schema.safeParse({ name: 1 });
    expect(wrongType.error?.issues.map((i) => i.message)).toEqual([
      "Invalid input: expected string, received number",
    ]);
  });
});

describe("the patterns: whole values only, edges pinned", () => {
  const cases: [string, RegExp, string[], string[]][] = [
    [
      "DNS_LABEL",
      DNS_LABEL,
      ["a", "a-b", "a1", "abc-123"],
      ["", "1a", "a-", "-a", "A", "a_b", "a b", "xa-"],
    ],
    [
      "REGION",
      REGION,
      ["us-central1", "europe-west12"],
      ["us-central", "us-central1-a", "Us-central1", "us-central1x", "xus_central1"],
    ],
    [
      "ZONE",
      ZONE,
      ["us-central1-a", "europe-west1-b"],
      ["us-central1", "us-central1-ab", "us-central1-", "xus-central1-a-"],
    ],
    [
      "LABEL_KEY",
      LABEL_KEY,
      ["a", "a_b-c9", `a${"b".repeat(62)}`],
      ["", "1a", "_a", "A", `a${"b".repeat(63)}`, "a.b"],
    ],
    [
      "LABEL_VALUE",
      LABEL_VALUE,
      ["", "1", "a_b-c", "x".repeat(63)],
      ["x".repeat(64), "A", "a.b", "a b"],
    ],
    [
      "CIDR",
      CIDR,
      [
        "0.0.0.0/0",
        "10.0.0.0/8",
        "255.255.255.255/32",
        "199.249.200.0/24",
        "10.0.0.0/20",
        "1.2.3.4/9",
      ],
      [
        "256.0.0.0/8",
        "10.0.0.0/33",
        "10.0.0.0",
        "10.0.0/8",
        "10.0.0.0/8x",
        "x10.0.0.0/8",
        "10.0.0.0.0/8",
        ".1.2.3/8",
        "260.0.0.0/8",
        "10.0.0.0/40",
      ],
    ],
  ];
  test.each(cases)("%s", (_, pattern, accepted, refused) => {
    expect(accepted.filter((v) => !pattern.test(v))).toEqual([]);
    expect(refused.filter((v) => pattern.test(v))).toEqual([]);
  });
});

describe("dnsLabel", () => {
  const schema = dnsLabel("node pool names", 5);
  const messages = (value: unknown) =>
    schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];
  test("names what it checks, the limit and the rule", () => {
    expect(messages("abcde")).toEqual([]);
    expect(messages("abcdef")).toEqual(["must be at most 5 characters (node pool names)"]);
    expect(messages("a_b")).toEqual([
      "must be a lower-case DNS label: a letter, then letters, digits or '-', not ending in '-' (node pool names)",
    ]);
    expect(messages(3)).toEqual(["must be a string (node pool names)"]);
  });
});
