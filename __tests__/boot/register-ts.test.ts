import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REGISTER = path.resolve(__dirname, "../../boot/register-ts.js");

describe("boot/register-ts.js", () => {
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

  test("loads neither archiver nor zod's translations with the app; a translation loads on first use", () => {
    const probe = [
      "const loaded = () => Object.keys(require.cache).filter((f) => /archiver|zod.v4.locales/.test(f)).map((f) => f.replace(/.*node_modules./, ''));",
      "require('cdktf'); const { z } = require('zod');",
      "const before = loaded();",
      "const fr = z.locales.fr; z.config(fr()); const message = z.string().safeParse(1).error.issues[0].message; z.config(z.locales.en());",
      "console.log(JSON.stringify({ before, fr: typeof fr, message, after: loaded().length > before.length }));",
    ].join("\n");
    const out = cp.execFileSync(process.execPath, ["--require", REGISTER, "-e", probe], {
      cwd: path.resolve(__dirname, "../.."),
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({
      before: ["zod/v4/locales/en.cjs"],
      fr: "function",
      message: expect.stringMatching(/^Entrée invalide/),
      after: true,
    });
  });
});
