#!/usr/bin/env node
// `npm run engine -- cdktn` (or `-- cdktf`): switches the CDK engine in package.json, then run
// `npm install`. cdktf 0.21 (HashiCorp, archived on 2025-12-10) is the default; CDK Terrain
// (cdktn, its community fork) keeps the `cdktf` import name through an npm alias, so no source
// file changes: only the two packages, the CLI and the scripts that call it.
// `--dir <folder>` rewrites another copy (.ci/engine-cdktn.sh uses a temporary one).
const fs = require("fs");
const path = require("path");

/** What package.json says per engine. Sources: npmjs.com/package/cdktn, cdktn-cli (read 2026-12-02). */
const ENGINES = {
  cdktf: {
    dependencies: { cdktf: "0.21.0", constructs: "10.4.2" },
    cli: { name: "cdktf-cli", version: "0.21.0", bin: "cdktf" },
    cliPeers: {},
  },
  cdktn: {
    // cdktn 0.24.0's peer range is constructs >=10.6.0 <10.8.0; cdktn-cli 0.24.0 needs Node 22.19+.
    dependencies: { cdktf: "npm:cdktn@0.24.0", constructs: "10.7.2" },
    cli: { name: "cdktn-cli", version: "0.24.0", bin: "cdktn" },
    // cdktn-cli's peer dependencies (jsii ~5.9.0, jsii-pacmak 1.128.0), which it loads at start:
    // .npmrc's legacy-peer-deps (the providers' peer range names cdktf 0.21) does not install peers.
    cliPeers: { jsii: "5.9.50", "jsii-pacmak": "1.128.0" },
  },
};

/** package.json's object for `engine`: dependencies, the CLI devDependency, scripts calling it. */
function switchEngine(pkg, engine) {
  const target = ENGINES[engine];
  if (!target) {
    throw new Error(`engine must be one of ${Object.keys(ENGINES).join(", ")}, got '${engine}'`);
  }
  const out = JSON.parse(JSON.stringify(pkg));
  Object.assign(out.dependencies, target.dependencies);
  for (const other of Object.values(ENGINES)) {
    delete out.devDependencies[other.cli.name];
    for (const peer of Object.keys(other.cliPeers)) delete out.devDependencies[peer];
  }
  out.devDependencies[target.cli.name] = target.cli.version;
  Object.assign(out.devDependencies, target.cliPeers);
  out.devDependencies = Object.fromEntries(
    Object.entries(out.devDependencies).sort(([a], [b]) => a.localeCompare(b)),
  );
  const bins = Object.values(ENGINES).map((e) => e.cli.bin);
  const call = new RegExp(`(^|[;&|]\\s*|npx )(${bins.join("|")})(?= )`, "g");
  for (const [name, command] of Object.entries(out.scripts ?? {})) {
    out.scripts[name] = command.replace(call, `$1${target.cli.bin}`);
  }
  return out;
}

/** The engine package.json names now. */
function currentEngine(pkg) {
  return pkg.dependencies?.cdktf?.startsWith("npm:cdktn@") ? "cdktn" : "cdktf";
}

module.exports = { ENGINES, switchEngine, currentEngine };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--dir");
  const dir = at >= 0 ? path.resolve(args.splice(at, 2)[1]) : process.cwd();
  const file = path.join(dir, "package.json");
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  const [engine] = args;
  if (!engine) {
    process.stdout.write(`${currentEngine(pkg)}\n`);
    process.exit(0);
  }
  let next;
  try {
    next = switchEngine(pkg, engine);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  fs.writeFileSync(file, JSON.stringify(next, null, 2) + "\n");
  process.stdout.write(
    `${path.relative(process.cwd(), file) || file}: engine ${engine} (${Object.entries(
      ENGINES[engine].dependencies,
    )
      .map(([n, v]) => `${n}@${v}`)
      .join(
        ", ",
      )}, ${ENGINES[engine].cli.name}@${ENGINES[engine].cli.version}); now run npm install\n`,
  );
}
