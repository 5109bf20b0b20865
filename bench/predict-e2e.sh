#!/usr/bin/env bash
# End-to-end speed and memory of the `cltv` command line on a simulated log of 1,000,000 CDNOW-like customers
# (about 4.4 million transactions): `cltv predict` from CSV to predictions file, and `cltv fit` of BG/NBD and
# Gamma-Gamma, each run several times under GNU time. Targets (2 cores): predict <= 3 s wall and <= 500 MB peak.
#
# Environment: CUSTOMERS (default 1000000), SEED (1), RUNS (3), DATA_DIR (${TMPDIR:-/tmp}/cltv-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

customers=${CUSTOMERS:-1000000}
seed=${SEED:-1}
runs=${RUNS:-3}
data_dir=${DATA_DIR:-${TMPDIR:-/tmp}/cltv-bench}
cltv=src/CltvDashboard.Cli/bin/Release/net10.0/cltv
source bench/lib.sh

require_gnu_time
build_release CltvDashboard.Cli
require_input

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure predict "$cltv" predict --input "$input" --output "$work/predictions.csv" --quiet
echo "         predictions: $(($(wc -l <"$work/predictions.csv") - 1)) customers"
measure fit "$cltv" fit --input "$input" --json --model bgnbd,gammagamma --quiet
echo "targets (2 cores): predict <= 3 s wall and <= 500 MB max RSS"
