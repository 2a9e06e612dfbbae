// Generates borgerraad-wasm/types.d.ts from the JSON Schemas in schema/,
// which schemars generates from the Rust types. `--check` fails when the
// committed file is stale (the node tests run it).
import { compile } from "json-schema-to-typescript";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = `${root}borgerraad-wasm/types.d.ts`;

// Root types that the package declares as classes of the same name.
const CLASSES = new Set(["Deadline"]);

export async function generate() {
  /** @type {Record<string, any>} */
  const defs = {};
  /** @type {Record<string, any>} */
  const properties = {};
  for (const file of readdirSync(`${root}schema`).sort()) {
    const schema = JSON.parse(readFileSync(`${root}schema/${file}`, "utf8"));
    const { $defs = {}, $schema, title, ...rest } = schema;
    Object.assign(defs, $defs);
    if (CLASSES.has(title)) continue;
    defs[title] = { title, ...rest };
    properties[title] = { $ref: `#/$defs/${title}` };
  }
  for (const [name, def] of Object.entries(defs)) {
    def.title ??= name;
    properties[name] ??= { $ref: `#/$defs/${name}` };
  }
  const ts = await compile(
    { title: "BorgerraadTypes", type: "object", properties, additionalProperties: false, $defs: defs },
    "BorgerraadTypes",
    { bannerComment: "", additionalProperties: false, declareExternallyReferenced: true, strictIndexSignatures: true },
  );
  return "// Generated from schema/*.schema.json by tests/js/gen-types.mjs. Do not edit.\n" + ts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ts = await generate();
  if (process.argv.includes("--check")) {
    if (readFileSync(out, "utf8") !== ts) {
      console.error(`${out} is stale: run \`make types\``);
      process.exit(1);
    }
  } else {
    writeFileSync(out, ts);
    console.log(`wrote ${out}`);
  }
}
