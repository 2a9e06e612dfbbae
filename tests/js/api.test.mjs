// The JS API: loading, errors as Error objects with a name, no panic on bad input.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Calendar, RuleSet, deadline, jsonSchema } from "../../borgerraad-wasm/pkg/node/borgerraad_rules.js";
import { Register, formatNumber, sample } from "../../borgerraad-wasm/pkg/node/borgerraad_wasm.js";
import { thrown } from "./helpers.mjs";

/** @type {import("../../borgerraad-wasm/pkg/node/borgerraad_wasm.js").Inquiry} */
const good = {
  id: "J-1",
  citizen: "kqzv",
  received: "2022-03-01",
  municipality: "esbjerg",
  channel: "email",
  requester: "borger",
  kind: "vejledning",
  category: "borger-arbejdsmarked/jobcenter",
};

test("records round trip through fromRecords and toRecords", () => {
  const records = sample().toRecords();
  const back = Register.fromRecords(records);
  assert.equal(back.length, 3815);
  assert.deepEqual(back.toRecords(), records);
});

test("a validation error is an Error named ValidationError with structured fields", () => {
  const e = thrown(() => Register.fromRecords([good, { ...good, id: "J-2", closed: "2022-02-01" }]));
  assert.equal(e.name, "ValidationError");
  assert.equal(e.message, "records:2: record `J-2`: field `closed`: closed 2022-02-01 before it was received 2022-03-01");
  assert.deepEqual([e.source, e.line, e.record, e.field], ["records", 2, "J-2", "closed"]);
});

test("collect keeps the valid records and lists the rest as Errors", () => {
  const r = Register.fromRecords([good, { ...good, id: "J-2", category: "nowhere" }, good], { onError: "collect" });
  assert.equal(r.length, 1);
  assert.deepEqual(r.rejected.map((e) => [e.name, /** @type {any} */ (e).line]), [["ValidationError", 2], ["ValidationError", 3]]);
});

test("in collect mode a malformed row costs that row only, in CSV and JSON Lines", () => {
  // 999 rows; the third has a field too many (CSV) or is cut off (JSON Lines): 998 kept.
  const row = (/** @type {number} */ i) => `C-${i},kqzv,2022-03-01,esbjerg,email,borger,vejledning,teknik-miljoe`;
  const rows = Array.from({ length: 999 }, (_, k) => k + 1);
  const csv = ["id,citizen,received,municipality,channel,requester,kind,category", ...rows.map((i) => row(i) + (i === 3 ? ",surplus" : ""))].join("\n");
  const fromCsv = Register.fromCsv(csv, "in.csv", { onError: "collect" });
  // The header is line 1, so the third row is line 4.
  assert.deepEqual([fromCsv.length, fromCsv.rejected.map((e) => /** @type {any} */ (e).line)], [998, [4]]);
  const jsonl = rows.map((i) => (i === 3 ? '{"id": "C-3",' : JSON.stringify({ ...good, id: `C-${i}` }))).join("\n");
  const fromJsonl = Register.fromJsonl(jsonl, "in.jsonl", { onError: "collect" });
  assert.deepEqual([fromJsonl.length, fromJsonl.rejected.map((e) => /** @type {any} */ (e).line)], [998, [3]]);
});

test("every loader keeps to its memory budget, in collect mode too", () => {
  const records = [good, { ...good, id: "J-2" }, { ...good, id: "J-3" }];
  const jsonl = records.map((r) => JSON.stringify(r)).join("\n");
  const columns = Object.keys(good);
  const csv = [columns.join(","), ...records.map((r) => columns.map((c) => /** @type {any} */ (r)[c]).join(","))].join("\n");
  /** @type {Record<string, (onError: "raise" | "collect", budget: number) => Register>} */
  const loaders = {
    fromJsonl: (onError, budget) => Register.fromJsonl(jsonl, "in.jsonl", { onError, memoryBudget: budget }),
    fromCsv: (onError, budget) => Register.fromCsv(csv, "in.csv", { onError, memoryBudget: budget }),
    fromRecords: (onError, budget) => Register.fromRecords(records, { onError, memoryBudget: budget }),
  };
  for (const [name, load] of Object.entries(loaders)) {
    for (const onError of /** @type {const} */ (["raise", "collect"])) {
      // 100 bytes cannot hold even one record: the load is refused as a
      // whole, so no register comes back half-loaded.
      const e = thrown(() => load(onError, 100));
      assert.equal(e.name, "RangeError", name);
      assert.match(e.message, /memory budget of 100 bytes/, name);
      // A gigabyte holds three records many times over.
      const r = load(onError, 2 ** 30);
      assert.deepEqual([name, r.length, r.rejected.length], [name, 3, 0]);
    }
    for (const bad of [-1, 1.5, NaN]) {
      assert.equal(thrown(() => load("raise", bad)).name, "ParseError", `${name} ${bad}`);
    }
  }
});

