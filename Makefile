# Every target CI runs. `make test` installs what is missing and runs all tests.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo

VENV := .venv
PY := $(VENV)/bin/python

WASM_BINDGEN := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' borgerraad-wasm/Cargo.toml)
PKG := borgerraad-wasm/pkg
WASM_OUT := target/wasm32-unknown-unknown/wasm/borgerraad_wasm.wasm
JS := tests/js
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
DIST := target/dist
WHEEL := $(DIST)/borgerraad-$(VERSION)-cp39-abi3-manylinux_2_28_x86_64.whl
FRESH := target/fresh-venv
EXPORT := tests/fixtures/esbjerg-2017-2022.jsonl
TOTALS := | I alt | 573 | 657 | 595 | 514 | 683 | 793 |

.PHONY: help test rust-test example-test crate-package py-dist py-test py-fresh py-wheel-windows npm-package py-bench wasm-tools wasm js-test browser-test wasm-budget types bench sheet-bench count fmt bless

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

test: rust-test example-test crate-package py-test py-fresh js-test browser-test npm-package wasm-budget  ## Run every test (the README's test command)

rust-test:  ## Rust unit, integration, property and doc tests (benchmarks are only compiled)
	$(CARGO) test --workspace --lib --bins --tests --examples
	$(CARGO) test --workspace --doc
	$(CARGO) check -q -p borgerraad-core --benches
	$(CARGO) check -q --manifest-path fuzz/Cargo.toml --bins  # the fuzz targets still build (outside the workspace)

example-test:  ## The main job prints the report's table; bad input fails with one line
	mkdir -p target
	$(CARGO) run -q --example annual_report > target/annual_report.md
	grep -q '| I alt | 573 | 657 | 595 | 514 | 683 | 793 |' target/annual_report.md
	grep -q '| Gennemsnit | 47,75 | 54,75 | 49,58 | 42,83 | 56,92 | 66,08 |' target/annual_report.md
	printf 'id,citizen,received,municipality,channel,requester,kind,category\nX-1,abc,2022-02-30,esbjerg,telefon,borger,vejledning,teknik-miljoe\n' > target/bad.csv
	$(CARGO) build -q --example annual_report
	! target/debug/examples/annual_report --input target/bad.csv 2> target/bad.err
	test "$$(wc -l < target/bad.err)" -eq 1
	grep -q 'target/bad.csv:2: record `X-1`: field `received`' target/bad.err
	target/debug/examples/annual_report --help | grep -- '--format <FORMAT>' > /dev/null
	target/debug/examples/annual_report --version | grep -x 'annual_report $(VERSION)' > /dev/null
	@echo "example-test: ok"

crate-package:  ## The crate as crates.io gets it: `cargo publish --dry-run` builds it from its package alone
	$(CARGO) publish --dry-run --allow-dirty -p borgerraad-core
	@echo "crate-package: ok"

$(VENV)/.ready: tests/python/requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r tests/python/requirements.txt
	touch $@

# The one Python build: pip builds a wheel from the sdist's files alone, linked
# by zig against glibc 2.28 (ziglang from PyPI), in the shared target/. The
# sdist is unpacked with fresh times (tar -m): its own are fixed in 2006, and
# cargo would take the shared target/'s older build for current.
py-dist: $(VENV)/.ready  ## The sdist, and from it the manylinux_2_28 wheel, checked by auditwheel
	rm -rf $(DIST) && $(PY) -m maturin sdist -m borgerraad-py/Cargo.toml -o $(DIST)
	tar tzf $(DIST)/borgerraad-$(VERSION).tar.gz > target/sdist.txt
	for f in PKG-INFO README.md LICENSE-MIT LICENSE-APACHE borgerraad-core/README.md borgerraad-core/LICENSE-MIT \
	    borgerraad-core/LICENSE-APACHE borgerraad-core/schema/inquiry.schema.json python/borgerraad/__main__.py; do \
	  grep -qx "borgerraad-$(VERSION)/$$f" target/sdist.txt || { echo "the sdist lacks $$f"; exit 1; }; \
	done
	tar xzmf $(DIST)/borgerraad-$(VERSION).tar.gz -C $(DIST)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" CARGO_TARGET_DIR="$(CURDIR)/target" MATURIN_PEP517_ARGS="--zig --compatibility manylinux_2_28" \
	  $(PY) -m pip wheel -q --no-deps --no-build-isolation -w $(DIST) ./$(DIST)/borgerraad-$(VERSION)
	$(PY) -m auditwheel show $(WHEEL) | tr -s ' \n' ' ' | grep -F 'consistent with the following platform tag: "manylinux_2_28_x86_64"' > /dev/null
	unzip -l $(WHEEL) | grep 'dist-info/licenses/LICENSE-APACHE' > /dev/null
	@echo "py-dist: ok ($(WHEEL))"

