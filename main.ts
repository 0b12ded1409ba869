import { App } from "cdktf";
import { ConfigError, loadConfig } from "./config/load";
import { SELECT_ENV_VAR } from "./config/select";
import { checkPolicy } from "./policy/check-policy";
import { addEnvironments } from "./stacks/environment-stacks";

// Validate the whole file before any stack exists, so bad input writes nothing.
let config;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  const what = e.file === SELECT_ENV_VAR ? SELECT_ENV_VAR : "environment file";
  process.stderr.write(`Invalid ${what}, nothing was synthesized:\n${e.message}\n`);
  process.exit(1);
}

// No stack traces in manifest.json: they hold absolute paths (synth warnings would add them).
const app = new App({ stackTraces: false });
addEnvironments(app, config.environments);
checkPolicy(app); // exits with one line per violation before anything is written
app.synth();
