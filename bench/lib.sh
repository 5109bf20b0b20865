# Shared by the end-to-end benchmark scripts: sourced after `cd` to the repository root and after the script has set
# customers, seed and data_dir. Defines input (the simulated log's path) and the helpers below.
# shellcheck shell=bash

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

input="$data_dir/transactions-$customers-seed$seed.csv"

log() { printf '\n== %s\n' "$*" >&2; }

# GNU time reports the peak memory the figures quote; Debian's package, installed when missing.
require_gnu_time() {
  [[ -x /usr/bin/time ]] && return
  log "installing GNU time"
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq time >/dev/null
}

# Builds the projects named (paths under src/) in Release.
build_release() {
  local project
  for project in "$@"; do
    log "building $project (Release)"
    dotnet build "src/$project" -c Release -nologo -v quiet
  done
}

# The simulated log of $customers customers with $seed, generated once into $data_dir and reused.
require_input() {
  mkdir -p "$data_dir"
  if [[ ! -s "$input" ]]; then
    log "generating $input"
    dotnet run -c Release --project bench/CltvDashboard.Benchmarks -- generate --customers "$customers" --seed "$seed" --output "$input"
  else
    log "using $input ($(du -h "$input" | cut -f1))"
  fi
}

# Runs one statement with psql as the user of the admin connection string in $admin, on its postgres database.
psql_admin() {
  local host port user password
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$admin")
  port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$admin")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$admin")
  password=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$admin")
  PGPASSWORD=$password psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -d postgres -v ON_ERROR_STOP=1 -qAtc "$1"
}

# Runs "$@" under GNU time with its output in $work/stdout and $work/stderr; sets wall (seconds) and rss_mb, and
# stops the script with the command's errors when it fails.
timed() {
  local status=0
  /usr/bin/time -v -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
  if ((status != 0)); then
    echo "run failed with exit status $status: $*" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:02.51" -> seconds.
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, part, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + part[i]
    printf "%.2f", s }' "$work/time")
  rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time")
}

# Runs "$@" $runs times under timed; prints each run's wall time and peak memory, then the fastest wall time and
# the largest peak (the figure to hold against a memory target). Keeps the fastest run's output in $work/best.
measure() {
  local label=$1
  shift
  local best_wall='' peak_rss=0 run
  log "$label"
  for run in $(seq 1 "$runs"); do
    timed "$@"
    printf '%-8s run %d: wall %6.2f s   max RSS %5d MB\n' "$label" "$run" "$wall" "$rss_mb"
    if [[ -z "$best_wall" ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall
      cp "$work/stdout" "$work/best"
    fi
    ((rss_mb > peak_rss)) && peak_rss=$rss_mb
  done
  printf '%-8s best:  wall %6.2f s   max RSS %5d MB (largest of %d runs)\n' "$label" "$best_wall" "$peak_rss" "$runs"
}