py-test: py-dist  ## Install the wheel, check the stubs, run pytest and the example
	$(PY) -m pip install -q --force-reinstall --no-deps $(WHEEL)
	cd target && ../$(PY) -m mypy.stubtest borgerraad._borgerraad
	cd target && ../$(PY) -m pytest -q -p no:cacheprovider ../tests/python
	mkdir -p target && cd target && ../$(PY) ../examples/pipeline.py --out monthly.csv > pipeline.txt
	grep -q 'Gennemsnit  47,75  54,75  49,58  42,83  56,92  66,08' target/pipeline.txt
	@echo "py-test: ok"

py-fresh: py-dist  ## The wheel in a fresh venv without pandas: import, version, both report commands, the extra named
	rm -rf $(FRESH) && python3 -m venv $(FRESH)
	$(FRESH)/bin/python -m pip install -q $(WHEEL)
	test "$$($(FRESH)/bin/python -c 'import borgerraad; print(borgerraad.__version__)')" = "$(VERSION)"
	$(FRESH)/bin/borgerraad report $(EXPORT) | grep -F '$(TOTALS)' > /dev/null
	$(FRESH)/bin/python -m borgerraad report $(EXPORT) --year 2022 --format csv --lang en | grep '^Total,573,657,595,514,683,793$$' > /dev/null
	! $(FRESH)/bin/python -c 'import borgerraad; borgerraad.sample().published_monthly_table([2022])' 2> target/fresh.err
	grep -qF "pip install 'borgerraad[pandas]'" target/fresh.err
	@echo "py-fresh: ok"

py-wheel-windows: $(VENV)/.ready  ## A Windows wheel cross-built with windows-gnu and Debian's mingw-w64 (not in `make test`)
	rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
	command -v x86_64-w64-mingw32-gcc >/dev/null || (apt-get update -q && apt-get install -y -q gcc-mingw-w64-x86-64)
	$(PY) -m maturin build --release --target x86_64-pc-windows-gnu -m borgerraad-py/Cargo.toml -o $(DIST)

py-bench: $(VENV)/.ready  ## Python benchmarks against pandas and numpy (figures go into BENCHMARKS.md)
	$(PY) -m pip install -q --force-reinstall --no-deps ./borgerraad-py
	cd target && ../$(PY) ../borgerraad-py/bench.py

wasm-tools:  ## The wasm32 target and wasm-bindgen-cli at the pinned version, when missing
	rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	wasm-bindgen --version 2>/dev/null | grep -qF "$(WASM_BINDGEN)" || $(CARGO) install wasm-bindgen-cli --version "$(WASM_BINDGEN)"

$(JS)/node_modules/.ready: $(JS)/package.json
	cd $(JS) && npm install --no-audit --no-fund
	touch $@

