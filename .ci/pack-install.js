#!/usr/bin/env node
// The package as a team adopts it: `npm pack`, then in a fresh cdktf project outside the repository
// (under os.tmpdir) the tarball installed offline, every `ts` block of docs/library.md type-checked
// by tsc against the installed .d.ts files and run with node, and the "own app" block's stacks
// compared byte for byte with the repository's own synth of the same environment file.
//
// Offline: the project's lockfile is cut from the repository's (the same versions, whose tarballs
// `npm ci` put in npm's cache), so `npm ci --offline` needs no registry; the tarball is added next.
// Run by .ci/run; slow (about a minute: it extracts the providers), so not part of `npm test`.
// Exit 1 with the reason on any failure. GKE_ISTIO_KEEP_ADOPTER=1 keeps the project folder.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const started = Date.now();
const log = (line) =>
  process.stdout.write(`pack-install [${((Date.now() - started) / 1000).toFixed(0)} s] ${line}\n`);

function fail(message) {
  process.stderr.write(`pack-install: FAILED: ${message}\n`);
  process.exit(1);
}

function run(command, args, cwd, env = {}) {
  const r = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    fail(`${command} ${args.join(" ")} (in ${cwd}) exited ${r.status}:\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

/**
 * The entries of the repository's lockfile that `wanted` (top-level names) need, at the same
 * paths: each dependency resolved the way node does, from the nearest node_modules up.
 */
function lockClosure(lock, wanted) {
  const packages = lock.packages;
  const kept = {};
  const queue = wanted.map((name) => `node_modules/${name}`);
  const resolve = (from, name) => {
    for (let at = from; ;) {
      const candidate = `${at ? `${at}/` : ""}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!at) return undefined;
      const cut = at.lastIndexOf("/node_modules/");
      at = cut < 0 ? "" : at.slice(0, cut);
    }
  };
  while (queue.length > 0) {
    const key = queue.shift();
    if (kept[key]) continue;
    const entry = packages[key];
    if (!entry) fail(`${key} is not in package-lock.json`);
    kept[key] = entry;
    const deps = {
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...entry.peerDependencies,
    };
    for (const name of Object.keys(deps)) {
      const found = resolve(key, name);
      if (found) queue.push(found);
      else if (!entry.peerDependenciesMeta?.[name]?.optional && !entry.optionalDependencies?.[name])
        fail(`${key} needs ${name}, which package-lock.json does not hold`);
    }
    // Bundled dependencies ship inside the package's tarball.
    for (const [other, body] of Object.entries(packages)) {
      if (body.inBundle && other.startsWith(`${key}/node_modules/`)) kept[other] = body;
    }
  }
  return kept;
}

/** Every ```ts block of a markdown file. */
function tsBlocks(markdown) {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Relative path → content of every file under `dir`. */
function filesUnder(dir) {
  const out = {};
  const walk = (at) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full);
    }
  };
  walk(dir);
  return out;
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-adopter-"));
const project = path.join(work, "project");
fs.mkdirSync(project);

// 1. The tarball, built by prepack (dev/build.js).
const packed = JSON.parse(
  run("npm", ["pack", "--json", "--pack-destination", work], root, {
    npm_config_loglevel: "error",
  }),
)[0];
const tarball = path.join(work, packed.filename);
const names = packed.files.map((f) => f.path);
for (const needed of [
  "dist/index.js",
  "dist/index.d.ts",
  "dist/constructs/istio-helm-install.d.ts",
  "dist/charts/istio-mesh-policy/Chart.yaml",
  "dist/config/environments.schema.json",
  "LICENSE",
  "NOTICE",
]) {
  if (!names.includes(needed)) fail(`the tarball lacks ${needed}`);
}
const leaked = names.filter(
  (n) =>
    /^(__tests__|boot|commands|output|dev|mutation|\.ci)\/|\.ts$/.test(n) && !n.endsWith(".d.ts"),
);
if (leaked.length > 0) fail(`the tarball holds development files: ${leaked.join(", ")}`);
log(`packed ${packed.filename}: ${names.length} files, ${packed.size} bytes`);

// 2. A fresh project: what docs/library.md tells a user to install, plus TypeScript.
const version = (name) => {
  const v = pkg.dependencies[name] ?? pkg.devDependencies[name];
  if (!v) fail(`package.json does not name ${name}`);
  return v;
};
const direct = [
  "cdktf",
  "constructs",
  "@cdktf/provider-helm",
  "@cdktf/provider-kubernetes",
  "@cdktf/provider-google-beta",
];
const tools = ["typescript", "@types/node"];
const adopter = {
  name: "adopter",
  version: "1.0.0",
  private: true,
  dependencies: Object.fromEntries(direct.map((n) => [n, version(n)])),
  devDependencies: Object.fromEntries(tools.map((n) => [n, version(n)])),
};
fs.writeFileSync(path.join(project, "package.json"), JSON.stringify(adopter, null, 2) + "\n");
// The package's own dependencies are in the closure too, so adding the tarball fetches nothing.
const closure = lockClosure(lock, [
  ...new Set([...direct, ...tools, ...Object.keys(pkg.dependencies)]),
]);
fs.writeFileSync(
  path.join(project, "package-lock.json"),
  JSON.stringify(
    {
      name: adopter.name,
      version: adopter.version,
      lockfileVersion: 3,
      requires: true,
      packages: { "": { ...adopter, private: undefined, name: adopter.name }, ...closure },
    },
    null,
    2,
  ),
);
const offline = ["--offline", "--no-audit", "--no-fund", "--ignore-scripts"];
run("npm", ["ci", ...offline], project);
run("npm", ["install", ...offline, tarball], project);
const installed = JSON.parse(
  fs.readFileSync(path.join(project, "node_modules", "gke-istio-cdktf", "package.json"), "utf8"),
);
if (installed.version !== pkg.version)
  fail(`installed ${installed.version}, packed ${pkg.version}`);
