// Shared helpers of the node and browser tests: the package under test, the
// fixtures, a static server and Debian's Chromium.
import { createReadStream, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const fixtures = `${root}tests/fixtures/`;

/** @param {string} name */
export function fixture(name) {
  return JSON.parse(readFileSync(`${fixtures}${name}`, "utf8"));
}

/** @param {string} name */
export function fixtureText(name) {
  return readFileSync(`${fixtures}${name}`, "utf8");
}

/**
 * Runs `f` and returns what it threw (failing when it did not throw).
 * @param {() => unknown} f
 * @returns {Error & {line?: number | null, record?: string | null, field?: string | null, source?: string | null}}
 */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof Error)) throw new Error(`threw a non-Error: ${String(e)}`);
    return e;
  }
  throw new Error("did not throw");
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };

/**
 * A static server of the folder `dir` on 127.0.0.1.
 * @param {string} dir
 * @returns {Promise<{url: string, close: () => void}>}
 */
export function serve(dir) {
  const base = dir.endsWith("/") ? dir : `${dir}/`;
  const server = createServer((req, res) => {
    const path = normalize(join(base, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    const file = path.endsWith("/") ? join(path, "index.html") : path;
    if (!file.startsWith(base) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

/** Debian's Chromium (`/usr/bin/chromium`), headless, driven by playwright-core. */
export async function chromiumContext() {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "chromium-")), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
