#!/usr/bin/env bash
# End-to-end speed and memory of the recalculation pipeline on PostgreSQL: the simulated log of 1,000,000
# CDNOW-like customers (about 4.4 million transactions) is imported once with `cltv import`, then
# `cltv recalc --json` runs the full pipeline (read, summaries, RFM, cohorts, three count models fitted on a
# calibration period and checked on the 6-month holdout, the chosen one refitted, Gamma-Gamma, forecasts,
# segments, binary COPY of the results, publish) several times under GNU time.
# Targets (2 cores): <= 30 s wall and <= 1.5 GB peak memory per run.
#
# Environment: CUSTOMERS (default 1000000), SEED (1), RUNS (3), DATA_DIR (${TMPDIR:-/tmp}/cltv-bench),
# PG_ADMIN (admin connection string; default the local cluster, Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres),
# DATABASE_NAME (cltv_bench_pipeline; another name keeps two benches on one server apart).
# The database is dropped and created afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

customers=${CUSTOMERS:-1000000}
seed=${SEED:-1}
runs=${RUNS:-3}
data_dir=${DATA_DIR:-${TMPDIR:-/tmp}/cltv-bench}
admin=${PG_ADMIN:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}
database_name=${DATABASE_NAME:-cltv_bench_pipeline}
database="$admin;Database=$database_name"
cltv=src/CltvDashboard.Cli/bin/Release/net10.0/cltv
source bench/lib.sh

require_gnu_time
build_release CltvDashboard.Cli
require_input

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log "fresh database $database_name"
psql_admin "DROP DATABASE IF EXISTS $database_name WITH (FORCE)"
psql_admin "CREATE DATABASE $database_name"

log "importing $input"
timed "$cltv" import --input "$input" --database "$database" --currency USD --json --quiet
printf 'import wall %.2f s   max RSS %d MB\n' "$wall" "$rss_mb"

measure recalc "$cltv" recalc --database "$database" --json --quiet
cp "$work/best" "$work/best.json"
echo "stage timings of the fastest run (ms):"
python3 - "$work/best.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
print(f"  customers {summary['customers']:,}, chosen model {summary['chosenModel']}, pipeline total {summary['totalMilliseconds']:,} ms")
for stage in summary["stageTimings"]:
    print(f"  {stage['stage']:<45} {stage['milliseconds']:>7,}")
PY
echo "targets (2 cores): recalc <= 30 s wall and <= 1.5 GB max RSS"
