import { format } from "pretty-format";
import engineVersion from "./engine-version-serializer";

const stack = { "//": { metadata: { stackName: "s", version: "0.24.0" } }, resource: {} };
const print = (running: string) =>
  format(stack, {
    plugins: [engineVersion.forVersions(running, "0.21.0")],
    printBasicPrototype: false,
  });

test("a snapshot prints another engine's version in stack metadata as the default engine wrote it", () => {
  expect(print("0.24.0")).toContain('"version": "0.21.0"');
  expect(print("0.24.0")).toContain('"stackName": "s"');
});

test("under the default engine the serializer changes nothing", () => {
  expect(print("0.21.0")).toContain('"version": "0.24.0"');
  expect(engineVersion.forVersions("0.21.0", "0.21.0").test(stack)).toBe(false);
});

test("the registered serializer is active only under another engine than cdktf 0.21.0", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const running: string = require("cdktf/package.json").version;
  const stamped = { "//": { metadata: { version: running } } };
  expect(engineVersion.test(stamped)).toBe(running !== "0.21.0");
});
