// The statistics widget. All figures, labels, number formats and charts come
// from the borgerraad core compiled to WebAssembly; this file only wires the
// page to it.
import init, { Profile, Register, formatNumber, formatShare, sample } from "../../borgerraad-wasm/pkg/web/borgerraad_wasm.js";

const $ = (id) => document.getElementById(id);
const SAMPLE = "eksempeldata (syntetisk, Esbjerg 2017–2022)";
let register;
// The last register file read, kept so that another profile can read it again.
let lastFile = null;
// The profile registers are read with: a shipped profile's id, or the JSON
// text of a profile file (the core checks it; the loaders take either).
const profiles = new Map();

function table(el, header, rows) {
  el.replaceChildren();
  const head = el.createTHead().insertRow();
  for (const h of header) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = h;
    head.append(th);
  }
  const body = el.createTBody();
  for (const [label, ...cells] of rows) {
    const tr = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = label;
    tr.append(th);
    for (const c of cells) tr.insertCell().textContent = c;
  }
}

// Every figure shown comes from one published report: the core's
// disclosure engine over the monthly table, the key figures and the
// breakdowns together. null (suppressed, or a mean or share of a suppressed
// count) is shown as "–".
const shown = (v) => (v == null ? "–" : formatNumber(v));
const shownShare = (v) => (v == null ? "–" : formatShare(v));

function render() {
  const years = Array.from(register.years());
  // The year chosen, or the register's last when it has no such year.
  const chosen = Number($("year").value);
  const year = years.includes(chosen) ? chosen : years[years.length - 1];
  const select = $("year");
  select.replaceChildren(...years.map((y) => new Option(String(y), String(y), false, y === year)));

  const bys = ["area", "kind"];
  const pairs = /** @type {[number, string][]} */ (bys.map((by) => [year, by]));
  const report = register.publishedReport(years, [year], pairs);
  const [monthlyChart, ...breakdownCharts] = register.publishedCharts(years, [year], pairs);
  const m = report.monthly;
  $("monthly-chart").innerHTML = monthlyChart;
  table($("monthly-table"), ["Måned", ...m.columns], [
    ...m.rows.map((label, i) => [label, ...m.cells[i].map(shown)]),
    ["I alt", ...m.column_totals.map(shown)],
    ["Gennemsnit", ...m.column_means.map(shown)],
  ]);

  const s = report.summaries[0];
  const figures = [
    ["Registreringer", shown(s.registrations)],
    ["Borgere", shown(s.distinct_citizens)],
    ["Borgere med flere henvendelser", shownShare(s.repeat_share)],
    ["Registreringer pr. måned", shown(s.mean_registrations_per_month)],
    ["Borgere pr. måned", shown(s.mean_citizens_per_month)],
  ];
  $("key-heading").textContent = `Nøgletal ${year}`;
  $("key-figures").replaceChildren(
    ...figures.map(([label, value]) => {
      const div = document.createElement("div");
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      dt.textContent = label;
      dd.textContent = value;
      div.dataset.figure = label;
      div.append(dt, dd);
      return div;
    }),
  );

  bys.forEach((by, i) => {
    const b = report.breakdowns[i];
    $(`${by}-chart`).innerHTML = breakdownCharts[i];
    // The column heading is the profile's word for the level and the year.
    table($(`${by}-table`), [b.columns[0], "Antal", "Andel"], [
      ...b.rows.map((label, r) => [label, shown(b.cells[r][0]), shownShare(b.shares[r])]),
      ["I alt", shown(b.column_totals[0]), ""],
    ]);
  });
  $("counting-rule").textContent = report.counting_da;
  // The policy stands under every published table.
  for (const p of document.querySelectorAll(".policy")) p.textContent = report.policy_da;
}

function show(next, source) {
  register = next;
  $("year").value = "";
  // The number of records is a raw count: the published total is in the table.
  $("source").textContent = `Viser: ${source}`;
  render();
}

function fail(e) {
  // The register shown stays as it was; the message names file, line and field.
  $("error").textContent = `Filen kunne ikke indlæses (${e.name}): ${e.message}`;
  $("error").hidden = false;
}

// borgerraad/sheet reads an office's own file by its content (JSON Lines,
// CSV, .xlsx; Danish headers and labels through the profile). It is a
// module of its own, loaded when the first file is chosen, so that the
// page's first load stays small.
let sheetModule = null;
async function sheetRegister() {
  if (!sheetModule) {
    sheetModule = await import("../../borgerraad-wasm/pkg/web/borgerraad_sheet.js");
    await sheetModule.default();
  }
  return sheetModule.Register;
}

async function read(file) {
  const profile = profiles.get($("profile").value);
  try {
    const SheetRegister = await sheetRegister();
    const next = SheetRegister.fromBytes(file.bytes, file.name, { profile });
    const skipped = next.loadReport.skipped.map((s) => s.row);
    $("load-report").textContent = skipped.length
      ? `${skipped.length} rækker sprunget over (række ${skipped.join(", ")}): tomme rækker og totalrækker tælles ikke med.`
      : "";
    $("error").hidden = true;
    show(next, `${file.name} (${$("profile").selectedOptions[0].text})`);
  } catch (e) {
    fail(e);
  }
}

async function load(file) {
  lastFile = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  await read(lastFile);
}

function addProfile(key, label, value) {
  profiles.set(key, value);
  $("profile").append(new Option(label, key));
}

// A profile file: checked by the core (a ConfigError names the JSON path),
// then offered beside the shipped profiles and chosen.
async function loadProfile(file) {
  const text = await file.text();
  try {
    const profile = Profile.fromJson(text, file.name);
    const key = `file:${file.name}`;
    if (!profiles.has(key)) addProfile(key, `${profile.label("da")} (${file.name})`, text);
    profiles.set(key, text);
    $("profile").value = key;
    $("error").hidden = true;
    if (lastFile) await read(lastFile);
  } catch (e) {
    fail(e);
  }
}

function showSample() {
  lastFile = null;
  $("load-report").textContent = "";
  $("profile").value = "esbjerg";
  $("error").hidden = true;
  show(sample(), SAMPLE);
}

await init();
for (const id of Profile.shippedIds()) addProfile(id, Profile.shipped(id).label("da"), id);
$("profile").addEventListener("change", () => lastFile && read(lastFile));
$("profile-file").addEventListener("change", (ev) => ev.target.files[0] && loadProfile(ev.target.files[0]));
$("file").addEventListener("change", (ev) => ev.target.files[0] && load(ev.target.files[0]));
$("reset").addEventListener("click", showSample);
$("year").addEventListener("change", render);
showSample();
$("widget").setAttribute("aria-busy", "false");
document.body.dataset.ready = "true";
