// The npm package as a user gets it: `npm pack`, the tarball installed into
// a scratch project, imported from node (ESM and CommonJS), and the
// README's browser snippet run as written in Chromium (an import map to the
// installed package, `await init()`). Run by `make npm-package`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromiumContext, root, serve } from "./helpers.mjs";

// The registrations of 2022 in Esbjerg's report 2021-22 (docs/domain.md).
const REGISTRATIONS_2022 = 793;

const scratch = mkdtempSync(join(tmpdir(), "borgerraad-npm-"));
/** @type {{filename: string, files: {path: string}[]}[]} */
const [packed] = JSON.parse(
  execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: `${root}borgerraad-wasm/pkg`, encoding: "utf8" }),
);
const files = packed.files.map((f) => f.path).sort();
for (const name of ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "package.json"]) {
  assert.ok(files.includes(name), `the tarball has ${name}: ${files.join(", ")}`);
}
assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["web/borgerraad_rules_bg.wasm", "web/borgerraad_sheet_bg.wasm", "web/borgerraad_wasm_bg.wasm"], "one copy of each module's .wasm");

writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(scratch, packed.filename)], { cwd: scratch, stdio: "inherit" });

/** Runs node code in the scratch project and returns what it printed. @param {string[]} args */
const node = (...args) => execFileSync(process.execPath, args, { cwd: scratch, encoding: "utf8" }).trim();
const esm = node("--input-type=module", "-e", 'import { sample } from "borgerraad"; console.log(sample().internal().yearSummary(2022).registrations);');
assert.equal(esm, String(REGISTRATIONS_2022), "import from node");
const cjs = node("-e", 'console.log(require("borgerraad").sample().internal().yearSummary(2022).registrations);');
assert.equal(cjs, String(REGISTRATIONS_2022), "require from node");
// By hand: Maundy Thursday to Easter Monday 2024 are holidays (docs/domain.md),
// so the 7th working day after Tuesday 26 March is Tuesday 9 April.
const rules = node("--input-type=module", "-e", 'import { Calendar } from "borgerraad/rules"; console.log(Calendar.danish().addWorkingDays("2024-03-26", 7));');
assert.equal(rules, "2024-04-09", "import borgerraad/rules from node");
const rulesCjs = node("-e", 'console.log(require("borgerraad/rules").Calendar.danish().addWorkingDays("2024-03-26", 7));');
assert.equal(rulesCjs, "2024-04-09", "require borgerraad/rules from node");
// An office's own Danish CSV (";", Danish labels and dates) through borgerraad/sheet.
const sheetCsv = "Løbenr.;Dato;Borger;Kanal;Henvender;Type;Område\\n1;03-01-2022;kxqbvd;Telefon;Borger;Vejledning;Teknik & Miljø\\n";
const sheet = node("--input-type=module", "-e", `import { Register } from "borgerraad/sheet"; console.log(Register.fromBytes("${sheetCsv}", "r.csv").length);`);
assert.equal(sheet, "1", "import borgerraad/sheet from node");

// The README's snippet, as written, in an otherwise empty page.
const readme = readFileSync(`${root}README.md`, "utf8");
const snippet = readme.match(/```html\n([\s\S]*?)```/);
assert.ok(snippet, "the README has a browser snippet");
writeFileSync(join(scratch, "index.html"), `<!doctype html>\n<html lang="da"><meta charset="utf-8"><body>\n${snippet[1]}</body></html>\n`);

const server = await serve(scratch);
const context = await chromiumContext();
try {
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  // Every file the snippet loads must be found (the browser's own favicon request aside).
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${server.url}/index.html`);
  // The snippet replaces the page's content, scripts included, when it has run.
  await page.waitForFunction(() => !document.querySelector("script"), null, { timeout: 30000 });
  // By hand: 4 weeks (retssikkerhedsloven § 67) from 1 March 2024 end on Good
  // Friday 29 March; Easter Monday is a holiday too, so Tuesday 2 April.
  assert.equal(await page.textContent("body"), `${REGISTRATIONS_2022} henvendelser i 2022; klagefrist 2024-04-02`);
  assert.deepEqual(problems, [], "no errors on the page");
} finally {
  await context.close();
  server.close();
}
console.log(`npm package: ${files.length} files, installed in ${scratch}, imported from node and Chromium`);
console.log("1 passed, 0 failed");
