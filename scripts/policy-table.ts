// `npm run policy`: the policy rule table, the same one README.md carries.
import { ruleTableMarkdown } from "../policy/rule-table";

process.stdout.write(`${ruleTableMarkdown()}\n`);
