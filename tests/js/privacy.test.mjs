// Privacy in the JS front: CPR columns are pseudonymised on loading and
// never appear in any output; data-subject rights; published tables.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Calendar } from "../../borgerraad-wasm/pkg/node/borgerraad_rules.js";
// The whole register: borgerraad/sheet, which carries the GDPR operations
// (subject access, rectification, erasure) that the first module leaves out.
import { Register, sample } from "../../borgerraad-wasm/pkg/node/borgerraad_sheet.js";
import { fixture, thrown } from "./helpers.mjs";

const CPR_SHAPE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d\d-?\d{4}(?!\d)/;
const csv = [
  "id,cpr,received,municipality,channel,requester,kind,category",
  "C-1,010190-1234,2022-01-03,esbjerg,telefon,borger,vejledning,teknik-miljoe",
  "C-2,2512871235,2022-01-04,esbjerg,telefon,borger,klage,teknik-miljoe",
  "C-3,0101901234,2022-02-01,esbjerg,telefon,borger,klage,teknik-miljoe",
].join("\n");

test("a cpr column is refused without a secret and pseudonymised with one", () => {
  assert.match(thrown(() => Register.fromCsv(csv, "x.csv")).message, /`cpr` column is refused/);
  const r = Register.fromCsv(csv, "x.csv", { cprSecret: "the office's secret key" });
  const records = r.toRecords();
  assert.equal(records[0].citizen, records[2].citizen, "both spellings give one key");
  assert.equal(r.subjectAccess(records[0].citizen).length, 2);
  const outputs = [
    JSON.stringify(records), r.toJsonl(), JSON.stringify(r.internal().yearSummary(2022)), JSON.stringify(r.internal().monthlyTable([2022])), JSON.stringify(r.publishedReport([2022], [2022], [[2022, "kind"]])), ...r.publishedCharts([2022], [2022], [[2022, "kind"]]),
    JSON.stringify(r.internal().breakdown(2022, "kind")), r.monthlyChartSvg([2022]), r.breakdownChartSvg(2022, "kind"),
    JSON.stringify(r.publishedBreakdown(2022, "kind")),
  ];
  for (const text of outputs) assert.doesNotMatch(text, CPR_SHAPE);
  const bad = thrown(() => Register.fromCsv(csv.replace("010190-1234", "310290-1234"), "x.csv", { cprSecret: "the office's secret key" }));
  assert.deepEqual([bad.name, bad.line, bad.field], ["ParseError", 2, "cpr"]);
  assert.doesNotMatch(bad.message, /310290/);
});

test("a CPR number given where a date belongs is not repeated in the error", () => {
  const e = thrown(() => Calendar.danish().isWorkingDay("010190-1234"));
  assert.deepEqual([e.name, e.source], ["ParseError", "date"]);
  assert.doesNotMatch(e.message, /0190/);
  const asOf = thrown(() => Register.fromJsonl("", undefined, { asOf: "310290-1234" }));
  assert.deepEqual([asOf.name, asOf.source], ["ParseError", "asOf"]);
  assert.doesNotMatch(asOf.message, /310290/);
});

test("a message from serde never quotes a CPR number", () => {
  const r = sample();
  const e = thrown(() => r.rectify(r.toRecords()[0].id, /** @type {any} */ ("010190-1234"), "2023-01-05"));
  assert.deepEqual([e.name, e.source], ["ParseError", "patch"]);
  assert.doesNotMatch(e.message, /0190/);
  assert.match(e.message, /xxxxxx-xxxx/);
});

test("subject access, rectification with history, erasure with a receipt", () => {
  const r = sample();
  const first = r.toRecords()[0];
  const mine = r.subjectAccess(first.citizen);
  r.rectify(first.id, { outcome: "klage_indgivet", site: null }, "2023-01-05");
  assert.deepEqual(r.history(first.id)[0].previous, { outcome: first.outcome ?? null, site: first.site ?? null });
  const e = thrown(() => r.rectify(first.id, { closed: "2000-01-01" }, "2023-01-05"));
  assert.equal(e.name, "ValidationError");
  const receipt = r.erase(first.citizen, "2023-02-01");
  assert.equal(receipt.count, mine.length);
  assert.ok(receipt.ids.includes(first.id));
  assert.deepEqual(r.subjectAccess(first.citizen), []);
});

test("published tables hide small counts and print the policy", () => {
  const t = sample().publishedBreakdown(2022, "kind");
  assert.match(t.policy_da, /Diskretionering/);
  for (const row of t.cells) for (const v of row) assert.ok(v === null || v >= 5);
  const monthly = sample().publishedMonthlyTable([2021, 2022]);
  assert.deepEqual(monthly.column_totals, [683, 793]);
});

// CPR numbers in any form (tests/fixtures/cpr-forms.json, written with
// Python's unicodedata): refused as citizen keys, never repeated; other
// text loads.
const forms = fixture("cpr-forms.json");
/** @typedef {import("../../borgerraad-wasm/pkg/node/borgerraad_wasm.js").Inquiry} Inquiry */
/** @returns {Inquiry} */
const formRecord = (/** @type {string} */ citizen) => ({
  id: "F-1", citizen, received: "2022-05-02", municipality: "esbjerg", channel: "email",
  requester: "borger", kind: "vejledning", category: "borger-arbejdsmarked/jobcenter",
});

