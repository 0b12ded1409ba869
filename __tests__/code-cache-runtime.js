// Speed (docs/speed.md): jest's module runtime, with V8's code cache. jest gives every test file a
// fresh module registry, so cdktf, the provider bindings, zod and the project were compiled again
// for each of the 110 files. Here a worker keeps the code cache V8 produces the first time it
// compiles a source and hands it to the next compile of the same source (key: file name and
// content); V8 rejects a cache that does not match, and the source is then compiled as before.
// The modules still run afresh per test file, in the file's own context: only the compile is
// shared. jest.config.js names this file as its `runtime`; with a jest whose runtime has no
// compile step of its own to wrap, it is jest's runtime unchanged.
const crypto = require("crypto");
const vm = require("vm");
const Runtime = require("jest-runtime").default;

/** Code caches of this worker, by a hash of file name and source. */
const codeCaches = new Map();
/**
 * At most this many bytes of caches per worker, the first sources compiled (cdktf, the provider
 * bindings, the project): the caches live outside the heap that jest measures to recycle a worker
 * (workerIdleMemoryLimit), and all of them came to about 80 MB.
 */
const CACHE_BYTES = 48 << 20;
let cachedBytes = 0;
/** What the caches did in this worker (read by the test of this file). */
const stats = { produced: 0, used: 0, rejected: 0 };

/** Sources compiled without a cache, whose cache is made once the test file ran (see teardown). */
const pending = new Map();

function compileWithCache(executor, jestCompile, scriptSource, filename) {
  const vmContext = executor.environment.getVmContext();
  if (vmContext == null || executor.resolution.isCoreModule(filename)) {
    return jestCompile(scriptSource, filename);
  }
  const key = crypto.createHash("sha256").update(filename).update("\0").update(scriptSource);
  const digest = key.digest("base64");
  const cachedData = codeCaches.get(digest);
  const prefix = `({"Object.<anonymous>":function(${executor.injectedModuleParameters.join(",")}){`;
  let script;
  try {
    script = new vm.Script(`${prefix}${scriptSource}\n}});`, {
      filename,
      columnOffset: -prefix.length,
      cachedData,
      importModuleDynamically: (specifier, _script, attributes, ...rest) =>
        executor.dynamicImport(specifier, filename, vmContext, attributes, rest[0]),
    });
  } catch {
    // jest's own compile reports the error (a syntax error, an ES module) as it always does.
    return jestCompile(scriptSource, filename);
  }
  if (cachedData === undefined) pending.set(digest, script);
  else if (script.cachedDataRejected) {
    cachedBytes -= cachedData.length;
    codeCaches.delete(digest);
    stats.rejected++;
  } else stats.used++;
  return script.runInContext(vmContext)["Object.<anonymous>"];
}

/** Caches made after the test file ran hold every function it compiled, not the top level alone. */
function producePending() {
  for (const [digest, script] of pending) {
    if (cachedBytes >= CACHE_BYTES) break;
    const data = script.createCachedData();
    codeCaches.set(digest, data);
    cachedBytes += data.length;
    stats.produced++;
  }
  pending.clear();
}

class CodeCacheRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    if (!executor || typeof executor.compile !== "function") return;
    const jestCompile = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) =>
      compileWithCache(executor, jestCompile, scriptSource, filename);
  }

  teardown() {
    producePending();
    super.teardown();
  }
}

CodeCacheRuntime.codeCacheStats = stats;
// For the test of this file (test-infrastructure.test.ts).
CodeCacheRuntime.compileWithCache = compileWithCache;
CodeCacheRuntime.producePending = producePending;
module.exports = CodeCacheRuntime;
