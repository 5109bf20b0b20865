#!/usr/bin/env bash
# End-to-end speed and memory of the `cltv` command line on a simulated log of 1,000,000 CDNOW-like customers
# (about 4.4 million transactions): `cltv predict` from CSV to predictions file, and `cltv fit` of BG/NBD and
# Gamma-Gamma, each run several times under GNU time. Targets (2 cores): predict <= 3 s wall and <= 500 MB peak.
#
# Environment: CUSTOMERS (default 1000000), SEED (1), RUNS (3), DATA_DIR (${TMPDIR:-/tmp}/cltv-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

customers=${CUSTOMERS:-1000000}
seed=${SEED:-1}
runs=${RUNS:-3}
data_dir=${DATA_DIR:-${TMPDIR:-/tmp}/cltv-bench}
input="$data_dir/transactions-$customers-seed$seed.csv"
cltv=src/CltvDashboard.Cli/bin/Release/net10.0/cltv

log() { printf '\n== %s\n' "$*" >&2; }

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

# Runs "$@" under GNU time $runs times; prints wall seconds and max RSS of each run, then the fastest wall
# time and the largest max RSS (the figure to hold against a memory target).
measure() {
  local label=$1
  shift
  local best_wall='' peak_rss=0
  log "$label"
  for run in $(seq 1 "$runs"); do
    local status=0 wall rss_mb
    /usr/bin/time -v -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
    if ((status != 0)); then
      echo "$label run $run failed with exit status $status:" >&2
      cat "$work/stderr" >&2
      exit 1
    fi
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:02.51" -> seconds.
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, part, ":"); s = 0
      for (i = 1; i <= n; i++) s = s * 60 + part[i]
      printf "%.2f", s }' "$work/time")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time")
    printf '%-8s run %d: wall %6.2f s   max RSS %5d MB\n' "$label" "$run" "$wall" "$rss_mb"
    if [[ -z "$best_wall" ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall
    fi
    ((rss_mb > peak_rss)) && peak_rss=$rss_mb
  done
  printf '%-8s best:  wall %6.2f s   max RSS %5d MB (largest of %d runs)\n' "$label" "$best_wall" "$peak_rss" "$runs"
}

measure predict "$cltv" predict --input "$input" --output "$work/predictions.csv" --quiet
echo "         predictions: $(($(wc -l <"$work/predictions.csv") - 1)) customers"
measure fit "$cltv" fit --input "$input" --json --model bgnbd,gammagamma --quiet
echo "targets (2 cores): predict <= 3 s wall and <= 500 MB max RSS"
