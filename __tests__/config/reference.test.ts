import * as fs from "fs";
import * as path from "path";
import { configReferenceMarkdown, readmeWithReference } from "../../config/reference";

describe("the README's key table", () => {
  test("matches the schema (run `npm run schema` after changing it)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    expect(readme).toBe(readmeWithReference(readme));
  });

  test("lists every key with its default", () => {
    const table = configReferenceMarkdown();
    expect(table).toContain(
      "| `cluster.releaseChannel` | `RAPID`, `REGULAR`, `STABLE`, `EXTENDED`, `UNSPECIFIED` | REGULAR |",
    );
    expect(table).toContain("| `nodePools[].name` | string | required |");
    expect(table).toContain("| `backend` | `local` or `gcs` | { type: local } |");
  });
});
