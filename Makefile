# Every target CI runs. `make test` installs what is missing and runs all tests.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo

.PHONY: help test rust-test example-test bench fmt bless

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

test: rust-test example-test  ## Run every test (the README's test command)

rust-test:  ## Rust unit, integration, property and doc tests
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

example-test:  ## The main job prints the report's table; bad input fails with one line
	mkdir -p target
	$(CARGO) run -q --example annual_report > target/annual_report.md
	grep -q '| I alt | 573 | 657 | 595 | 514 | 683 | 793 |' target/annual_report.md
	grep -q '| Gennemsnit | 47,75 | 54,75 | 49,58 | 42,83 | 56,92 | 66,08 |' target/annual_report.md
	printf 'id,citizen,received,municipality,channel,requester,kind,category\nX-1,abc,2022-02-30,esbjerg,telefon,borger,vejledning,teknik-miljoe\n' > target/bad.csv
	! $(CARGO) run -q --example annual_report -- --input target/bad.csv 2> target/bad.err
	test "$$(wc -l < target/bad.err)" -eq 1
	grep -q 'target/bad.csv:2: record `X-1`: field `received`' target/bad.err
	@echo "example-test: ok"

bench:  ## Criterion benchmarks (figures go into BENCHMARKS.md)
	$(CARGO) bench -p borgerraad-core --bench core

fmt:
	$(CARGO) fmt --all

bless:  ## Regenerate generated fixtures and schemas after an intended change
	BORGERRAAD_BLESS=1 $(CARGO) test -p borgerraad-core --test golden --test schema
