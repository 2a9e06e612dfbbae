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
# The profile and sheet targets start from the shipped profiles and the
# sheet fixtures (the kept archive has them too, with a statistics
# document of the sample for the stats target).
[ -d corpus/profile ] || { mkdir -p corpus/profile; cp ../borgerraad-core/data/profiles/*.json corpus/profile/; }
[ -d corpus/sheet ] || { mkdir -p corpus/sheet; cp ../tests/fixtures/sheets/*.csv ../tests/fixtures/sheets/*.xlsx corpus/sheet/; }
# The import target starts from the sheet corpus (an office's own files).
[ -d corpus/import ] || cp -r corpus/sheet corpus/import
mkdir -p target
mkdir -p corpus/disclosure corpus/stats
for t in jsonl record csv taxonomy ruleset deadline cpr csv_collect disclosure profile sheet import stats; do
  # Profiles and statistics documents are larger than a few lines of records.
  case "$t" in profile|stats|sheet|import) len=16384 ;; *) len=4096 ;; esac
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -max_len="$len" -print_final_stats=1 2>&1 | tail -25 > "target/$t.log"
  RUSTC_BOOTSTRAP=1 cargo fuzz cmin -O "$t" "corpus/$t" > /dev/null 2>&1
  echo "$t: $(grep -E 'stat::number_of_executed_units|Done' "target/$t.log" | tr '\n' ' ')"
done
tar czf corpus.tar.gz --exclude=corpus/record corpus
