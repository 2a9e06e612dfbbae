// Replays the golden fixtures shared with the Rust and Python fronts.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Calendar, RuleSet, deadline } from "../../borgerraad-wasm/pkg/node/borgerraad_rules.js";
import { Profile, Register, sample } from "../../borgerraad-wasm/pkg/node/borgerraad_wasm.js";
import { fixture, fixtureText } from "./helpers.mjs";

const expected = fixture("expected/esbjerg-2017-2022.json");
const register = Register.fromJsonl(fixtureText("esbjerg-2017-2022.jsonl"), "esbjerg-2017-2022.jsonl");

test("the monthly table equals the report (2019: 595 and 49,58)", () => {
  const table = register.internal().monthlyTable(expected.years);
  assert.deepEqual(table.years, expected.years);
  const rows = Object.fromEntries(table.rows.map((r) => [r.label, r]));
  for (const [month, counts] of Object.entries(expected.months)) {
    assert.deepEqual(rows[month].values, counts, month);
  }
  assert.deepEqual(rows["I alt"].values, expected.total);
  assert.deepEqual(rows["Gennemsnit"].text, expected.mean_da);
  assert.notEqual(rows["I alt"].values[2], expected.printed_2019.total);
});

test("key figures equal the report", () => {
  for (const [year, want] of Object.entries(expected.key_figures)) {
    const s = register.internal().yearSummary(Number(year));
    const kinds = register.internal().breakdown(Number(year), "kind").rows;
    const staff = kinds.find((r) => r.code === "sparring");
    /** @type {Record<string, number>} */
    const got = {
      registrations: s.registrations,
      distinct_citizens: s.distinct_citizens,
      repeat_share_percent_rounded: Math.round(s.repeat_share),
      mean_citizens_per_month_rounded: Math.round(s.mean_citizens_per_month),
      mean_registrations_per_month_rounded: Math.round(s.mean_registrations_per_month),
      staff_advice_percent_rounded: Math.round(staff ? staff.percent : 0),
      forwarded_total: s.forwarded.reduce((n, c) => n + c.count, 0),
    };
    for (const [key, value] of Object.entries(want)) {
      if (key === "forwarded") {
        for (const [to, n] of Object.entries(value)) {
          assert.equal(s.forwarded.find((c) => c.code === to)?.count, n, `${year} ${to}`);
        }
      } else {
        assert.equal(got[key], value, `${year} ${key}`);
      }
    }
  }
});

test("the embedded sample equals the fixture", () => {
  assert.equal(sample().toJsonl(), fixtureText("esbjerg-2017-2022.jsonl"));
});

test("holidays 2000-2050 equal the reference", () => {
  const cal = Calendar.danish("helligdage");
  for (const [year, days] of Object.entries(fixture("holidays-2000-2050.json").holidays)) {
    const got = cal.holidays(Number(year)).map((h) => [h.date, h.name.da]);
    assert.deepEqual(got, days.map((/** @type {{date: string, da: string}} */ d) => [d.date, d.da]), year);
  }
});

for (const c of fixture("deadlines.json").cases) {
  test(`deadline: ${c.name}`, () => {
    // The rule's own calendar unless the case names another.
    const d = deadline(c.rule, c.start, c.delivery, c.regime ? Calendar.danish(c.regime) : undefined);
    const e = c.expect;
    assert.equal(d.due, e.due);
    const trace = d.trace;
    if ("extended_due" in e) assert.equal(d.extendedDue ?? null, e.extended_due);
    if ("party" in e) assert.equal(trace.party, e.party);
    if ("regime" in e) assert.equal(trace.regime, e.regime);
    if ("receipt_skipped" in e) assert.deepEqual(trace.receipt?.skipped.map((s) => [s.date, s.reason.da]), e.receipt_skipped);
    if ("period_end" in e) assert.equal(trace.period_end, e.period_end);
    if ("rolled_forward" in e) assert.equal(trace.rolled_forward != null, e.rolled_forward);
    if ("received" in e) assert.equal(trace.start, e.received);
    if ("working_days_counted" in e) assert.equal(trace.working_days_counted, e.working_days_counted);
    if ("skipped" in e) assert.deepEqual(trace.skipped.map((s) => [s.date, s.reason.da]), e.skipped);
    for (const st of c.status ?? []) {
      const { today, ...want } = st;
      assert.deepEqual(d.status(today), want);
    }
  });
}

const referrals = fixture("referrals.json");
for (const c of referrals.cases) {
  test(`referral: ${c.name}`, () => {
    const got = RuleSet.esbjerg().decide({ ...referrals.base, ...c.patch });
    for (const [key, value] of Object.entries(c.expect)) {
      assert.equal(/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (got))[key], value, key);
    }
  });
}

test("Egedal 2018 under its shipped profile gives the figures its advisor published", () => {
  // tests/fixtures/expected/egedal-2018.json: typed from the report as the local press quoted it.
  const expected = JSON.parse(fixtureText("expected/egedal-2018.json"));
  const register = Register.fromJsonl(fixtureText("egedal-2018.jsonl"), "egedal-2018.jsonl", { profile: "egedal" });
  const counts = (/** @type {string} */ by) => Object.fromEntries(register.internal().breakdown(2018, by).rows.map((r) => [r.code, r.count]));
  assert.equal(register.internal().yearSummary(2018).registrations, expected.registrations);
  for (const [centre, n] of Object.entries(expected.centres)) assert.equal(counts("area")[centre], n, centre);
  assert.equal(counts("kind").undersoegelse, expected.investigations);
  assert.equal(counts("outcome").kritik, expected.criticism);
  // Esbjerg's default profile does not know Egedal's centres.
  assert.throws(() => Register.fromJsonl(fixtureText("egedal-2018.jsonl")), { name: "ValidationError" });
});

