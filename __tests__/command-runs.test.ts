import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandRun, commandKey, runCommand, Runner } from "./command-runs";
import { APP_INPUTS_ENV, appRunCacheRoot } from "./shared-synth";

// A command's run is remembered across jest runs by content (command-runs.ts): every input must
// change the key, and a replayed run must leave the folder as the real run did.
describe("a command run remembered across jest runs", () => {
  const saved = process.env[APP_INPUTS_ENV];
  const inputs = `command-test-${process.pid}-${Date.now()}`;
  const dirs: string[] = [];
  beforeAll(() => (process.env[APP_INPUTS_ENV] = inputs));
  afterAll(() => {
    if (saved === undefined) delete process.env[APP_INPUTS_ENV];
    else process.env[APP_INPUTS_ENV] = saved;
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(appRunCacheRoot(), inputs.slice(0, 32)), { recursive: true, force: true });
  });

  /** A project copy: an environment file, an old output file and folder, and a linked node_modules. */
  const copy = (config = "environments: [a]\n") => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-command-"));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, "environments.yaml"), config);
    fs.mkdirSync(path.join(dir, "out", "old"), { recursive: true });
    fs.writeFileSync(path.join(dir, "out", "old", "stale.json"), "{}");
    fs.mkdirSync(path.join(dir, "node_modules"));
    return dir;
  };
  /** A command that counts its runs, writes a file naming its folder and removes the old output. */
  const calls: string[][] = [];
  const fake: Runner = (dir, script, args, env): CommandRun => {
    calls.push([script, ...args, env.GKE_ISTIO_STRICT ?? ""]);
    fs.mkdirSync(path.join(dir, "out", "new"), { recursive: true });
    fs.writeFileSync(path.join(dir, "out", "new", "stack.json"), `{"dir": "${dir}"}`);
    fs.rmSync(path.join(dir, "out", "old"), { recursive: true });
    fs.writeFileSync(path.join(dir, "node_modules", "touched"), "not remembered");
    return { status: 3, stdout: `wrote ${dir}/out\n`, stderr: "warned\n" };
  };
  const run = (dir: string, args: string[] = [], env: Record<string, string> = {}) =>
    runCommand(dir, "commands/x.ts", args, env, fake);

  test("the replay returns the outputs and leaves the folder as the real run did, in its own path", () => {
    const first = copy();
    const real = run(first);
    expect(calls).toHaveLength(1);
    const second = copy();
    const replay = run(second);
    expect(calls).toHaveLength(1); // not run again
    expect(replay).toEqual({ status: 3, stdout: `wrote ${second}/out\n`, stderr: "warned\n" });
    expect(real.stdout).toBe(`wrote ${first}/out\n`);
    expect(fs.readFileSync(path.join(second, "out", "new", "stack.json"), "utf8")).toBe(
      `{"dir": "${second}"}`,
    );
    expect(fs.existsSync(path.join(second, "out", "old"))).toBe(false);
    expect(fs.readdirSync(path.join(second, "out"))).toEqual(["new"]);
    // node_modules is the project's, linked: neither keyed nor replayed.
    expect(fs.existsSync(path.join(second, "node_modules", "touched"))).toBe(false);
  });

  test("the copy's path in an argument or a variable is keyed as the copy, not as its path", () => {
    const before = calls.length;
    const a = copy("environments: [path]\n");
    run(a, [`${a}/out`], { GKE_ISTIO_CONFIG: `${a}/environments.yaml` });
    const b = copy("environments: [path]\n");
    expect(run(b, [`${b}/out`], { GKE_ISTIO_CONFIG: `${b}/environments.yaml` }).stdout).toBe(
      `wrote ${b}/out\n`,
    );
    expect(calls).toHaveLength(before + 1);
  });

  test.each([
    ["another environment file", () => run(copy("environments: [b]\n"))],
    [
      "a new file in the copy",
      () => {
        const dir = copy();
        fs.writeFileSync(path.join(dir, "extra.ts"), "");
        return run(dir);
      },
    ],
    ["other arguments", () => run(copy(), ["--check"])],
    ["another variable given", () => run(copy(), [], { GKE_ISTIO_ENVIRONMENTS: "a" })],
    [
      "another variable the app reads, set in the test process",
      () => {
        process.env.GKE_ISTIO_STRICT = "1";
        try {
          return run(copy());
        } finally {
          delete process.env.GKE_ISTIO_STRICT;
        }
      },
    ],
    [
      "a PATH of the test process that finds another terraform",
      () => {
        const saved = process.env.PATH;
        const other = copy();
        fs.writeFileSync(path.join(other, "terraform"), "");
        process.env.PATH = other;
        try {
          return run(copy());
        } finally {
          process.env.PATH = saved;
        }
      },
    ],
    ["another script", () => runCommand(copy(), "commands/y.ts", [], {}, fake)],
  ])("%s runs the command again", (_, again) => {
    const before = calls.length;
    again();
    expect(calls).toHaveLength(before + 1);
  });

  test("a run killed by a signal is not remembered; GKE_ISTIO_SYNTH_CACHE=off always runs", () => {
    let killed = 0;
    const kill: Runner = () => ({ status: null, stdout: "", stderr: (++killed).toString() });
    runCommand(copy(), "commands/killed.ts", [], {}, kill);
    expect(runCommand(copy(), "commands/killed.ts", [], {}, kill).stderr).toBe("2");
    process.env.GKE_ISTIO_SYNTH_CACHE = "off";
    try {
      const before = calls.length;
      run(copy());
      run(copy());
      expect(calls).toHaveLength(before + 2);
    } finally {
      delete process.env.GKE_ISTIO_SYNTH_CACHE;
    }
  });
});

test("the key changes with the date (the app's end-of-support warnings)", () => {
  const empty = { files: new Map<string, Buffer>(), folders: new Set<string>() };
  expect(commandKey(empty, "commands/x.ts", [], {}, "2026-12-03")).not.toBe(
    commandKey(empty, "commands/x.ts", [], {}, "2026-12-04"),
  );
  expect(commandKey(empty, "commands/x.ts", [], {}, "2026-12-03")).toBe(
    commandKey(empty, "commands/x.ts", [], {}, "2026-12-03"),
  );
});
