#!/usr/bin/env bash
# Runs every test (unit, integration and end-to-end) after installing what they need.
# Extra arguments go to `dotnet test` (e.g. --filter "Category!=Slow" for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build ActorVoice.sln -c Release --no-restore --verbosity quiet -nologo
log="$(mktemp)"
status=0
run_tests() { dotnet test "$@" -c Release --no-build --verbosity quiet -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log"; }
if (($# > 0)); then
  run_tests ActorVoice.sln "$@" || status=$?
else
  # Every assembly in parallel except the live-device tests (real-time audio through PulseAudio virtual devices) and
  # the cluster tests (three nodes and 30 real-time clients in one process), which then run alone: CPU starvation from
  # the other assemblies would drop their audio and stretch the cluster's failure detection.
  run_tests ActorVoice.sln --filter "Category!=Devices&Category!=Cluster" || status=$?
  run_tests tests/ActorVoice.Tests --filter "Category=Cluster" || status=$?
  run_tests tests/ActorVoice.Tests --filter "Category=Devices" || status=$?
fi
# One closing line over all test projects: "N passed, N failed, N skipped".
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1);
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
