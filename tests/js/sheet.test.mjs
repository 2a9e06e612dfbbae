// borgerraad/sheet: an office's own register read by its content, with the
// profile's import section, and the dry run. The workbook is
// tests/fixtures/import/register.xlsx, written by
// tests/fixtures/gen/import_sheet.py; the expected values are worked out by
// hand from what that script writes (its docstring lists the rows).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Register } from "../../borgerraad-wasm/pkg/node/borgerraad_sheet.js";
import { fixtures, thrown } from "./helpers.mjs";

const workbook = new Uint8Array(readFileSync(`${fixtures}import/register.xlsx`));
const secret = "0123456789abcdef0123";

test("the dry run reports in the sheet's own terms: its sheet, Excel's rows, its headers", () => {
  const report = Register.check(workbook, "register.xlsx");
  assert.equal(report.format, "xlsx");
  assert.equal(report.sheet, "2022");
  assert.equal(report.header_row, 2, "the title in row 1 is passed over");
  assert.deepEqual([report.rows, report.loaded], [6, 2]);
  // Without a secret the two CPR cells (rows 4 and 5) are refused; row 8's
  // 01/02/03 could be read two ways; row 9's "Fax" is no channel.
  assert.deepEqual(report.rejected.map((r) => [r.row, r.column]), [[4, "Borger"], [5, "Borger"], [8, "Modtaget"], [9, "Kanal"]]);
  assert.match(report.rejected[0].message, /^register\.xlsx, sheet "2022", row 4, column "Borger" \(C\): field `citizen`: a CPR number/);
  assert.deepEqual([report.reasons[0].count, report.reasons[0].rows], [2, [4, 5]]);
  assert.deepEqual(report.skipped.map((s) => s.row), [7, 10], "the blank row and the total row");
  assert.equal(report.columns.find((c) => c.header === "Noter")?.field, null, "free text is not read");
  const text = JSON.stringify(report);
  for (const form of ["0101901234", "101901234", "010190"]) assert.ok(!text.includes(form), form);
});

test("fromBytes keys a column of initials and CPR numbers cell by cell", () => {
  const register = Register.fromBytes(workbook, "register.xlsx", { cprSecret: secret, onError: "collect" });
  assert.equal(register.length, 4);
  // HMAC-SHA256 over the ten digits, computed with Python's hmac module: the
  // text and the number Excel dropped the leading zero of give one key.
  const key = "ojbgenngajnpdhbccmigkljkgjchblhf";
  const byId = Object.fromEntries(register.toRecords().map((r) => [r.id, r]));
  assert.equal(byId["102"].citizen, key);
  assert.equal(byId["103"].citizen, key);
  assert.equal(byId["101"].citizen, "AB");
  assert.deepEqual([byId["101"].received, byId["101"].closed], ["2022-03-01", "2022-03-04"]);
  assert.equal(byId["102"].category, "fritid-sundhed-omsorg/visitation", '"og" for "&"');
  assert.deepEqual([byId["104"].received, byId["104"].channel], ["2022-03-03", "telefon"]);
  assert.deepEqual(register.rejected.map((e) => /** @type {any} */ (e).line), [8, 9]);
  assert.ok(register.rejected.every((e) => e instanceof Error && /Error$/.test(e.name)));
  assert.match(register.loadReport?.warnings[0] ?? "", /^2 rows have a citizen key that looks like initials/);
  // All or nothing (the default): the first refused row fails the load, named in the sheet's terms.
  const e = thrown(() => Register.fromBytes(workbook, "register.xlsx", { cprSecret: secret }));
  assert.match(e.message, /register\.xlsx, sheet "2022", row 8, column "Modtaget" \(B\)/);
});

test("a Danish CSV in Windows-1252, separated by semicolons, with Danish labels and dates", () => {
  // Written here byte by byte: ø is 0xF8 and æ 0xE6 in Windows-1252.
  const text = "Løbenr.;Dato;Borger;Kanal;Henvender;Type;Område\r\n" +
    "1;03-01-2022;kxqbvd;Telefon;Borger;Vejledning;Teknik & Miljø\r\n" +
    "2;4.1.2022;mzwrpt;Mail;Pårørende;Klage;Borger og Arbejdsmarked\r\n";
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  assert.ok(bytes.includes(0xf8), "not UTF-8");
  const register = Register.fromBytes(bytes, "udtraek.csv", { profile: "esbjerg" });
  assert.equal(register.loadReport?.format, "csv");
  const records = register.toRecords();
  assert.deepEqual(records.map((r) => [r.id, r.received, r.channel, r.requester, r.kind, r.category]), [
    ["1", "2022-01-03", "telefon", "borger", "vejledning", "teknik-miljoe"],
    ["2", "2022-01-04", "email", "paaroerende", "klage", "borger-arbejdsmarked"],
  ]);
});

test("what cannot be read at all is an error, in collect mode too; options are checked", () => {
  const pdf = thrown(() => Register.fromBytes("%PDF-1.7", "register.pdf", { onError: "collect" }));
  assert.match(pdf.message, /^register\.pdf: a PDF document/);
  assert.equal(thrown(() => Register.check("Nr;Noter\n1;x\n", "r.csv")).field, "received");
  assert.equal(thrown(() => Register.fromBytes(workbook, "register.xlsx", /** @type {any} */ ({ sheets: "2022" }))).name, "ParseError");
  const missing = thrown(() => Register.fromBytes(workbook, "register.xlsx", { sheet: "2023" }));
  assert.match(missing.message, /2023/);
  // A register loaded otherwise has no load report.
  assert.equal(Register.sample().loadReport ?? null, null);
});
