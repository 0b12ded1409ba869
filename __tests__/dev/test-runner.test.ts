// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runAll } = require("../../dev/test") as {
  runAll(
    checks: { name: string; command: string; args: string[] }[],
    main: { name: string; command: string; args: string[] },
    write: (text: string) => void,
  ): Promise<number>;
};
import * as fs from "fs";
import * as path from "path";

/** A stand-in command: a shell script (it starts in milliseconds, Node in a tenth of a second). */
const sh = (script: string, name: string) => ({ name, command: "/bin/sh", args: ["-c", script] });

describe("npm test (dev/test.js)", () => {
  test("is what package.json's test script runs", () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"),
    );
    expect(pkg.scripts.test).toBe("node dev/test.js");
  });

  test("passes when every check and the main command pass", async () => {
    let out = "";
    const code = await runAll(
      [sh("echo checked", "typecheck"), sh("true", "lint")],
      sh("true", "jest"),
      (t) => (out += t),
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^typecheck: ok, [\d.]+ s\nchecked$/m);
    expect(out).toMatch(/^npm test: typecheck, lint, jest passed in [\d.]+ s$/m);
  });

  test.each([
    ["a check", [sh("echo 'bad type' >&2; exit 2", "typecheck")], sh("true", "jest")],
    ["the main command", [sh("true", "typecheck")], sh("exit 1", "jest")],
  ])("fails when %s fails, naming it and showing its output", async (what, checks, main) => {
    let out = "";
    const code = await runAll(checks, main, (t) => (out += t));
    expect(code).toBe(1);
    const failed = what === "a check" ? "typecheck" : "jest";
    expect(out).toContain(`npm test: FAILED: ${failed}\n`);
    if (what === "a check") expect(out).toContain("typecheck: FAILED (exit 2)");
    if (what === "a check") expect(out).toContain("bad type");
  });

  test("a command that cannot start is a failure", async () => {
    let out = "";
    const code = await runAll(
      [{ name: "lint", command: "/nonexistent/eslint", args: [] }],
      sh("true", "jest"),
      (t) => (out += t),
    );
    expect(code).toBe(1);
    expect(out).toContain("npm test: FAILED: lint\n");
  });
});
