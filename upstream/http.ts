/**
 * The upstream check's one way to the network: GET requests with a timeout each, a bounded
 * number in flight, one request per URL (environments share their answers), every base URL
 * overridable by an environment variable, and every failure sorted into what the report says.
 */

/** Per request, in milliseconds: GKE_ISTIO_UPSTREAM_TIMEOUT_MS. */
export const DEFAULT_TIMEOUT_MS = 5000;
/** Requests in flight at once. */
export const DEFAULT_CONCURRENCY = 6;
export const TIMEOUT_ENV_VAR = "GKE_ISTIO_UPSTREAM_TIMEOUT_MS";
/** `GKE_ISTIO_UPSTREAM_URL_<HOST>` replaces `https://<host>`: the host upper-cased, every other character `_`. */
export const URL_ENV_VAR_PREFIX = "GKE_ISTIO_UPSTREAM_URL_";

/** The variable that replaces a host's base URL: `registry-1.docker.io` → `GKE_ISTIO_UPSTREAM_URL_REGISTRY_1_DOCKER_IO`. */
export const baseUrlVariable = (host: string) =>
  URL_ENV_VAR_PREFIX + host.toUpperCase().replace(/[^A-Z0-9]/g, "_");

/** Why a request gave no usable answer: the report words each kind differently. */
export type FailureKind = "unreachable" | "status" | "malformed";

export class UpstreamError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** The URL as configured (before any override), as the report prints it. */
    readonly url: string,
    readonly detail: string,
    readonly status?: number,
  ) {
    super(`${url}: ${detail}`);
    this.name = "UpstreamError";
  }
}

export interface HttpOptions {
  /** Where the overrides and the timeout are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default 6 */
  readonly concurrency?: number;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "name resolution failed",
  ENETUNREACH: "network unreachable",
  EHOSTUNREACH: "host unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed",
};

/** A network-level failure's words, or undefined when the error is something else. */
export function networkFailure(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown; name?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.name === "TimeoutError" || e.name === "AbortError") return "no answer in time";
    if (typeof e.code === "string" && NETWORK_CODES[e.code]) return NETWORK_CODES[e.code];
  }
  return undefined;
}

/** GETs for one run of the check; knows which hosts answered. */
export class Http {
  private readonly env: NodeJS.ProcessEnv;
  /** Per request, in milliseconds. */
  readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly cache = new Map<string, Promise<Answer>>();
  private readonly waiting: (() => void)[] = [];
  private inFlight = 0;
  /** Host → undefined once it answered, else why it did not. */
  readonly hosts = new Map<string, string | undefined>();
  requests = 0;

  constructor(options: HttpOptions = {}) {
    this.env = options.env ?? process.env;
    const timeout = Number(this.env[TIMEOUT_ENV_VAR]);
    this.timeoutMs = timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  /** The URL actually requested: the host's base URL replaced when its variable is set. */
  target(url: string): string {
    const parsed = new URL(url);
    const base = this.env[baseUrlVariable(parsed.host)];
    return base ? base.replace(/\/+$/, "") + parsed.pathname + parsed.search : url;
  }

  /** A GET's status, headers and text; throws UpstreamError("unreachable") on a network failure. */
  get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
    const key = `${url}\n${JSON.stringify(headers)}`;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.bounded(() => this.request(url, headers));
      this.cache.set(key, answer);
    }
    return answer;
  }

  /** A GET that must answer 2xx with JSON. */
  async json(url: string, headers: Record<string, string> = {}): Promise<unknown> {
    const answer = await this.get(url, { accept: "application/json", ...headers });
    ok(url, answer);
    try {
      return JSON.parse(answer.body);
    } catch {
      throw new UpstreamError("malformed", url, "the answer is not JSON");
    }
  }

  private async request(url: string, headers: Record<string, string>): Promise<Answer> {
    const host = new URL(url).host;
    this.requests++;
    try {
      const response = await fetch(this.target(url), {
        headers,
        redirect: "follow",
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = await response.text();
      this.hosts.set(host, undefined);
      return { status: response.status, headers: response.headers, body };
    } catch (e) {
      const why = networkFailure(e) ?? String((e as Error).message ?? e);
      this.recordFailure(host, why);
      throw new UpstreamError("unreachable", url, why);
    }
  }

  private async bounded<T>(run: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.concurrency)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      return await run();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  /** Records why a host failed, unless it answered before (then it is reachable). */
  recordFailure(host: string, why: string) {
    if (!this.hosts.has(host)) this.hosts.set(host, why);
  }

  /** Records a host that answered outside `get`. */
  recordAnswer(host: string) {
    this.hosts.set(host, undefined);
  }
}

/** The promise, or a TimeoutError after `ms` (for requests made by other libraries). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer in ${ms} ms`), { name: "TimeoutError" })),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Throws UpstreamError("status") unless the answer is 2xx. */
export function ok(url: string, answer: Answer) {
  if (answer.status < 200 || answer.status > 299)
    throw new UpstreamError("status", url, `answered HTTP ${answer.status}`, answer.status);
}
