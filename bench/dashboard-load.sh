#!/usr/bin/env bash
# Load test of the dashboards and the JSON API on PostgreSQL: the simulated log of CUSTOMERS CDNOW-like customers
# (as bench/pipeline-e2e.sh makes it) is imported into cltv_bench_web with `cltv import` and recalculated twice
# (so that pages have a previous run to compare with), then served by the web application (Release, Kestrel on
# 127.0.0.1), and wrk (Debian's package; bench/dashboard-load.lua) keeps USERS signed-in users, each on its own
# keep-alive connection and cookie, requesting each page for DURATION seconds after one untimed warm-up request,
# reporting p50/p95/p99/max per page. LOADGEN=python uses bench/dashboard_load.py instead (REQUESTS requests per page,
# a new connection per request: heavier on the shared cores). Bounded: a fixed duration or request count per page, a
# timeout per request, the server stopped at the end.
# Target (issue 6): p95 <= 100 ms per page and API list call at 20 users.
#
# DURING_RECALC=1 repeats the load while `cltv recalc` computes and publishes a new run, and once more right after.
# Environment: USERS (20), DURATION (10), LOADGEN (wrk when installed, else python), REQUESTS (200), PORT (5099), CUSTOMERS (1000000), SEED (1), DATA_DIR (${TMPDIR:-/tmp}/cltv-bench),
# REUSE (1: keep an existing cltv_bench_web), PG_ADMIN (admin connection string; default
# Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres).
set -euo pipefail
cd "$(dirname "$0")/.."

users=${USERS:-20}
requests=${REQUESTS:-200}
duration=${DURATION:-10}
loadgen=${LOADGEN:-$(command -v wrk >/dev/null && echo wrk || echo python)}
port=${PORT:-5099}
customers=${CUSTOMERS:-1000000}
seed=${SEED:-1}
data_dir=${DATA_DIR:-${TMPDIR:-/tmp}/cltv-bench}
# No TLS to the server on the same machine, as in docker-compose.yml (the postgres image serves without it); Debian's
# server offers TLS, which Npgsql would take by default and pay for on every query.
database="${PG_ADMIN:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres};Database=cltv_bench_web;SSL Mode=Disable"
admin=${PG_ADMIN:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}
email=bench@example.com
password=Bench-Password-1

source bench/lib.sh

build_release CltvDashboard.Web CltvDashboard.Cli

if [[ ${REUSE:-0} == 1 && -n $(psql_admin "SELECT 1 FROM pg_database WHERE datname = 'cltv_bench_web'") ]]; then
  log "reusing cltv_bench_web"
else
  require_input
  log "fresh database cltv_bench_web: import and two recalculations"
  psql_admin "DROP DATABASE IF EXISTS cltv_bench_web WITH (FORCE)"
  psql_admin "CREATE DATABASE cltv_bench_web"
  src/CltvDashboard.Cli/bin/Release/net10.0/cltv import --input "$input" --database "$database" --currency USD --quiet
  src/CltvDashboard.Cli/bin/Release/net10.0/cltv recalc --database "$database" --quiet
  src/CltvDashboard.Cli/bin/Release/net10.0/cltv recalc --database "$database" --quiet
fi

work=$(mktemp -d)
server_pid=''
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

log "starting the web application on 127.0.0.1:$port"
(
  cd src/CltvDashboard.Web
  CLTV_DATABASE="$database" CLTV_DATA_DIR="$work/data" CLTV_ADMIN_EMAIL=$email CLTV_ADMIN_PASSWORD=$password \
    ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning Cltv__SignInAttemptsPerMinute=1000 \
    Serilog__MinimumLevel__Override__CltvDashboard=Information \
    exec dotnet bin/Release/net10.0/CltvDashboard.Web.dll --urls "http://127.0.0.1:$port"
) >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

