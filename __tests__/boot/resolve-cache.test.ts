import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.join(__dirname, "..", "..", "boot", "resolve-cache.js");

/** A project with a lock file, two packages (a requires b) and a file of its own. */
function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "resolve-cache-"));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write("package-lock.json", "{}");
  write("node_modules/a/index.js", 'module.exports = "a+" + require("b");');
  write("node_modules/b/index.js", 'module.exports = "b1";');
  write("own.js", 'module.exports = "own";');
  write(
    "main.js",
    `require(${JSON.stringify(SCRIPT)}).installResolveCache(__dirname, process.env);
     console.log(require("a") + " " + require("./own"));`,
  );
  return root;
}

const run = (root: string, env: Record<string, string> = {}) =>
  cp.spawnSync(process.execPath, ["main.js"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });

const cacheFiles = (root: string) => {
  const dir = path.join(root, "node_modules", ".cache", "gke-istio-cdktf");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith("resolve-")) : [];
};

describe("boot/resolve-cache.js", () => {
  let root = "";
  beforeEach(() => (root = project()));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("remembers package resolutions, not the project's own relative ones", () => {
    expect(run(root).stdout).toBe("a+b1 own\n");
    const [file] = cacheFiles(root);
    const known = JSON.parse(
      fs.readFileSync(path.join(root, "node_modules", ".cache", "gke-istio-cdktf", file), "utf8"),
    );
    expect(Object.values(known).sort()).toEqual([
      path.join(root, "node_modules", "a", "index.js"),
      path.join(root, "node_modules", "b", "index.js"),
    ]);
    expect(run(root).stdout).toBe("a+b1 own\n");
  });

  test("resolves again when a remembered file is gone", () => {
    expect(run(root).stdout).toBe("a+b1 own\n");
    fs.rmSync(path.join(root, "node_modules", "b", "index.js"));
    fs.writeFileSync(path.join(root, "node_modules", "b", "package.json"), '{"main":"main.js"}');
    fs.writeFileSync(path.join(root, "node_modules", "b", "main.js"), 'module.exports = "b2";');
    expect(run(root).stdout).toBe("a+b2 own\n");
  });

  test("a new lock file starts a new cache; GKE_ISTIO_RESOLVE_CACHE=off writes none", () => {
    run(root);
    fs.writeFileSync(path.join(root, "package-lock.json"), '{"changed":true}');
    run(root);
    expect(cacheFiles(root)).toHaveLength(2);
    const other = project();
    try {
      expect(run(other, { GKE_ISTIO_RESOLVE_CACHE: "off" }).stdout).toBe("a+b1 own\n");
      expect(cacheFiles(other)).toEqual([]);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
