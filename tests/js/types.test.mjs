// The TypeScript types are generated from the Rust types' JSON Schemas and fresh.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { generate } from "./gen-types.mjs";
import { root } from "./helpers.mjs";

test("borgerraad-wasm/types.d.ts is generated from schema/ and fresh", async () => {
  assert.equal(readFileSync(`${root}borgerraad-wasm/types.d.ts`, "utf8"), await generate());
});

test("the package's .d.ts includes the generated types", () => {
  const dts = readFileSync(`${root}borgerraad-wasm/pkg/node/borgerraad_wasm.d.ts`, "utf8");
  for (const name of ["interface Inquiry", "interface YearSummary", "yearSummary(year: number): YearSummary", "publishedReport(", "interface PublishedReport", "fromRecords(records: Inquiry[]"]) {
    assert.ok(dts.includes(name), name);
  }
  const rules = readFileSync(`${root}borgerraad-wasm/pkg/node/borgerraad_rules.d.ts`, "utf8");
  for (const name of ["interface Inquiry", "decide(record: Inquiry): Decision", "readonly trace: Trace", "export function deadlineRules(): Rule[]"]) {
    assert.ok(rules.includes(name), name);
  }
});
