// The published path (issue 15, points 1-3) in the JS front: everything a
// page shows comes from publishedReport (the core's disclosure engine), and
// exact counts sit behind register.internal(). Expected values are worked
// out by hand from small registers (see each test).
import assert from "node:assert/strict";
import { test } from "node:test";

import { Register, sample } from "../../borgerraad-wasm/pkg/node/borgerraad_wasm.js";

const base = { municipality: "esbjerg", channel: "telefon", requester: "borger", kind: "vejledning", category: "teknik-miljoe" };
/** @param {Array<Record<string, string>>} rows */
const register = (rows) => Register.fromRecords(/** @type {any} */ (rows.map((r, i) => ({ ...base, id: `T-${i}`, ...r }))));

test("a year of 3 inquiries from 2 citizens gives no count back", () => {
  // a in January and February, b in March: 3 registrations, 2 citizens,
  // 1 with more than one; 3/12 = 0,25, 2/12 = 0,17 and 50 % would give
  // them back, so they are null too.
  const r = register([
    { citizen: "a", received: "2022-01-10" },
    { citizen: "a", received: "2022-02-10" },
    { citizen: "b", received: "2022-03-10" },
  ]);
  const report = r.publishedReport([2022], [2022]);
  const s = report.summaries[0];
  for (const key of /** @type {const} */ (["registrations", "distinct_citizens", "repeat_citizens", "repeat_share", "mean_registrations_per_month", "mean_citizens_per_month"])) {
    assert.equal(s[key], null, key);
  }
  assert.deepEqual(report.monthly.column_totals, [null]);
  assert.deepEqual(report.monthly.column_means, [null]);
  assert.deepEqual(report.monthly.cells.map((/** @type {any} */ c) => c[0]), [null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  // The chart's description states no total either.
  const [chart] = r.publishedCharts([2022], [2022]);
  assert.match(chart, /2022: i alt skjult registreringer, gennemsnit pr. måned skjult/);
  // Exact counts, named internal.
  assert.equal(r.internal().yearSummary(2022).registrations, 3);
});

test("a department of 3 under an area of 23 is not given by subtraction", () => {
  // Borgerservice 20 + Jobcenter 3 = Borger & Arbejdsmarked 23; Teknik & Miljø 30.
  const rows = [];
  for (let i = 0; i < 20; i++) rows.push({ citizen: `a${i}`, received: `2022-0${1 + (i % 9)}-05`, category: "borger-arbejdsmarked/borgerservice" });
  for (let i = 0; i < 3; i++) rows.push({ citizen: `b${i}`, received: `2022-0${1 + i}-06`, category: "borger-arbejdsmarked/jobcenter" });
  for (let i = 0; i < 30; i++) rows.push({ citizen: `c${i}`, received: `2022-0${1 + (i % 9)}-07` });
  const report = register(rows).publishedReport([2022], [2022], [[2022, "area"], [2022, "department"]]);
  const [area, dept] = report.breakdowns;
  const shown = (/** @type {any} */ t) => Object.fromEntries(t.codes.map((/** @type {string} */ c, /** @type {number} */ i) => [c, t.cells[i][0]]));
  assert.deepEqual(shown(area), { "borger-arbejdsmarked": 23, "teknik-miljoe": 30 });
  assert.deepEqual(shown(dept), { "teknik-miljoe": 30, "borger-arbejdsmarked/borgerservice": null, "borger-arbejdsmarked/jobcenter": null });
});

test("the sample's report table is published unchanged", () => {
  const report = sample().publishedReport([2017, 2018, 2019, 2020, 2021, 2022], []);
  assert.deepEqual(report.monthly.column_totals, [573, 657, 595, 514, 683, 793]);
});

test("raw counts are not on the register", () => {
  const r = /** @type {any} */ (sample());
  for (const name of ["monthlyTable", "breakdown", "yearSummary"]) assert.equal(r[name], undefined, name);
});
