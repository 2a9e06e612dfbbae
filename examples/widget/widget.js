// The statistics widget. All figures, labels, number formats and charts come
// from the borgerraad core compiled to WebAssembly; this file only wires the
// page to it.
import init, { Register, formatNumber, formatShare, sample } from "../../borgerraad-wasm/pkg/web/borgerraad_wasm.js";

const $ = (id) => document.getElementById(id);
let register;

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

function render() {
  const years = Array.from(register.years());
  const year = Number($("year").value) || years[years.length - 1];
  const select = $("year");
  select.replaceChildren(...years.map((y) => new Option(String(y), String(y), false, y === year)));

  $("monthly-chart").innerHTML = register.monthlyChartSvg(years);
  const monthly = register.monthlyTable(years);
  table($("monthly-table"), ["Måned", ...monthly.years.map(String)], monthly.rows.map((r) => [r.label, ...r.text]));

  const s = register.yearSummary(year);
  const figures = [
    ["Registreringer", formatNumber(s.registrations)],
    ["Borgere", formatNumber(s.distinct_citizens)],
    ["Borgere med flere henvendelser", formatShare(s.repeat_share)],
    ["Registreringer pr. måned", formatNumber(s.mean_registrations_per_month)],
    ["Borgere pr. måned", formatNumber(s.mean_citizens_per_month)],
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

  // Published breakdowns: small counts, and what would reveal them, show "–".
  for (const by of ["area", "kind"]) {
    $(`${by}-chart`).innerHTML = register.breakdownChartSvg(year, by);
    const b = register.breakdown(year, by);
    const shown = register.publishedBreakdown(year, by).cells.map((c) => c[0]);
    table($(`${by}-table`), [by === "area" ? "Direktørområde" : "Henvendelsestype", "Antal", "Andel"],
      b.rows.map((r, i) => shown[i] == null ? [r.label.da, "–", "–"] : [r.label.da, formatNumber(r.count), formatShare(r.percent)]));
    $("policy").textContent = register.publishedBreakdown(year, by).policy_da;
  }
}

function show(next, source) {
  register = next;
  $("year").value = "";
  $("source").textContent = `Viser: ${source} (${formatNumber(register.length)} registreringer)`;
  render();
}

async function load(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const next = /\.csv$/i.test(file.name) ? Register.fromCsv(bytes, file.name) : Register.fromJsonl(bytes, file.name);
    $("error").hidden = true;
    show(next, file.name);
  } catch (e) {
    // The register shown stays as it was; the message names file, line and field.
    $("error").textContent = `Filen kunne ikke indlæses (${e.name}): ${e.message}`;
    $("error").hidden = false;
  }
}

await init();
$("file").addEventListener("change", (ev) => ev.target.files[0] && load(ev.target.files[0]));
$("reset").addEventListener("click", () => { $("error").hidden = true; show(sample(), "eksempeldata (syntetisk, Esbjerg 2017–2022)"); });
$("year").addEventListener("change", render);
show(sample(), "eksempeldata (syntetisk, Esbjerg 2017–2022)");
$("widget").setAttribute("aria-busy", "false");
document.body.dataset.ready = "true";
