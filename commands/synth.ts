// `npm run synth`: the app, run directly in this process, into cdktf.out/ (or CDKTF_OUTDIR):
// the same files `cdktf synth` writes, and the annotations it prints, without the CLI's cost
// (about 1.5 s), its noise (the "[ERROR] ... CLI configuration" lines) or its telemetry call, and
// with each problem of a refused file printed once. The app writes into a fresh folder beside the
// output, which replaces the output only when the synth succeeded: bad input writes nothing.
// `npx cdktf synth` works as before (--hcl and the CLI's other options are there).
import * as fs from "fs";
import * as path from "path";
import { annotationLines } from "../output/synth-annotations";

const out = path.resolve(process.env.CDKTF_OUTDIR || "cdktf.out");
fs.mkdirSync(path.dirname(out), { recursive: true });
const fresh = fs.mkdtempSync(`${out}.synth-`);
// Also when the app exits 1 (invalid input, a policy violation) before writing.
process.on("exit", () => fs.rmSync(fresh, { recursive: true, force: true }));
process.env.CDKTF_OUTDIR = fresh;
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("../main");

for (const line of annotationLines(fresh)) process.stderr.write(`${line}\n`);
fs.rmSync(out, { recursive: true, force: true });
fs.renameSync(fresh, out);
const stacks = fs.readdirSync(path.join(out, "stacks")).sort();
process.stdout.write(
  `${path.relative(process.cwd(), out) || out}/: ${stacks.length} stacks: ${stacks.join(", ")}\n`,
);
