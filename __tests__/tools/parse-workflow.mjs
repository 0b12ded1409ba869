/* global process */
// Parses a GitHub Actions workflow with GitHub's own parser and schema (@actions/workflow-parser, ESM,
// hence this child process) and prints { errors, jobs } as JSON.
import * as fs from "node:fs";
import { register } from "node:module";

// The package imports its schema JSON without `with { type: "json" }`, as bundlers allow; Node wants it.
const jsonHook = `export async function load(url, context, next) {
  return next(url, url.endsWith(".json") ? { ...context, importAttributes: { type: "json" } } : context);
}`;
register(`data:text/javascript,${encodeURIComponent(jsonHook)}`);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } =
  await import("@actions/workflow-parser");

const file = process.argv[2];
const result = parseWorkflow(
  { name: file, content: fs.readFileSync(file, "utf8") },
  new NoOperationTraceWriter(),
);
const errors = result.context.errors.getErrors().map((e) => e.message);
let jobs = [];
if (errors.length === 0 && result.value) {
  const template = await convertWorkflowTemplate(result.context, result.value);
  errors.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
  jobs = (template.jobs ?? []).map((j) => ({
    id: j.id.value,
    needs: (j.needs ?? []).map((n) => n.value),
    steps: (j.steps ?? []).map((s) => ({ uses: s.uses?.value, run: s.run?.value, id: s.id })),
  }));
}
process.stdout.write(JSON.stringify({ errors, jobs }));