test("a record with no JSON form is an error, not a skipped line", () => {
  const e = thrown(() => Register.fromRecords(/** @type {any} */ ([good, undefined])));
  assert.equal(e.name, "ParseError");
  assert.match(e.message, /record 2/);
  const d = thrown(() => RuleSet.esbjerg().decide(/** @type {any} */ (undefined)));
  assert.equal(d.name, "ParseError");
});

test("CSV and JSONL errors name the line and field", () => {
  const csv = "id,citizen,received,municipality,channel,requester,kind,category\nX-1,abc,2022-02-30,esbjerg,telefon,borger,vejledning,teknik-miljoe\n";
  const e = thrown(() => Register.fromCsv(csv, "export.csv"));
  assert.equal(e.name, "ParseError");
  assert.deepEqual([e.line, e.record, e.field], [2, "X-1", "received"]);
  const j = thrown(() => Register.fromJsonl('{"id":"A"}\n{', "x.jsonl"));
  assert.equal(j.name, "ParseError");
  assert.equal(j.line, 1);
});

test("every kind of error is an Error with its name", () => {
  assert.equal(thrown(() => Calendar.danish("weekend")).name, "UnknownError");
  assert.equal(thrown(() => sample().internal().breakdown(2022, "colour")).name, "UnknownError");
  assert.equal(thrown(() => RuleSet.fromJson('{"name":"x","label":{"da":"x","en":"x"},"rules":[]}')).name, "ConfigError");
  assert.equal(thrown(() => Calendar.danish().addWorkingDays("2200-12-30", 5)).name, "RangeError");
  assert.equal(thrown(() => sample().internal().yearSummary(1999)).name, "RangeError");
  assert.equal(thrown(() => deadline("nope", "2024-01-01")).name, "UnknownError");
  const wrong = thrown(() => RuleSet.esbjerg().decide(/** @type {any} */ ({ id: 1 })));
  assert.deepEqual([wrong.name, wrong.field], ["ParseError", "id"]);
  assert.equal(thrown(() => jsonSchema("nope")).name, "UnknownError");
});

test("bad input never panics: only typed errors", () => {
  /** @type {unknown[]} */
  const junk = ["", "{", "null", "[]", '{"id":"x"}', "\u0000", "a,b\n1,2", "id\n\n", '{"id":"x","received":"99999-01-01"}', "x".repeat(100000)];
  let seed = 7;
  for (let i = 0; i < 300; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const base = JSON.stringify({ ...good, id: `R${i}` });
    const cut = seed % base.length;
    junk.push(base.slice(0, cut) + String.fromCharCode(seed % 128) + base.slice(cut + 1));
  }
  const kinds = new Set(["ParseError", "ValidationError", "UnknownError", "ConfigError", "RangeError"]);
  for (const text of junk) {
    for (const load of [() => Register.fromJsonl(String(text)), () => Register.fromCsv(String(text)), () => RuleSet.fromJson(String(text))]) {
      try {
        load();
      } catch (e) {
        assert.ok(e instanceof Error, `threw a non-Error for ${String(text).slice(0, 40)}`);
        assert.ok(kinds.has(e.name), `${e.name}: ${e.message.slice(0, 80)}`);
      }
    }
  }
  for (const bad of [null, 1, "x", [1], { id: "x", received: 5 }, { ...good, received: "2022-02-30" }]) {
    const e = thrown(() => Register.fromRecords(/** @type {any} */ ([bad])));
    assert.ok(kinds.has(e.name), e.name);
  }
  for (const d of ["", "2024-13-01", "1699-12-31", "x"]) {
    assert.ok(kinds.has(thrown(() => Calendar.danish().addWorkingDays(d, 1)).name));
  }
});

