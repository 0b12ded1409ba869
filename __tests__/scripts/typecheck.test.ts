import * as fs from "fs";
import * as os from "os";
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { typecheck } = require("../../scripts/typecheck") as {
  typecheck(
    root: string,
    tsc: string[],
    env: Record<string, string>,
    log: (s: string) => void,
  ): number;
};

/** A project folder, and a stand-in for tsc that counts its runs and exits with `exitCode`. */
function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "typecheck-"));
  fs.writeFileSync(path.join(root, "tsconfig.json"), "{}");
  fs.writeFileSync(path.join(root, "package-lock.json"), "{}");
  fs.mkdirSync(path.join(root, "src"));
  fs.writeFileSync(path.join(root, "src", "a.ts"), "export const a = 1;\n");
  fs.mkdirSync(path.join(root, "node_modules", "x"), { recursive: true });
  fs.writeFileSync(path.join(root, "node_modules", "x", "index.d.ts"), "export {};\n");
  const runs = path.join(root, "runs");
  const tsc = (exitCode: number) => [
    process.execPath,
    "-e",
    `require("fs").appendFileSync(${JSON.stringify(runs)}, "x"); process.exit(${exitCode})`,
  ];
  const count = () => (fs.existsSync(runs) ? fs.readFileSync(runs, "utf8").length : 0);
  return { root, tsc, count };
}

describe("scripts/typecheck.js", () => {
  const logs: string[] = [];
  const log = (s: string) => logs.push(s);

  test("skips tsc when nothing it reads changed since it passed", () => {
    const { root, tsc, count } = project();
    try {
      expect(typecheck(root, tsc(0), {}, log)).toBe(0);
      expect(typecheck(root, tsc(0), {}, log)).toBe(0);
      expect(count()).toBe(1);
      expect(logs).toContain("typecheck: nothing changed since the last passing check");
      // A project file, a JSON file or the lock file changed: tsc runs again.
      fs.writeFileSync(path.join(root, "src", "a.ts"), "export const a = 2;\n");
      typecheck(root, tsc(0), {}, log);
      fs.writeFileSync(path.join(root, "src", "data.json"), "{}");
      typecheck(root, tsc(0), {}, log);
      fs.writeFileSync(path.join(root, "package-lock.json"), '{"v":2}');
      typecheck(root, tsc(0), {}, log);
      expect(count()).toBe(4);
      // What it does not read (node_modules) does not count.
      fs.writeFileSync(path.join(root, "node_modules", "x", "index.d.ts"), "export const y = 1;\n");
      typecheck(root, tsc(0), {}, log);
      expect(count()).toBe(4);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test("never remembers a failing check, and GKE_ISTIO_TYPECHECK_CACHE=off always runs tsc", () => {
    const { root, tsc, count } = project();
    try {
      expect(typecheck(root, tsc(2), {}, log)).toBe(2);
      expect(typecheck(root, tsc(2), {}, log)).toBe(2);
      expect(count()).toBe(2);
      expect(typecheck(root, tsc(0), {}, log)).toBe(0);
      expect(typecheck(root, tsc(0), { GKE_ISTIO_TYPECHECK_CACHE: "off" }, log)).toBe(0);
      expect(count()).toBe(4);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
