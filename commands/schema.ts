// `npm run schema`: writes config/environments.schema.json and the key table of docs/configuration.md
// from the zod schema.
import * as fs from "fs";
import * as path from "path";
import { environmentFileJsonSchemaText } from "../config/json-schema";
import { CONFIG_REFERENCE_DOC, docWithReference } from "../config/reference";

const root = path.join(__dirname, "..");
fs.writeFileSync(
  path.join(root, "config", "environments.schema.json"),
  environmentFileJsonSchemaText(),
);
const doc = path.join(root, CONFIG_REFERENCE_DOC);
fs.writeFileSync(doc, docWithReference(fs.readFileSync(doc, "utf8")));
console.log(`wrote config/environments.schema.json and the key table of ${CONFIG_REFERENCE_DOC}`);
