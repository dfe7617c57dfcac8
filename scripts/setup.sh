#!/usr/bin/env bash
# Installs what ActorVoice needs on Debian, idempotently: the offline speech packages and the NuGet restore.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# libportaudio2: `actorvoice talk` (devices); pulseaudio, pulseaudio-utils, libasound2-plugins: the virtual devices of
# scripts/virtual-audio.sh that the talk tests run on (PulseAudio null sinks reached through ALSA).
packages=(pocketsphinx pocketsphinx-en-us pocketsphinx-testdata flite libflite1 sox fonts-dejavu-core chromium
  libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins)
# npm packs the Silero VAD model's package (scripts/silero-model.sh); a Node.js install that brings its own npm is kept.
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]} > 0)); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [[ "$(id -u)" -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The spoken sample questions are committed; regenerate any that are missing.
bash scripts/make-sample-questions.sh >/dev/null

# The Silero VAD model (neural VAD, docs/vad.md) from its npm package into models/silero (no download at run time).
bash scripts/silero-model.sh

dotnet restore ActorVoice.sln --verbosity quiet
