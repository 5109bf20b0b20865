#!/usr/bin/env bash
# End-to-end speed and memory of `cltv import` on the simulated log of 1,000,000 CDNOW-like customers (about 4.4
# million rows): into PostgreSQL, against `psql \copy` of the same file into a plain table measured in the same
# run, and into a fresh SQLite file. Each run imports into an empty store. Targets (2 cores): PostgreSQL within 2x
# the \copy time, SQLite within 60 s, peak memory under 300 MB for both.
#
# PostgreSQL: a throwaway cluster of /usr/lib/postgresql/15 with its default settings, in a temporary folder on a
# free port (as the postgres user when run as root), logging every statement over one second with its duration
# so that the merge's steps can be read from "$work/pg/log" (KEEP=1 keeps the folder).
#
# FLOOR=1 (the default) also times the server alone storing what the import stored: psql \copy of the imported
# rows into unindexed copies of the two tables, then the same indexes.
#
# APPEND=1 also imports the same file a second time into each run's PostgreSQL database: the append into a
# populated store (staging table and deduping merge), every row a duplicate.
#
# Environment: CUSTOMERS (default 1000000), SEED (1), RUNS (2), FLOOR (1), APPEND (0), DATA_DIR (${TMPDIR:-/tmp}/cltv-bench), PG_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."

customers=${CUSTOMERS:-1000000}
seed=${SEED:-1}
runs=${RUNS:-2}
data_dir=${DATA_DIR:-${TMPDIR:-/tmp}/cltv-bench}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
cltv=$PWD/src/CltvDashboard.Cli/bin/Release/net10.0/cltv
source bench/lib.sh

require_gnu_time
build_release CltvDashboard.Cli
require_input
rows=$(($(wc -l <"$input") - 1))
log "using $input ($(du -h "$input" | cut -f1), $rows rows)"

work=$(mktemp -d)
chmod 755 "$work"
as_pg=()
((EUID == 0)) && as_pg=(runuser -u postgres --)
stop_cluster() {
  [[ -f "$work/pg/postmaster.pid" ]] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  [[ ${KEEP:-0} == 1 ]] && echo "kept $work" >&2 || rm -rf "$work"
}
trap stop_cluster EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$work/pg"
((EUID == 0)) && chown postgres "$work/pg"
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c log_min_duration_statement=1000" start >/dev/null
psql=(psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q)

for run in $(seq 1 "$runs"); do
  log "run $run (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  "${psql[@]}" -c "CREATE DATABASE plain_$run" -c "CREATE DATABASE cltv_$run"
  "${psql[@]}" -d "plain_$run" -c "CREATE TABLE plain (customer_id text, date date, amount numeric)"
  timed "${psql[@]}" -d "plain_$run" -c "\\copy plain FROM '$input' WITH (FORMAT csv, HEADER true)"
  copy_wall=$wall
  printf 'psql \\copy          run %d: wall %6.2f s\n' "$run" "$copy_wall"

  timed "$cltv" import --input "$input" --database "Host=127.0.0.1;Port=$port;Username=postgres;Database=cltv_$run" --currency USD --quiet
  printf 'import PostgreSQL   run %d: wall %6.2f s   max RSS %4d MB   %.2fx \\copy   (load after: %s)\n' \
    "$run" "$wall" "$rss_mb" "$(awk -v a="$wall" -v b="$copy_wall" 'BEGIN { print a / b }')" "$(cut -d' ' -f1 /proc/loadavg)"
  grep -o '"transactionsImported": [0-9]*' "$work/stdout" >&2

  if [[ ${FLOOR:-1} == 1 ]]; then
    # The server's own share of that import: the rows exactly as the import stored them, copied by psql into
    # unindexed copies of `transactions` and `customers`, then the same indexes built. No import can take less
    # on this schema; the gap between this and the import is the client (start, parsing, hashing, deduping).
    "${psql[@]}" -d "cltv_$run" -c "\copy transactions TO '$work/transactions.copy'" -c "\copy customers TO '$work/customers.copy'" \
      -c "CREATE TABLE floor_transactions (LIKE transactions INCLUDING DEFAULTS)" -c "CREATE TABLE floor_customers (LIKE customers INCLUDING DEFAULTS)"
    indexes=$("${psql[@]}" -d "cltv_$run" -At -c "SELECT replace(replace(indexdef, 'INDEX ' || indexname, 'INDEX floor_' || indexname), 'ON public.' || tablename, 'ON public.floor_' || tablename) || ';'
      FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('transactions', 'customers')")
    timed "${psql[@]}" -d "cltv_$run" -c "\copy floor_customers FROM '$work/customers.copy'" -c "\copy floor_transactions FROM '$work/transactions.copy'" -c "$indexes"
    printf 'server floor        run %d: wall %6.2f s   %.2fx \copy   (the stored rows by psql \copy, then the %d indexes)\n' \
      "$run" "$wall" "$(awk -v a="$wall" -v b="$copy_wall" 'BEGIN { print a / b }')" "$(grep -c . <<<"$indexes")"
    rm -f "$work/transactions.copy" "$work/customers.copy"
  fi

  if [[ ${APPEND:-0} == 1 ]]; then
    timed "$cltv" import --input "$input" --database "Host=127.0.0.1;Port=$port;Username=postgres;Database=cltv_$run" --currency USD --quiet
    printf 'again, PostgreSQL   run %d: wall %6.2f s   max RSS %4d MB   (load after: %s)\n' "$run" "$wall" "$rss_mb" "$(cut -d' ' -f1 /proc/loadavg)"
    grep -o '"duplicatesSkipped": [0-9]*' "$work/stdout" >&2
  fi

  timed "$cltv" import --input "$input" --database "$work/cltv_$run.db" --currency USD --quiet
  printf 'import SQLite       run %d: wall %6.2f s   max RSS %4d MB   (load after: %s)\n' "$run" "$wall" "$rss_mb" "$(cut -d' ' -f1 /proc/loadavg)"
  grep -o '"transactionsImported": [0-9]*' "$work/stdout" >&2
  rm -f "$work/cltv_$run.db"*
done

log "PostgreSQL statements over 1 s (last run)"
grep -o 'duration: [0-9.]* ms .*' "$work/pg/log" | tail -n 16 | cut -c1-160 >&2
echo "targets (2 cores): PostgreSQL <= 2x psql \\copy, SQLite <= 60 s, max RSS < 300 MB"
