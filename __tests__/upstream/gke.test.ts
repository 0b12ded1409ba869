// upstream/gke.ts with the real google-auth-library in this process, without credentials. The
// token exchange itself runs in the command's own process (__tests__/commands/upstream.test.ts):
// gaxios imports its fetch dynamically, which jest's module sandbox refuses.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { applicationDefaultCredentials, CredentialsError } from "../../upstream/gke";
import { Http } from "../../upstream/http";

const URL = "https://container.googleapis.com/v1/projects/p/locations/l/serverConfig";
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

test("a credentials file that does not exist: a CredentialsError with the library's first line", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-adc-"));
  process.env.GOOGLE_APPLICATION_CREDENTIALS = path.join(dir, "missing.json");
  process.env.METADATA_SERVER_DETECTION = "none";
  try {
    const error = await applicationDefaultCredentials(new Http({ env: {} }))("p", URL).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).detail).toMatch(/missing\.json/);
    expect((error as CredentialsError).detail).not.toContain("\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
