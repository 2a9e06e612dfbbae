#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 300) in turn, then minimises
# the corpora. cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the one
# stable toolchain accept them. Results: FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-300}"
# The kept corpus is committed as one archive; unpack it on first use.
[ -d corpus ] || tar xzf corpus.tar.gz
# The record reader starts from the JSON Lines corpus; its own corpus is
# not kept (it is large and quickly rebuilt).
[ -d corpus/record ] || cp -r corpus/jsonl corpus/record
# The new targets start from the CSV corpus (cpr: its text has CPR numbers).
[ -d corpus/csv_collect ] || cp -r corpus/csv corpus/csv_collect
[ -d corpus/cpr ] || cp -r corpus/csv corpus/cpr
mkdir -p target
mkdir -p corpus/disclosure
for t in jsonl record csv taxonomy ruleset deadline cpr csv_collect disclosure; do
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=4096 -print_final_stats=1 2>&1 | tail -25 > "target/$t.log"
  RUSTC_BOOTSTRAP=1 cargo fuzz cmin -O "$t" "corpus/$t" > /dev/null 2>&1
  echo "$t: $(grep -E 'stat::number_of_executed_units|Done' "target/$t.log" | tr '\n' ' ')"
done
tar czf corpus.tar.gz --exclude=corpus/record corpus
