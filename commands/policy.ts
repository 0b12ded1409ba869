// `npm run policy`: the policy rule table, the same one docs/security.md carries.
import { ruleTableMarkdown } from "../policy/rule-table";

process.stdout.write(`${ruleTableMarkdown()}\n`);