log(`installed offline into ${project}`);

// 3. docs/library.md's blocks: type-checked against the package's .d.ts, then run.
const blocks = tsBlocks(fs.readFileSync(path.join(root, "docs", "library.md"), "utf8"));
if (blocks.length < 3) fail(`docs/library.md has ${blocks.length} ts blocks, expected 3 or more`);
for (const [i, code] of blocks.entries()) {
  if (/from "\.\.?\//.test(code)) fail(`docs/library.md block ${i + 1} imports a relative path`);
  fs.writeFileSync(path.join(project, `block${i + 1}.ts`), code);
}
fs.copyFileSync(
  path.join(root, "config", "environments.yaml"),
  path.join(project, "environments.yaml"),
);
// As `cdktf init --template=typescript` writes it (CommonJS, node10 module resolution).
fs.writeFileSync(
  path.join(project, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: {
      alwaysStrict: true,
      declaration: true,
      experimentalDecorators: true,
      inlineSourceMap: true,
      inlineSources: true,
      lib: ["es2018"],
      module: "CommonJS",
      noEmitOnError: true,
      noFallthroughCasesInSwitch: true,
      noImplicitAny: true,
      noImplicitReturns: true,
      noImplicitThis: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      resolveJsonModule: true,
      strict: true,
      strictNullChecks: true,
      strictPropertyInitialization: true,
      stripInternal: true,
      target: "ES2018",
      incremental: true,
      skipLibCheck: true,
      types: ["node"],
    },
    include: ["block*.ts"],
  }),
);
const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
run(process.execPath, [tsc, "-p", "."], project);
// The exports map under node16 resolution (which reads "exports", not "typesVersions"), and the
// package's own .d.ts files checked too (skipLibCheck off).
run(
  process.execPath,
  [
    tsc,
    "-p",
    ".",
    "--noEmit",
    "--incremental",
    "false",
    "--module",
    "node16",
    "--moduleResolution",
    "node16",
    "--skipLibCheck",
    "false",
    "--esModuleInterop",
  ],
  project,
);
log(`type-checked ${blocks.length} blocks of docs/library.md (node10 and node16 resolution)`);

const outputs = blocks.map((_, i) => {
  const outdir = path.join(project, `out${i + 1}`);
  run(process.execPath, [`block${i + 1}.js`], project, { CDKTF_OUTDIR: outdir });
  const stacks = fs.existsSync(path.join(outdir, "stacks"))
    ? fs.readdirSync(path.join(outdir, "stacks"))
    : [];
  if (stacks.length === 0) fail(`docs/library.md block ${i + 1} synthesized no stack`);
  return outdir;
});
log(
  `ran ${blocks.length} blocks: ${outputs.map((o) => fs.readdirSync(path.join(o, "stacks")).length).join(", ")} stacks`,
);

// 4. The "own app" block (the second) against the repository's own synth of the same file.
const repoOut = path.join(work, "repo-out");
run(process.execPath, ["--require", "./boot/register-ts.js", "main.ts"], root, {
  CDKTF_OUTDIR: repoOut,
  GKE_ISTIO_CONFIG: path.join(project, "environments.yaml"),
  GKE_ISTIO_ENVIRONMENTS: "",
});
const ours = filesUnder(path.join(repoOut, "stacks"));
const theirs = filesUnder(path.join(outputs[1], "stacks"));
const differ = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].filter(
  (f) => !ours[f] || !theirs[f] || !ours[f].equals(theirs[f]),
);
if (Object.keys(ours).length === 0) fail("the repository's synth wrote no stack");
if (differ.length > 0)
  fail(`the installed package's stacks differ from the repository's: ${differ.join(", ")}`);
log(
  `the installed package's ${Object.keys(ours).length} files under stacks/ equal the repository's, byte for byte`,
);

// 5. Your own resources after Istio: every oss mesh stack's cert-manager waits for the mesh.
let checked = 0;
for (const stack of fs.readdirSync(path.join(outputs[2], "stacks"))) {
  const json = JSON.parse(
    fs.readFileSync(path.join(outputs[2], "stacks", stack, "cdk.tf.json"), "utf8"),
  );
  const release = json.resource?.helm_release?.CertManager;
  if (!release) continue;
  const istio = Object.entries(json.resource.helm_release).find(
    ([, r]) => r.name === "istio-mesh-policy",
  );
  if (!istio || !release.depends_on?.includes(`helm_release.${istio[0]}`)) {
    fail(
      `${stack}: cert-manager does not depend on the mesh (depends_on ${JSON.stringify(release.depends_on)})`,
    );
  }
  checked++;
}
if (checked === 0) fail("docs/library.md's cert-manager block added no release");
log(`cert-manager waits for the mesh in ${checked} mesh stacks`);

if (!process.env.GKE_ISTIO_KEEP_ADOPTER) fs.rmSync(work, { recursive: true, force: true });
log("passed");
