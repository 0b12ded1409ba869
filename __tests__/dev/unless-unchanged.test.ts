import * as fs from "fs";
import * as os from "os";
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runUnlessUnchanged } = require("../../dev/unless-unchanged") as {
  runUnlessUnchanged(
    name: string,
    root: string,
    command: string[],
    env: Record<string, string>,
    log: (s: string) => void,
  ): number;
};

/** A project folder, and a stand-in check that counts its runs and exits with `exitCode`. */
function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "unless-unchanged-"));
  fs.writeFileSync(path.join(root, "package-lock.json"), "{}");
  fs.mkdirSync(path.join(root, "src"));
  fs.writeFileSync(path.join(root, "src", "a.ts"), "export const a = 1;\n");
  fs.mkdirSync(path.join(root, "node_modules", "x"), { recursive: true });
  fs.writeFileSync(path.join(root, "node_modules", "x", "index.d.ts"), "export {};\n");
  const runs = path.join(os.tmpdir(), `${path.basename(root)}-runs`);
  // A shell, not Node: it starts in milliseconds, and this file runs it nine times.
  const check = (exitCode: number) => ["/bin/sh", "-c", `printf x >> "$0"; exit ${exitCode}`, runs];
  const count = () => (fs.existsSync(runs) ? fs.readFileSync(runs, "utf8").length : 0);
  const cleanup = () => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(runs, { force: true });
  };
  return { root, check, count, cleanup };
}

describe("dev/unless-unchanged.js (the checks of npm test)", () => {
  const logs: string[] = [];
  const log = (s: string) => logs.push(s);

  test("skips the check when no file of the project changed since it passed", () => {
    const { root, check, count, cleanup } = project();
    try {
      expect(runUnlessUnchanged("lint", root, check(0), {}, log)).toBe(0);
      expect(runUnlessUnchanged("lint", root, check(0), {}, log)).toBe(0);
      expect(count()).toBe(1);
      expect(logs).toContain("lint: nothing changed since it last passed");
      // Another check has its own record.
      runUnlessUnchanged("format", root, check(0), {}, log);
      expect(count()).toBe(2);
      // A source file, a new file of any kind, or the lock file: the check runs again.
      fs.writeFileSync(path.join(root, "src", "a.ts"), "export const a = 2;\n");
      runUnlessUnchanged("lint", root, check(0), {}, log);
      fs.writeFileSync(path.join(root, "README.md"), "# x\n");
      runUnlessUnchanged("lint", root, check(0), {}, log);
      fs.writeFileSync(path.join(root, "package-lock.json"), '{"v":2}');
      runUnlessUnchanged("lint", root, check(0), {}, log);
      expect(count()).toBe(5);
      // node_modules (where the records and the tools' caches live) does not count.
      fs.writeFileSync(path.join(root, "node_modules", "x", "index.d.ts"), "export const y = 1;\n");
      runUnlessUnchanged("lint", root, check(0), {}, log);
      expect(count()).toBe(5);
    } finally {
      cleanup();
    }
  });

  test("never remembers a failing check, and GKE_ISTIO_CHECK_CACHE=off always runs it", () => {
    const { root, check, count, cleanup } = project();
    try {
      expect(runUnlessUnchanged("typecheck", root, check(2), {}, log)).toBe(2);
      expect(runUnlessUnchanged("typecheck", root, check(2), {}, log)).toBe(2);
      expect(count()).toBe(2);
      expect(runUnlessUnchanged("typecheck", root, check(0), {}, log)).toBe(0);
      const off = { GKE_ISTIO_CHECK_CACHE: "off" };
      expect(runUnlessUnchanged("typecheck", root, check(0), off, log)).toBe(0);
      expect(count()).toBe(4);
    } finally {
      cleanup();
    }
  });
});
