// Shared helpers of the node tests: the package under test and the fixtures.
import { readFileSync } from "node:fs";
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
