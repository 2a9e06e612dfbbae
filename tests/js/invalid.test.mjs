// Replays the shared invalid inputs: each gives its error kind (and line and
// field where named) as an Error object, and nothing panics.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Calendar, RuleSet, Taxonomy } from "../../borgerraad-wasm/pkg/node/borgerraad_rules.js";
import { Register } from "../../borgerraad-wasm/pkg/node/borgerraad_wasm.js";
import { fixture, fixtures, thrown } from "./helpers.mjs";

const { cases } = fixture("invalid/cases.json");

/** @param {{file: string, format: string, as_of?: string}} c */
function load(c) {
  const bytes = readFileSync(`${fixtures}invalid/${c.file}`);
  const text = bytes.toString("utf8");
  switch (c.format) {
    case "jsonl":
      return Register.fromJsonl(bytes, c.file, { asOf: c.as_of });
    case "csv":
      return Register.fromCsv(bytes, c.file, { asOf: c.as_of });
    case "records":
      return Register.fromRecords(JSON.parse(text), { asOf: c.as_of });
    case "taxonomy":
      return Taxonomy.fromJson(text);
    case "ruleset":
      return RuleSet.fromJson(text);
    case "regime":
      return Calendar.fromJson(text);
    default:
      throw new Error(`unknown format ${c.format}`);
  }
}

/**
 * The message and attributes of `e` hold no digit of another script, and
 * their ASCII digits, one after another, never hold `secret`.
 * @param {Error & {source?: string | null, record?: string | null, field?: string | null}} e
 * @param {string} secret
 */
export function assertNeverRepeated(e, secret) {
  for (const text of [e.message, e.source, e.record, e.field]) {
    if (text == null) continue;
    assert.ok(!/[^\P{Nd}0-9]/u.test(text), text);
    assert.ok(!text.replace(/[^0-9]/g, "").includes(secret), text);
  }
}

test("at least 40 invalid inputs", () => assert.ok(cases.length >= 40));

for (const c of cases) {
  test(`invalid: ${c.file}`, () => {
    const e = thrown(() => load(c));
    assert.equal(e.name, c.kind, e.message);
    if ("line" in c) assert.equal(e.line, c.line, e.message);
    if ("field" in c) assert.equal(e.field, c.field, e.message);
    if ("secret" in c) assertNeverRepeated(e, c.secret);
  });
}
