// `npm run graph`: writes docs/environments.md (one Mermaid diagram per environment of the environment
// file, drawn from the synthesized stacks) and the `mesh` environment's diagram in README.md.
//   npm run graph -- --check   writes nothing; exits 1 when either file is stale
import * as fs from "fs";
import * as path from "path";
import { graphDocuments } from "../output/graph-documents";

const root = path.resolve(__dirname, "..");
const check = process.argv.includes("--check");
const stale: string[] = [];
for (const [file, text] of Object.entries(graphDocuments(root))) {
  const abs = path.join(root, file);
  const current = fs.existsSync(abs) ? fs.readFileSync(abs, "utf8") : undefined;
  if (current === text) continue;
  stale.push(file);
  if (!check) fs.writeFileSync(abs, text);
}
if (check && stale.length) {
  console.error(`stale, run \`npm run graph\` and commit the result: ${stale.join(", ")}`);
  process.exit(1);
}
console.log(
  stale.length
    ? `${check ? "stale" : "wrote"}: ${stale.join(", ")}`
    : "docs/environments.md and README.md are up to date",
);
