import { Lazy, Tokenization } from "cdktf";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { installCreationStacks } = require("../../boot/creation-stacks") as {
  installCreationStacks(target: ErrorConstructor, env?: Record<string, string>): void;
};

/** A fresh Error-like constructor whose captureStackTrace records what it was asked. */
function fakeError() {
  const calls: unknown[] = [];
  const target = {
    captureStackTrace(object: { stack?: string }) {
      calls.push(object);
      object.stack = "Error\n    at here";
    },
  } as unknown as ErrorConstructor;
  return { target, calls };
}

describe("boot/creation-stacks.js", () => {
  test("cdktf's tokens carry no creation stack (installed by the jest setup, as in the app)", () => {
    const token = Lazy.stringValue({ produce: () => "x" });
    const [{ creationStack }] = Tokenization.reverse(token);
    expect(creationStack).toEqual([]);
  });

  test("skips only cdktf's trace holders: real errors and other objects keep their stacks", () => {
    const { target, calls } = fakeError();
    installCreationStacks(target, {});
    const holder = { stack: "" };
    target.captureStackTrace(holder);
    expect(holder.stack).toBe("");
    expect(calls).toEqual([]);

    const error = new Error("real");
    const other = { stack: "", extra: 1 };
    const notEmpty = { stack: "x" };
    class Holder {
      stack = "";
    }
    const instance = new Holder();
    for (const object of [error, other, notEmpty, instance]) target.captureStackTrace(object);
    expect(calls).toEqual([error, other, notEmpty, instance]);
    expect(error.stack).toBe("Error\n    at here");
  });

  test("only plain objects can be trace holders: null and functions go to the real capture", () => {
    const { target, calls } = fakeError();
    installCreationStacks(target, {});
    // V8 refuses null itself; the wrapper must pass it on, not fail first.
    expect(() => target.captureStackTrace(null as never)).toThrow(TypeError);
    expect(calls).toEqual([null]);
    const callable = Object.setPrototypeOf(() => undefined, Object.prototype);
    callable.stack = "";
    target.captureStackTrace(callable);
    expect(calls).toEqual([null, callable]);
  });

  test("GKE_ISTIO_CREATION_STACKS=full keeps cdktf's traces", () => {
    const { target, calls } = fakeError();
    installCreationStacks(target, { GKE_ISTIO_CREATION_STACKS: "full" });
    const holder = { stack: "" };
    target.captureStackTrace(holder);
    expect(calls).toEqual([holder]);
    expect(holder.stack).toBe("Error\n    at here");
  });

  test("installing twice wraps once", () => {
    const { target } = fakeError();
    installCreationStacks(target, {});
    const once = target.captureStackTrace;
    installCreationStacks(target, {});
    expect(target.captureStackTrace).toBe(once);
  });

  test("a real error thrown in a test keeps its source-mapped stack", () => {
    const frame = new Error("planted").stack!.split("\n")[1];
    expect(frame).toMatch(/__tests__\/boot\/creation-stacks\.test\.ts:\d+:\d+\)$/);
  });
});