test("a profile file of an office's own: Egedal counting every unit", () => {
  // tests/fixtures/profiles/egedal-every.json: by hand, the statement that concerns all three
  // centres (primary: the Jobcenter, 20) adds one to Borgerservice (9 + 1) and Social Service (8 + 1).
  const text = fixtureText("profiles/egedal-every.json");
  const profile = Profile.fromJson(text, "egedal-every.json");
  assert.equal(profile.id, "egedal-every");
  assert.equal(profile.label("da"), "Borgerrådgiveren i Egedal Kommune (hver enhed tælles)");
  assert.deepEqual(Profile.shippedIds(), ["esbjerg", "egedal"]);
  assert.equal(Profile.shipped("egedal").label("en"), "The citizens' advisor of Egedal Municipality");
  const register = Register.fromJsonl(fixtureText("egedal-2018.jsonl"), "egedal-2018.jsonl", { profile: text });
  const areas = Object.fromEntries(register.internal().breakdown(2018, "area").rows.map((r) => [r.code, r.count]));
  assert.deepEqual([areas.jobcenter, areas["center-for-borgerservice"], areas["center-for-social-service"]], [20, 10, 9]);
  const report = register.publishedReport([2018], [2018], [[2018, "area"]]);
  assert.match(report.counting_da, /^En henvendelse tælles under hver enhed, den vedrører/);
  const [table] = report.breakdowns;
  assert.deepEqual(table.cells[table.rows.indexOf("Center for Borgerservice")], [10]);
  // A profile that is not valid JSON names its source.
  assert.throws(() => Profile.fromJson("{", "mine.json"), (e) => e instanceof Error && e.name === "ParseError" && /mine\.json/.test(e.message));
});

test("every loader takes a profile: records and CSV under Egedal's", () => {
  // The Egedal fixture's 42 inquiries (expected/egedal-2018.json), as plain objects and as CSV.
  const expected = fixture("expected/egedal-2018.json");
  const records = fixtureText("egedal-2018.jsonl").trim().split("\n").map((l) => JSON.parse(l));
  const fromRecords = Register.fromRecords(records, { profile: "egedal" });
  assert.equal(fromRecords.internal().yearSummary(2018).registrations, expected.registrations);
  assert.throws(() => Register.fromRecords(records), { name: "ValidationError" });
  // Two rows with Egedal's own kind "undersoegelse" and centres, written by hand.
  const csv = "id,citizen,received,municipality,channel,requester,kind,category\n" +
    "E-1,kxq,2018-03-01,egedal,telefon,borger,undersoegelse,jobcenter\n" +
    "E-2,kxr,2018-03-02,egedal,brev,borger,vejledning,center-for-borgerservice\n";
  const fromCsv = Register.fromCsv(csv, "egedal.csv", { profile: fixtureText("profiles/egedal-every.json") });
  const kinds = Object.fromEntries(fromCsv.internal().breakdown(2018, "kind").rows.map((r) => [r.code, r.count]));
  assert.deepEqual(kinds, { undersoegelse: 1, vejledning: 1 });
  assert.throws(() => Register.fromCsv(csv, "egedal.csv"), { name: "ValidationError" });
});

test("an invalid profile is a ConfigError naming the JSON path, and never repeats a CPR number", () => {
  const edited = (/** @type {(p: any) => void} */ edit) => {
    const p = JSON.parse(fixtureText("profiles/egedal-every.json"));
    edit(p);
    return JSON.stringify(p);
  };
  const cases = [
    // Egedal's own kind renamed to a code of the national base list: a duplicate.
    ["codes.kinds[0].code", (/** @type {any} */ p) => { p.codes.kinds[0].code = "klage"; }],
    ["taxonomy.areas[0].label.da", (/** @type {any} */ p) => { p.taxonomy.areas[0].label.da = "010190-1234"; }],
  ];
  for (const [path, edit] of /** @type {[string, (p: any) => void][]} */ (cases)) {
    for (const load of [() => Profile.fromJson(edited(edit), "mine.json"), () => Register.fromRecords([], { profile: edited(edit) })]) {
      assert.throws(load, (/** @type {any} */ e) => e.name === "ConfigError" && e.field === path && !/010190/.test(e.message), path);
    }
  }
});

test("a profile puts a deadline rule on its own regime", () => {
  // egedal-every.json puts "klage-social" on the regime of public holidays only. By hand: four
  // weeks from Wednesday 8 May 2024 end on Wednesday 5 June, Grundlovsdag, which the law's own
  // regime (forvaltning) skips to Thursday 6 June; the office's does not.
  assert.equal(deadline("klage-social", "2024-05-08").due, "2024-06-06");
  const profile = fixtureText("profiles/egedal-every.json");
  assert.equal(deadline("klage-social", "2024-05-08", undefined, undefined, profile).due, "2024-06-05");
  assert.throws(() => deadline("klage-social", "2024-05-08", undefined, undefined, "nowhere"), { name: "UnknownError" });
});
