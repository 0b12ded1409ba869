// `npm run upstream`: reads, online, what every environment of the environment file takes from
// upstream (chart repository, hub, GKE's versions, the Terraform registry) and says what moved.
// Exit 0 clean, 1 on problems, 2 offline. The logic is upstream/check-upstream.ts; overrides of
// every base URL are in docs/team-workflow.md ("Hearing when upstream moves").
import { ConfigError, loadConfig } from "../config/load";
import { checkUpstream } from "../upstream/check-upstream";

async function main(): Promise<number> {
  let environments;
  try {
    ({ environments } = loadConfig());
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`Invalid environment file, nothing was checked:\n${e.message}`);
    return 1;
  }
  const report = await checkUpstream(environments);
  for (const line of report.lines) console.log(line);
  return report.exitCode;
}

main().then((code) => process.exit(code));