test("charts and formats come from the core", () => {
  const svg = sample().monthlyChartSvg([2021, 2022]);
  assert.match(svg, /^<svg/);
  assert.match(svg, /Marts 2022: 86/);
  assert.match(sample().breakdownChartSvg(2022, "area"), /Direktørområde 2022/);
  assert.equal(formatNumber(49.583333), "49,58");
  assert.equal(formatNumber(1234.5, "en"), "1,234.5");
  assert.match(jsonSchema("inquiry"), /digital_post/);
});

test("a loader's options are one object; an unknown option or a wrong type is a ParseError naming it", () => {
  const jsonl = JSON.stringify(good);
  assert.equal(Register.fromJsonl(jsonl, "in.jsonl", { onError: "collect", profile: "esbjerg" }).length, 1);
  const typo = thrown(() => Register.fromJsonl(jsonl, "in.jsonl", /** @type {any} */ ({ onerror: "collect" })));
  assert.equal(typo.name, "ParseError");
  assert.match(typo.message, /unknown option `onerror`/);
  const wrong = thrown(() => Register.fromCsv("", "in.csv", /** @type {any} */ ({ memoryBudget: "1 GB" })));
  assert.equal(wrong.name, "ParseError");
  assert.match(wrong.message, /memoryBudget/);
  assert.equal(thrown(() => Register.fromRecords([good], /** @type {any} */ ("collect"))).name, "ParseError");
});

// The core's id fingerprint (base/hash.rs) written out again with BigInt, and
// ids of 16 printable characters crafted to share it: the second 8-byte word
// is chosen so that the state after it is one constant (as in the Python test).
const MASK = (1n << 64n) - 1n;
const rotl = (/** @type {bigint} */ x, /** @type {bigint} */ n) => ((x << n) | (x >> (64n - n))) & MASK;
const word = (/** @type {Uint8Array} */ b) => b.reduceRight((w, byte) => (w << 8n) | BigInt(byte), 0n);
const M1 = 0xbf58476d1ce4e5b9n;
const M2 = 0x94d049bb133111ebn;
const fingerprint = (/** @type {string} */ key) => {
  const b = new TextEncoder().encode(key);
  let h = 0x9e3779b97f4a7c15n ^ BigInt(b.length);
  const whole = Math.floor(b.length / 8) * 8;
  for (let i = 0; i < whole; i += 8) h = ((rotl(h, 23n) ^ word(b.subarray(i, i + 8))) * M1) & MASK;
  h = ((rotl(h, 23n) ^ word(b.subarray(whole))) * M2) & MASK;
  h = ((h ^ (h >> 30n)) * M1) & MASK;
  h = ((h ^ (h >> 27n)) * M2) & MASK;
  return h ^ (h >> 31n);
};
const inverse = (/** @type {bigint} */ a) => {
  // Newton's iteration for the inverse of an odd number modulo 2^64.
  let x = a;
  for (let i = 0; i < 6; i++) x = (x * (2n - a * x)) & MASK;
  return x;
};
const collidingIds = (/** @type {number} */ k) => {
  const h0 = rotl(0x9e3779b97f4a7c15n ^ 16n, 23n);
  const kWord = (0x0123456789abcdefn * inverse(M1)) & MASK;
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const ids = [];
  for (let n = 1; ids.length < k; n++) {
    const first = Array.from({ length: 8 }, (_, i) => letters[Math.floor(n / 52 ** i) % 52]).join("");
    const h1 = ((h0 ^ word(new TextEncoder().encode(first))) * M1) & MASK;
    const second = rotl(h1, 23n) ^ kWord;
    const bytes = Array.from({ length: 8 }, (_, i) => Number((second >> BigInt(8 * i)) & 0xffn));
    if (bytes.every((c) => c >= 0x21 && c <= 0x7e)) ids.push(first + String.fromCharCode(...bytes));
  }
  return ids;
};

test("ids crafted to share a fingerprint are told apart", () => {
  const ids = collidingIds(200);
  assert.equal(new Set(ids).size, 200);
  assert.equal(new Set(ids.map(fingerprint)).size, 1);
  // 200 records with these ids, then the 8th again: collecting refuses line 201 only.
  const records = [...ids, ids[7]].map((id) => ({ ...good, id }));
  const r = Register.fromRecords(records, { onError: "collect" });
  assert.equal(r.length, 200);
  assert.deepEqual(r.rejected.map((e) => [/** @type {any} */ (e).line, /** @type {any} */ (e).field]), [[201, "id"]]);
  assert.equal(thrown(() => Register.fromRecords(records)).name, "ValidationError");
});