customer=$(psql_admin "\\c cltv_bench_web" >/dev/null; PGPASSWORD=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$admin") psql -h 127.0.0.1 -U postgres -d cltv_bench_web -qAtc "SELECT c.external_id FROM customer_metrics m JOIN customers c ON c.id = m.customer_id WHERE m.calculation_run_id = (SELECT id FROM calculation_runs WHERE is_current) LIMIT 1")

pages=(/Overview /Segments "/Customers" "/Customers?sort=ProbabilityAlive&desc=false&p=3" "/Customers?preset=HighValueAtRisk" "/Customers?q=12345"
  "/Customers/$customer" /Cohorts /ModelHealth "/WhatIf"
  /api/v1/kpis /api/v1/segments/rfm "/api/v1/customers?pageSize=100" "/api/v1/customers?page=50&pageSize=100" /api/v1/cohorts /api/v1/runs)

base="http://127.0.0.1:$port"

# One session per simulated user: the sign-in form's antiforgery token, then the form post. Every cookie the browser
# would hold is kept (the antiforgery cookie too: without it each page with a form would issue a new one).
sign_in() {
  local jar=$work/jar.$1 token
  rm -f "$jar"
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/Account/SignIn" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=$email" --data-urlencode "Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/Account/SignIn"
  awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 } END { print "" }' "$jar"
}

load() {
  if [[ $loadgen == python ]]; then
    python3 bench/dashboard_load.py "$base" "$email" "$password" --users "$users" --requests "$requests" "${pages[@]}"
    return
  fi
  local first_cookie url first line failed=0
  printf '%-58s %8s %6s %8s %8s %8s %8s %9s\n' url requests errors 'p50 ms' 'p95 ms' 'p99 ms' 'max ms' 'first ms'
  for url in "${pages[@]}"; do
    # Fresh sessions per page, as each page's round is its own measurement: reads re-check a stored session at most
    # every Cltv:SessionCheckSeconds (5) per instance, one query per user then, as for a browser.
    : >"$work/cookies"
    for i in $(seq 1 "$users"); do sign_in "$i" >>"$work/cookies"; done
    [[ $(grep -c cltv.auth "$work/cookies") == "$users" ]] || { echo "sign-in failed" >&2; return 1; }
    first_cookie=$(head -1 "$work/cookies")
    # Untimed warm-up, as the first request of a figure not computed since the server started is the uncached one.
    first=$(curl -fsS -o /dev/null -w '%{time_total}' -H "Cookie: $first_cookie" "$base$url") || { echo "warm-up of $url failed" >&2; failed=1; continue; }
    line=$(COOKIES="$work/cookies" wrk -t "$users" -c "$users" -d "${duration}s" --timeout 30s -s bench/dashboard-load.lua "$base$url" | grep '^RESULT')
    # shellcheck disable=SC2086
    set -- ${line#RESULT }
    local -A r=()
    for kv in "$@"; do r[${kv%%=*}]=${kv#*=}; done
    printf '%-58s %8s %6s %8s %8s %8s %8s %9.1f\n' "$url" "${r[requests]}" "${r[errors]}" "${r[p50]}" "${r[p95]}" "${r[p99]}" "${r[max]}" "$(echo "$first * 1000" | bc)"
    [[ ${r[errors]} == 0 ]] || failed=1
  done
  return $failed
}

log "$users users ($loadgen), ${duration} s per page with wrk or $requests requests per page with python"
load

if [[ ${DURING_RECALC:-0} == 1 ]]; then
  # The same load again while `cltv recalc` computes a new run against the same database and makes it current
  # part-way through: pages keep serving the previous run until then.
  log "the same load while a recalculation runs"
  start=$(date +%s.%N)
  src/CltvDashboard.Cli/bin/Release/net10.0/cltv recalc --database "$database" --quiet >"$work/recalc.json" &
  recalc_pid=$!
  round=0
  while kill -0 "$recalc_pid" 2>/dev/null; do
    round=$((round + 1))
    log "round $round under the recalculation ($(printf '%.0f' "$(echo "$(date +%s.%N) - $start" | bc)") s in)"
    load
  done
  wait "$recalc_pid"
  printf 'recalculation during the load: %.1f s wall (run %s)\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$(sed -n 's/.*"runId": \([0-9]*\).*/\1/p' "$work/recalc.json")"
  # The new run is current now and stored its opening figures when it was published: this round's first pages read them.
  log "the same load right after the new run became current"
  load
fi
