import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REGISTER = path.resolve(__dirname, "../../scripts/register-ts.js");

describe("scripts/register-ts.js", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "register-ts-"));
  const cache = path.join(dir, "cache");
  const source = path.join(dir, "answer.ts");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = () =>
    cp.execFileSync(
      process.execPath,
      ["--require", REGISTER, "-e", `console.log(require(${JSON.stringify(source)}).answer())`],
      {
        env: { ...process.env, GKE_ISTIO_TS_CACHE: cache },
        encoding: "utf8",
      },
    );
  const cached = () => fs.readdirSync(cache).filter((f) => f.endsWith(".js"));

  test("transpiles TypeScript once and reuses the cached JavaScript", () => {
    fs.writeFileSync(source, "export const answer = (): number => 42;\n");
    expect(run()).toBe("42\n");
    expect(cached()).toHaveLength(1);
    // Prove the second run reads the cache: tamper with the cached output.
    fs.writeFileSync(path.join(cache, cached()[0]), "exports.answer = () => 'from cache';");
    expect(run()).toBe("from cache\n");
  });

  test("a changed source gets a new cache entry", () => {
    fs.writeFileSync(source, "export const answer = (): string => 'changed';\n");
    expect(run()).toBe("changed\n");
    expect(cached()).toHaveLength(2);
  });
});
