#!/usr/bin/env bash
# End-to-end speed and memory of the recalculation pipeline on PostgreSQL: the simulated log of 1,000,000
# CDNOW-like customers (about 4.4 million transactions) is imported once with `cltv import`, then
# `cltv recalc --json` runs the full pipeline (read, summaries, RFM, cohorts, three count models fitted on a
# calibration period and checked on the 6-month holdout, the chosen one refitted, Gamma-Gamma, forecasts,
# segments, binary COPY of the results, publish) several times under GNU time.
# Targets (2 cores): <= 30 s wall and <= 1.5 GB peak memory per run.
#
# Environment: CUSTOMERS (default 1000000), SEED (1), RUNS (3), DATA_DIR (${TMPDIR:-/tmp}/cltv-bench),
# PG_ADMIN (admin connection string; default the local cluster, Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres).
# The database cltv_bench_pipeline is dropped and created afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

customers=${CUSTOMERS:-1000000}
seed=${SEED:-1}
runs=${RUNS:-3}
data_dir=${DATA_DIR:-${TMPDIR:-/tmp}/cltv-bench}
admin=${PG_ADMIN:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}
database="$admin;Database=cltv_bench_pipeline"
input="$data_dir/transactions-$customers-seed$seed.csv"
cltv=src/CltvDashboard.Cli/bin/Release/net10.0/cltv

log() { printf '\n== %s\n' "$*" >&2; }

psql_admin() {
  # Reads host, port, user and password from the admin connection string.
  local host port user password
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$admin")
  port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$admin")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$admin")
  password=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$admin")
  PGPASSWORD=$password psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -d postgres -v ON_ERROR_STOP=1 -qc "$1"
}

if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time"
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq time >/dev/null
fi

log "building the command line (Release)"
dotnet build src/CltvDashboard.Cli -c Release -nologo -v quiet

mkdir -p "$data_dir"
if [[ ! -s "$input" ]]; then
  log "generating $input"
  dotnet run -c Release --project bench/CltvDashboard.Benchmarks -- generate --customers "$customers" --seed "$seed" --output "$input"
else
  log "using $input ($(du -h "$input" | cut -f1))"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log "fresh database cltv_bench_pipeline"
psql_admin "DROP DATABASE IF EXISTS cltv_bench_pipeline WITH (FORCE)"
psql_admin "CREATE DATABASE cltv_bench_pipeline"

log "importing $input"
/usr/bin/time -v -o "$work/time" "$cltv" import --input "$input" --database "$database" --currency USD --json --quiet >"$work/import.json"
awk -F': ' '/Elapsed \(wall clock\)/ { print "import wall " $2 } /Maximum resident set size/ { printf "import max RSS %.0f MB\n", $2 / 1024 }' "$work/time"

best_wall='' peak_rss=0
for run in $(seq 1 "$runs"); do
  status=0
  /usr/bin/time -v -o "$work/time" "$cltv" recalc --database "$database" --json --quiet >"$work/recalc.json" 2>"$work/stderr" || status=$?
  if ((status != 0)); then
    echo "recalc run $run failed with exit status $status:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, part, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + part[i]
    printf "%.2f", s }' "$work/time")
  rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time")
  printf 'recalc run %d: wall %6.2f s   max RSS %5d MB\n' "$run" "$wall" "$rss_mb"
  if [[ -z "$best_wall" ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
    best_wall=$wall
    cp "$work/recalc.json" "$work/best.json"
  fi
  ((rss_mb > peak_rss)) && peak_rss=$rss_mb
done

printf 'recalc best:  wall %6.2f s   max RSS %5d MB (largest of %d runs)\n' "$best_wall" "$peak_rss" "$runs"
echo "stage timings of the fastest run (ms):"
python3 - "$work/best.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
print(f"  customers {summary['customers']:,}, chosen model {summary['chosenModel']}, pipeline total {summary['totalMilliseconds']:,} ms")
for stage in summary["stageTimings"]:
    print(f"  {stage['stage']:<45} {stage['milliseconds']:>7,}")
PY
echo "targets (2 cores): recalc <= 30 s wall and <= 1.5 GB max RSS"