test("cpr numbers in any form are refused and never repeated", () => {
  for (const text of [...forms.found, ...forms.found_in_text]) {
    const e = thrown(() => Register.fromRecords([formRecord(text)]));
    assert.equal(e.name, "ValidationError", text);
    assert.equal(e.field, "citizen", text);
    for (const t of [e.message, e.source, e.record, e.field]) {
      if (t == null) continue;
      assert.ok(!/[^\P{Nd}0-9]/u.test(t), t);
      assert.ok(!t.replace(/[^0-9]/g, "").includes(forms.never_in_messages), t);
    }
  }
});

test("cpr numbers in any form are refused in every other text field too, never repeated", () => {
  /** @type {[string, (text: string) => Record<string, unknown>][]} */
  const fields = [
    ["id", (text) => ({ id: text })],
    ["municipality", (text) => ({ municipality: text })],
    ["category", (text) => ({ category: text })],
    ["topics", (text) => ({ topics: [text] })],
  ];
  for (const [field, put] of fields) {
    for (const text of forms.found) {
      const e = thrown(() => Register.fromRecords([/** @type {Inquiry} */ ({ ...formRecord("kxq"), ...put(text) })]));
      assert.ok(["ValidationError", "ParseError"].includes(e.name), `${field}: ${e.name}`);
      assert.equal(e.field, field, text);
      for (const t of [e.message, e.source, e.record, e.field]) {
        if (t == null) continue;
        assert.ok(!/[^\P{Nd}0-9]/u.test(t), t);
        assert.ok(!t.replace(/[^0-9]/g, "").includes(forms.never_in_messages), t);
      }
    }
  }
});

test("text that holds no cpr number loads", () => {
  for (const text of forms.not_found) {
    assert.equal(Register.fromRecords([formRecord(text)]).length, 1, text);
  }
});

/** @returns {Inquiry} */
const keyed = (/** @type {string} */ id, /** @type {string} */ citizen, /** @type {number} */ day) => ({
  id, citizen, received: `2022-03-0${day}`, municipality: "esbjerg", channel: "telefon",
  requester: "borger", kind: "vejledning", category: "teknik-miljoe",
});

test("erasure takes the key out of the history, and subject access shows the history", () => {
  const r = Register.fromRecords([keyed("H-1", "anna", 1), keyed("H-2", "anna", 2), keyed("H-3", "bent", 3)]);
  r.rectify("H-2", { citizen: "bent", outcome: "afklaret" }, "2023-01-10");
  r.rectify("H-1", { outcome: "afklaret" }, "2023-01-10");
  r.rectify("H-3", { citizen: "anna" }, "2023-01-10");
  // By hand: anna holds H-1 and H-3, and H-2's entry holds her as its
  // previous citizen; bent holds H-2, and H-3's entry names him.
  assert.deepEqual(r.subjectHistory("anna").map((h) => h.id), ["H-2", "H-1", "H-3"]);
  assert.deepEqual(r.subjectHistory("bent").map((h) => h.id), ["H-2", "H-3"]);
  const receipt = r.erase("anna", "2023-01-10");
  assert.deepEqual([receipt.ids, receipt.history_entries], [["H-1", "H-3"], 3]);
  assert.deepEqual(r.history("H-2"), [{ id: "H-2", on: "2023-01-10", previous: { outcome: null } }]);
  assert.doesNotMatch(JSON.stringify([r.toRecords(), r.history("H-1"), r.history("H-2"), r.history("H-3")]), /anna/);
  assert.deepEqual(r.subjectHistory("anna"), []);
});

test("a key in NFC and NFD is one citizen", () => {
  const [nfc, nfd] = ["søren-å".normalize("NFC"), "søren-å".normalize("NFD")];
  assert.notEqual(nfc, nfd);
  const records = [keyed("N-1", nfc, 1), keyed("N-2", nfd, 2), keyed("N-3", ` ${nfd}\u00a0`, 3)];
  const csv = ["id,citizen,received,municipality,channel,requester,kind,category",
    ...records.map((x) => [x.id, x.citizen, x.received, x.municipality, x.channel, x.requester, x.kind, x.category].join(","))].join("\n");
  const loaded = {
    records: Register.fromRecords(records),
    jsonl: Register.fromJsonl(records.map((x) => JSON.stringify(x)).join("\n")),
    csv: Register.fromCsv(csv),
  };
  // By hand: three registrations of one person, however loaded.
  for (const [how, r] of Object.entries(loaded)) {
    assert.equal(r.internal().yearSummary(2022).distinct_citizens, 1, how);
    assert.deepEqual([...new Set(r.toRecords().map((x) => x.citizen))], [nfc], how);
    assert.equal(r.subjectAccess(nfd).length, 3, how);
  }
  // The rights take the key in either form; rectifying to NFD keeps NFC.
  const r = loaded.records;
  r.rectify("N-1", { citizen: nfd }, "2023-01-06");
  assert.equal(r.subjectAccess(nfc).length, 3);
  assert.deepEqual(r.subjectHistory(nfd).map((h) => h.id), ["N-1"]);
  assert.equal(r.erase(nfd, "2023-01-06").count, 3);
  // Marks out of canonical order: UnicodeData.txt gives U+1EAD (ậ) the
  // decomposition 1EA1 0302 and U+1EA1 (ạ) 0061 0323, and the dot below
  // (class 220) sorts before the circumflex (230), so "a" + 0302 + 0323 is
  // U+1EAD in NFC. The Rust test of `citizen_key` holds the same case.
  const marks = Register.fromRecords([keyed("M-1", "xa\u0302\u0323", 1), keyed("M-2", "x\u1ead", 2)]);
  assert.equal(marks.internal().yearSummary(2022).distinct_citizens, 1);
  assert.deepEqual(marks.toRecords().map((x) => x.citizen), ["x\u1ead", "x\u1ead"]);
});
