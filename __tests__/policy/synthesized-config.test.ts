import { Lazy, Token } from "cdktf";
import { isUnknown, read, show, UNKNOWN } from "../../policy/synthesized-config";

const later = Lazy.stringValue({ produce: () => "x" });

describe("isUnknown", () => {
  test("a token anywhere in the value, and only then", () => {
    expect(isUnknown(later)).toBe(true);
    expect(isUnknown({ a: { b: later } })).toBe(true);
    expect(isUnknown({ a: "x", b: later })).toBe(true);
    expect(isUnknown([1, [later]])).toBe(true);
    expect(isUnknown(Token.asList(later))).toBe(true);
    expect(isUnknown({ a: null, b: undefined, c: [null], d: "x", e: 0 })).toBe(false);
    expect(isUnknown(null)).toBe(false);
    expect(isUnknown(undefined)).toBe(false);
  });
});

describe("read", () => {
  const config = {
    master_auth: [{ client_certificate_config: [{ issue_client_certificate: false }] }],
    labels: { team: "mesh", owner: null },
    later: { value: later },
    gone: null,
  };

  test("follows a dotted path, reading a one-element list as its element", () => {
    expect(read(config, "master_auth.client_certificate_config.issue_client_certificate")).toBe(
      false,
    );
    expect(read(config, "labels")).toEqual({ team: "mesh", owner: null });
  });

  test("absent or null on the way is undefined; a token, or a scalar where a block should be, is UNKNOWN", () => {
    expect(read(config, "missing.deeper")).toBeUndefined();
    expect(read(config, "gone")).toBeUndefined();
    expect(read(config, "gone.deeper")).toBeUndefined();
    expect(read(config, "later")).toBe(UNKNOWN);
    expect(read(config, "later.value.deeper")).toBe(UNKNOWN);
    expect(read(config, "labels.team.deeper")).toBe(UNKNOWN);
  });
});

test("show quotes a value as JSON, and absence as absent", () => {
  expect([show(undefined), show("x"), show(false), show([])]).toEqual([
    "absent",
    '"x"',
    "false",
    "[]",
  ]);
});
