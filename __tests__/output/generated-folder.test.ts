// output/generated-folder.ts, in-process: the end-to-end runs of `npm run generated` are in
// __tests__/commands/generated.test.ts.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { removeEmptyFolders, tree, treeDifferences } from "../../output/generated-folder";

let dir: string;
const write = (file: string, text = "x") => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "generated-folder-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("tree: stacks/ and README.md, without Terraform's own files or anything else", () => {
  write("stacks/a/cdk.tf.json", "{}");
  write("stacks/a/.terraform.lock.hcl");
  write("stacks/a/.terraform/providers/p");
  write("stacks/a/terraform.tfstate");
  write("stacks/a/terraform.tfstate.backup");
  write("stacks/a/.terraform.tfstate.lock.info");
  write("README.md", "# index");
  write("notes.txt");
  expect([...tree(dir).entries()]).toEqual([
    ["stacks/a/cdk.tf.json", "{}"],
    ["README.md", "# index"],
  ]);
  expect(tree(path.join(dir, "missing")).size).toBe(0);
});

test("treeDifferences: added, changed and removed, sorted by file name", () => {
  const current = new Map([
    ["b", "1"],
    ["c", "1"],
    ["d", "1"],
  ]);
  const fresh = new Map([
    ["a", "1"],
    ["c", "2"],
    ["d", "1"],
  ]);
  expect(treeDifferences(fresh, current)).toEqual(["added:   a", "removed: b", "changed: c"]);
  expect(treeDifferences(current, current)).toEqual([]);
});

test("removeEmptyFolders: empty folders go, deepest first; a folder with a file stays", () => {
  fs.mkdirSync(path.join(dir, "stacks", "gone", "deeper"), { recursive: true });
  write("stacks/kept/.terraform.lock.hcl");
  removeEmptyFolders(path.join(dir, "stacks"));
  expect(fs.readdirSync(path.join(dir, "stacks"))).toEqual(["kept"]);
  removeEmptyFolders(path.join(dir, "nothing-here"));
});
