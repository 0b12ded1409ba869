// A local stand-in for every host `npm run upstream` reads: a node http server on 127.0.0.1 (a
// random port) answering with the answers in fixtures/, shaped after the real services' answers.
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as path from "path";
import { baseUrlVariable } from "../../upstream/http";

const FIXTURES = path.join(__dirname, "fixtures");
export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

/** Every host the check reads for the default environment file. */
export const UPSTREAM_HOSTS = [
  "blob.istio.io",
  "registry-1.docker.io",
  "auth.docker.io",
  "ghcr.io",
  "container.googleapis.com",
  "registry.terraform.io",
];

export interface Answer {
  readonly status?: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** Path (without the query) → answer; a function sees the request. */
export type Routes = Record<string, Answer | ((req: http.IncomingMessage) => Answer | undefined)>;

const ANONYMOUS_TOKEN = "anonymous-pull-token";
const json = (value: unknown): Answer => ({
  body: JSON.stringify(value),
  headers: { "content-type": "application/json" },
});

/** Answers a registry's tag list only with the anonymous token, as Docker Hub and ghcr.io do. */
function registry(realm: string, service: string, tags: () => string): Routes[string] {
  return (req): Answer =>
    req.headers.authorization === `Bearer ${ANONYMOUS_TOKEN}`
      ? { body: tags(), headers: { "content-type": "application/json" } }
      : {
          status: 401,
          body: JSON.stringify({ errors: [{ code: "UNAUTHORIZED" }] }),
          headers: {
            "www-authenticate": `Bearer realm="${realm}",service="${service}",scope="repository:${req.url!.split("/v2/")[1].split("/tags/")[0]}:pull"`,
          },
        };
}

/** The recorded answers for the default environment file, every check passing. */
export function defaultRoutes(): Routes {
  const routes: Routes = {
    "/istio-release/charts/index.yaml": { body: fixture("index.yaml") },
    "/token": (req) =>
      new URL(req.url!, "http://x").searchParams.get("scope")?.endsWith(":pull")
        ? json({ token: ANONYMOUS_TOKEN })
        : { status: 400, body: "no scope" },
  };
  for (const image of ["pilot", "proxyv2", "install-cni", "ztunnel"]) {
    routes[`/v2/istio/${image}/tags/list`] = registry(
      "https://auth.docker.io/token",
      "registry.docker.io",
      () => fixture(`tags-${image}.json`),
    );
  }
  for (const chart of ["base", "istiod", "gateway", "cni", "ztunnel"]) {
    routes[`/v2/istio/release/charts/${chart}/tags/list`] = registry(
      "https://ghcr.io/token",
      "ghcr.io",
      () =>
        JSON.stringify({
          name: `istio/release/charts/${chart}`,
          tags: ["1.30.4", "1.30.5", "1.31.2"],
        }),
    );
  }
  for (const location of ["us-central1", "europe-west1"]) {
    routes[`/v1/projects/my-gcp-project/locations/${location}/serverConfig`] = (req) =>
      req.headers.authorization?.startsWith("Bearer ")
        ? { body: fixture("server-config.json") }
        : { status: 401, body: JSON.stringify({ error: { code: 401 } }) };
  }
  for (const provider of ["google", "google-beta", "helm", "kubernetes"]) {
    routes[`/v1/providers/hashicorp/${provider}/versions`] = {
      body: fixture(`provider-${provider}.json`),
    };
  }
  // The token exchange of an external_account credential (Workload Identity Federation).
  routes["/sts"] = json({
    access_token: "federated-access-token",
    issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
    token_type: "Bearer",
    expires_in: 3600,
  });
  return routes;
}

export class FakeUpstream {
  /** Every request: method and path with query. */
  readonly requests: string[] = [];
  maxInFlight = 0;
  private inFlight = 0;

  private constructor(
    readonly routes: Routes,
    private readonly server: http.Server,
    /** Milliseconds before each answer. */
    public delay = 0,
  ) {}

  static async start(routes: Routes = defaultRoutes()): Promise<FakeUpstream> {
    const server = http.createServer();
    const fake = new FakeUpstream(routes, server);
    server.on("request", (req, res) => fake.answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The variables that send each host's requests here. */
  env(hosts = UPSTREAM_HOSTS): Record<string, string> {
    return Object.fromEntries(hosts.map((h) => [baseUrlVariable(h), this.url]));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse) {
    this.requests.push(`${req.method} ${req.url}`);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    req.resume();
    req.on("end", () =>
      setTimeout(() => {
        const route = this.routes[req.url!.split("?")[0]];
        const answer = (typeof route === "function" ? route(req) : route) ?? {
          status: 404,
          body: JSON.stringify({ errors: [{ code: "NOT_FOUND" }] }),
        };
        this.inFlight--;
        res.writeHead(answer.status ?? 200, answer.headers ?? {});
        res.end(answer.body);
      }, this.delay).unref(),
    );
  }
}

/** A port on 127.0.0.1 where nothing listens: connections are refused. */
export async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