# Three modules, one build of borgerraad-wasm each: the register (the
# package's main module), the rules (`borgerraad/rules`: calendars,
# deadlines, referral rules, taxonomies, schemas) and the register that reads
# an office's own files, .xlsx included (`borgerraad/sheet`); a page loads the
# last two only when it uses them. Each has one .wasm: the node and web builds differ only in their JS,
# so node's reads the web/ copy. web/ is ES modules (its package.json says
# so), node/ CommonJS.
wasm: wasm-tools  ## Build the npm package in borgerraad-wasm/pkg (node/ and web/; one .wasm per module)
	rm -rf $(PKG) && mkdir -p $(PKG)
	for module in register:borgerraad_wasm rules:borgerraad_rules sheet:borgerraad_sheet; do \
	  feature=$${module%%:*} name=$${module#*:}; \
	  $(CARGO) build --profile wasm -p borgerraad-wasm --target wasm32-unknown-unknown --no-default-features --features $$feature; \
	  for target in nodejs web; do \
	    wasm-bindgen --target $$target --out-name $$name --remove-name-section --remove-producers-section \
	      --out-dir $(PKG)/$${target%js} $(WASM_OUT); \
	  done; \
	  cmp $(PKG)/node/$${name}_bg.wasm $(PKG)/web/$${name}_bg.wasm; \
	  rm $(PKG)/node/$${name}_bg.wasm $(PKG)/node/$${name}_bg.wasm.d.ts; \
	  sed -i "s|\`\$${__dirname}/$${name}_bg.wasm\`|\`\$${__dirname}/../web/$${name}_bg.wasm\`|" $(PKG)/node/$$name.js; \
	  grep -F "\`\$${__dirname}/../web/$${name}_bg.wasm\`" $(PKG)/node/$$name.js > /dev/null; \
	done
	echo '{ "type": "module" }' > $(PKG)/web/package.json
	cp borgerraad-wasm/package.json README.md LICENSE-MIT LICENSE-APACHE $(PKG)/

npm-package: wasm $(JS)/node_modules/.ready  ## npm pack, install the tarball into a scratch project, import it in node and Chromium
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	cd $(JS) && node package.mjs

types: $(JS)/node_modules/.ready  ## Regenerate borgerraad-wasm/types.d.ts from schema/
	cd $(JS) && node gen-types.mjs

js-test: wasm $(JS)/node_modules/.ready  ## Node tests over the fixtures, and tsc over them
	cd $(JS) && npx tsc -p tsconfig.json
	cd $(JS) && node --test

browser-test: wasm $(JS)/node_modules/.ready  ## The widget in headless Chromium (installs Debian's chromium when missing)
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	cd $(JS) && node browser.mjs

wasm-budget: wasm $(JS)/node_modules/.ready  ## The main module's gzipped .wasm against the widget's 200 KiB first-load budget (fails when over; part of `make test`), and a year summary's time in Chromium
	cd $(JS) && node browser.mjs --budget
	rules=$$(gzip -9 -c $(PKG)/web/borgerraad_rules_bg.wasm | wc -c); \
	  echo "gzipped borgerraad/rules .wasm, loaded on demand: $$rules bytes"
	size=$$(gzip -9 -c $(PKG)/web/borgerraad_wasm_bg.wasm | wc -c); \
	  echo "gzipped .wasm: $$size bytes; the widget's first-load budget is 200 KiB (204800 bytes)"; test "$$size" -le 204800

bench:  ## Criterion benchmarks (figures go into BENCHMARKS.md)
	$(CARGO) bench -p borgerraad-core --bench core

sheet-bench: $(VENV)/.ready  ## Reading a 100 000-row .xlsx and CSV against pandas read_excel and read_csv (figures go into BENCHMARKS.md)
	mkdir -p target && cd target && ../$(PY) ../borgerraad-core/benches/sheet.py

count:  ## Instructions of one load of 100 000 records: JSONL, columns, columns with days (needs valgrind; BENCHMARKS.md)
	$(CARGO) bench -p borgerraad-core --bench load_once --no-run
	for format in jsonl columns days; do \
	  for loads in 0 1; do \
	    env "CARGO_TARGET_$$(rustc -vV | sed -n 's/host: //p' | tr a-z- A-Z_)_RUNNER=valgrind --tool=callgrind --callgrind-out-file=/dev/null" \
	      $(CARGO) bench -q -p borgerraad-core --bench load_once -- $$format 100000 $$loads 2>&1 | sed -n 's/.*Collected : //p'; \
	  done | paste -sd' ' | awk -v f=$$format '{ printf "%s: %.0f M instructions per load of 100 000 records\n", f, ($$2 - $$1) / 1e6 }'; \
	done

fmt:
	$(CARGO) fmt --all

bless:  ## Regenerate generated fixtures and schemas after an intended change
	BORGERRAAD_BLESS=1 $(CARGO) test -p borgerraad-core --test golden --test schema
