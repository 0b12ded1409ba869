// Writes config/environments.schema.json from the zod schema (`npm run schema`).
import * as fs from "fs";
import * as path from "path";
import { environmentFileJsonSchemaText } from "../config/json-schema";

const target = path.join(__dirname, "..", "config", "environments.schema.json");
fs.writeFileSync(target, environmentFileJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
