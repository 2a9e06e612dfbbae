// Runs the README's JS quick start against the built package.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { test } from "node:test";

import { root } from "./helpers.mjs";

test("the README's JS quick start runs", async () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const block = readme.slice(readme.indexOf("## JS quick start")).match(/```js\n([\s\S]*?)```/);
  assert.ok(block, "the README has a JS quick start");
  const code = block[1]
    .replace('from "borgerraad"', `from ${JSON.stringify(`${root}borgerraad-wasm/pkg/node/borgerraad_wasm.js`)}`)
    .replace('from "borgerraad/rules"', `from ${JSON.stringify(`${root}borgerraad-wasm/pkg/node/borgerraad_rules.js`)}`);
  const file = `${mkdtempSync(`${tmpdir()}/readme-`)}/quickstart.mjs`;
  writeFileSync(file, code);
  await import(file);
});
