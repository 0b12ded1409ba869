import * as fs from "fs";
import * as path from "path";
import {
  CONFIG_REFERENCE_DOC,
  configReferenceMarkdown,
  docWithReference,
} from "../../config/reference";

describe("the key table of docs/configuration.md", () => {
  test("matches the schema (run `npm run schema` after changing it)", () => {
    const doc = fs.readFileSync(path.join(__dirname, "../..", CONFIG_REFERENCE_DOC), "utf8");
    expect(doc).toBe(docWithReference(doc));
  });

  test("lists every key with its default", () => {
    const table = configReferenceMarkdown();
    expect(table).toContain(
      "| `cluster.releaseChannel` | `RAPID`, `REGULAR`, `STABLE`, `EXTENDED`, `UNSPECIFIED` | REGULAR |",
    );
    expect(table).toContain("| `nodePools[].name` | string | required |");
    expect(table).toContain("| `backend` | `local` or `gcs` or `cloud` | { type: local } |");
  });
});
