// `npm run fuzz -- --runs N [--seed S] [--validate M]` (M: validate and render only the first M accepted files): the property-based test of the whole app at any size.
// Every file the generator makes is either accepted (every stack synthesizes, passes the real
// terraform validate, and its Helm releases render) or refused (one line per problem, no stack
// trace, nothing written). A failure prints the seed and the shrunk file (validate and render
// failures, checked in one batch after the run, print the file as generated).
import * as fs from "fs";
import { stringify } from "yaml";
import { checkAccepted, fuzz } from "../__tests__/fuzz-environments";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const runs = option("--runs") ?? 100;
/** How many accepted files go through terraform validate and Helm (the batch is the slow part). */
const validate = option("--validate") ?? Infinity;
const seed = option("--seed") ?? Math.floor(Math.random() * 2 ** 31);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error("usage: npm run fuzz -- --runs <N> [--seed <S>]");
  process.exit(2);
}

const run = fuzz(runs, seed, (i) => i < validate);
try {
  console.log(
    `seed ${seed}: ${runs} files, ${runs - run.refused} accepted, ${run.refused} refused`,
  );
  if (run.failure) {
    console.error(`FAILED (rerun with --seed ${seed}):\n${run.failure}`);
    process.exit(1);
  }
  const checked = checkAccepted(run);
  console.log(
    `terraform validate: ${checked.validateSkipped ? `skipped (${checked.validateSkipped})` : `${checked.validated} stacks of ${run.accepted.length} accepted files`}; ` +
      `helm render: ${checked.rendered} distinct releases rendered, ${checked.renderSkipped} skipped`,
  );
  for (const f of checked.failures) {
    console.error(`FAILED case ${f.index} (seed ${seed}): ${f.problem}\n${stringify(f.file)}`);
  }
  if (checked.failures.length > 0) process.exit(1);
} finally {
  fs.rmSync(run.root, { recursive: true, force: true });
}
