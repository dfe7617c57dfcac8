#!/usr/bin/env bash
# Runs the offline demo on the embedded defaults: the sample documents, the sample spoken questions, the local
# realtime server (pocketsphinx + flite). Extra arguments go to `actorvoice demo` (e.g. --limit 5, --playback realtime).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build src/ActorVoice.Cli -c Release --no-restore --verbosity quiet -nologo
exec dotnet src/ActorVoice.Cli/bin/Release/net10.0/actorvoice.dll demo --playback fast "$@"
