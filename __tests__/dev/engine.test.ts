// `npm run engine -- cdktn`: package.json's engine entries switched, and nothing else.
import * as fs from "fs";
import * as path from "path";

type Pkg = {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { switchEngine, currentEngine } = require("../../dev/engine") as {
  switchEngine(pkg: Pkg, engine: string): Pkg;
  currentEngine(pkg: Pkg): string;
};

const current = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"),
) as Pkg;
// The suite also runs after `npm run engine -- cdktn` (.ci/engine-cdktn.sh).
const pkg = switchEngine(current, "cdktf");

/** Key → [before, after] for every entry that differs. */
function changes(a: Record<string, string>, b: Record<string, string>) {
  return Object.fromEntries(
    [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => a[k] !== b[k])
      .map((k) => [k, [a[k], b[k]]]),
  );
}

describe("dev/engine.js", () => {
  const cdktn = switchEngine(pkg, "cdktn");

  test("switching package.json to the engine it is on changes nothing", () => {
    expect(switchEngine(current, currentEngine(current))).toEqual(current);
    expect(currentEngine(pkg)).toBe("cdktf");
  });

  test("cdktn: the alias, constructs in cdktn's peer range, the CLI with its peers, its scripts", () => {
    expect(currentEngine(cdktn)).toBe("cdktn");
    expect(changes(pkg.dependencies, cdktn.dependencies)).toEqual({
      cdktf: ["0.21.0", "npm:cdktn@0.24.0"],
      constructs: ["10.4.2", "10.7.2"],
    });
    expect(changes(pkg.devDependencies, cdktn.devDependencies)).toEqual({
      "cdktf-cli": ["0.21.0", undefined],
      "cdktn-cli": [undefined, "0.24.0"],
      jsii: [undefined, "5.9.50"],
      "jsii-pacmak": [undefined, "1.128.0"],
    });
    // npm run synth runs the app without a CLI; a script that calls the CLI follows the engine.
    expect(changes(pkg.scripts, cdktn.scripts)).toEqual({});
    const deploy = { ...pkg, scripts: { deploy: "cdktf deploy '*'", other: "echo cdktf" } };
    expect(switchEngine(deploy, "cdktn").scripts).toEqual({
      deploy: "cdktn deploy '*'",
      other: "echo cdktf",
    });
  });

  test("and back: the same package.json as before", () => {
    expect(switchEngine(cdktn, "cdktf")).toEqual(pkg);
  });

  test("an unknown engine is refused, naming the allowed ones", () => {
    expect(() => switchEngine(pkg, "cdk8s")).toThrow(
      "engine must be one of cdktf, cdktn, got 'cdk8s'",
    );
  });
});
