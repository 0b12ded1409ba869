// Speed (docs/speed.md): jest's module runtime, with V8's code cache. jest gives every test file a
// fresh module registry, so cdktf, the provider bindings, zod and the project were compiled again
// for each of the 110 files. Here a worker keeps the code cache V8 produces the first time it
// compiles a source and hands it to the next compile of the same source (key: file name and
// content); V8 rejects a cache that does not match, and the source is then compiled as before.
// The modules still run afresh per test file, in the file's own context: only the compile is
// shared. jest.config.js names this file as its `runtime`; with a jest whose runtime has no
// compile step of its own to wrap, it is jest's runtime unchanged.
//
// The worker also keeps the text of every file under node_modules it read: jest reads each module's
// file again for each test file (the provider bindings are megabytes), and installed packages do not
// change during a run. A cache is found by file name and used only when the source is the very same
// text (no hash: hashing every source on every compile cost more than a second a run).
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const Runtime = require("jest-runtime").default;

/** Code caches of this worker, by file name: `{ source, data }`, the source the cache was made from. */
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
  const known = codeCaches.get(filename);
  const cachedData = known !== undefined && known.source === scriptSource ? known.data : undefined;
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
  if (cachedData === undefined) pending.set(filename, { script, source: scriptSource });
  else if (script.cachedDataRejected) {
    cachedBytes -= cachedData.length;
    codeCaches.delete(filename);
    stats.rejected++;
  } else stats.used++;
  return script.runInContext(vmContext)["Object.<anonymous>"];
}

/** Caches made after the test file ran hold every function it compiled, not the top level alone. */
function producePending() {
  for (const [filename, { script, source }] of pending) {
    if (cachedBytes >= CACHE_BYTES) break;
    const data = script.createCachedData();
    cachedBytes += data.length - (codeCaches.get(filename)?.data.length ?? 0);
    codeCaches.set(filename, { source, data });
    stats.produced++;
  }
  pending.clear();
}

/** Texts of the files under node_modules this worker read, by file name. */
const installedSources = new Map();
const INSTALLED = `${path.sep}node_modules${path.sep}`;

/** Has jest's file cache of one test file read installed files through the worker's. */
function shareInstalledSources(fileCache) {
  if (!fileCache || typeof fileCache.readFile !== "function") return;
  const readOwn = fileCache.readFile.bind(fileCache);
  fileCache.readFile = (filename) => {
    if (!filename.includes(INSTALLED)) return readOwn(filename);
    let source = installedSources.get(filename);
    if (source === undefined) {
      source = fs.readFileSync(filename, "utf8");
      installedSources.set(filename, source);
    }
    return source;
  };
}

class CodeCacheRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    shareInstalledSources(this.fileCache);
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
CodeCacheRuntime.shareInstalledSources = shareInstalledSources;
module.exports = CodeCacheRuntime;
