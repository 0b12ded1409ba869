// `npm run schema`: writes config/environments.schema.json and the README's key table from the zod schema.
import * as fs from "fs";
import * as path from "path";
import { environmentFileJsonSchemaText } from "../config/json-schema";
import { readmeWithReference } from "../config/reference";

const root = path.join(__dirname, "..");
fs.writeFileSync(
  path.join(root, "config", "environments.schema.json"),
  environmentFileJsonSchemaText(),
);
const readme = path.join(root, "README.md");
fs.writeFileSync(readme, readmeWithReference(fs.readFileSync(readme, "utf8")));
console.log("wrote config/environments.schema.json and the key table of README.md");
