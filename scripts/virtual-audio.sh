#!/usr/bin/env bash
# Virtual audio devices for `actorvoice talk` on a machine without a sound card (CI, containers), idempotently.
#
#   scripts/virtual-audio.sh [start]   start PulseAudio (if not running) with the two virtual devices below
#   scripts/virtual-audio.sh stop      stop the PulseAudio daemon this script started
#   scripts/virtual-audio.sh status    print the sinks and sources
#
# Devices (PulseAudio null sinks; a null sink's ".monitor" source hears everything played into the sink):
#   actorvoice_speaker   the speaker: what `talk` plays lands here; record it with
#                        `parec -d actorvoice_speaker.monitor --file-format=wav out.wav`
#   actorvoice_mic       the microphone's far side: play a WAV into it (`paplay -d actorvoice_mic q01.wav`) and
#                        whoever records `actorvoice_mic.monitor` (the default source) hears it, in real time
# PortAudio (Debian's build has the ALSA host API) reaches them through the ALSA PulseAudio plugin
# (libasound2-plugins): the ALSA devices "pulse" and "default" go to PulseAudio's defaults, and ~/.asoundrc gets
# two named PCMs, "actorvoice_mic" and "actorvoice_speaker", that go to the virtual devices directly.
set -euo pipefail

packages=(pulseaudio pulseaudio-utils libasound2-plugins libportaudio2)
asoundrc="${HOME}/.asoundrc"
marker="# actorvoice virtual audio (scripts/virtual-audio.sh)"

install_packages() {
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then
    echo "Installing Debian packages: ${missing[*]}" >&2
    local sudo_cmd=()
    if [[ "$(id -u)" -ne 0 ]]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

running() { pactl info >/dev/null 2>&1; }

has_sink() { pactl list short sinks 2>/dev/null | awk '{print $2}' | grep -qx "$1"; }

start_daemon() {
  if running; then return; fi
  # As root PulseAudio warns ("not intended to be run as root") but runs as a per-user daemon, which is what we want:
  # --system would need the pulse user, the pulse-access group and clients configured to find the system socket.
  # -n: no default.pa (it would probe for sound cards, which a container has none of); --exit-idle-time=-1: stay up
  # between test runs.
  pulseaudio --daemonize=yes --exit-idle-time=-1 --system=false -n \
    --load=module-native-protocol-unix --log-target=syslog 2>/dev/null || true
  for _ in $(seq 1 50); do
    if running; then return; fi
    sleep 0.1
  done
  echo "error: PulseAudio did not start (try: pulseaudio -vvv --exit-idle-time=-1 -n --load=module-native-protocol-unix)" >&2
  exit 1
}

load_devices() {
  if ! has_sink actorvoice_speaker; then
    pactl load-module module-null-sink sink_name=actorvoice_speaker rate=48000 channels=1 \
      sink_properties=device.description=ActorVoice-virtual-speaker >/dev/null
  fi
  if ! has_sink actorvoice_mic; then
    pactl load-module module-null-sink sink_name=actorvoice_mic rate=48000 channels=1 \
      sink_properties=device.description=ActorVoice-virtual-microphone >/dev/null
  fi
  pactl set-default-sink actorvoice_speaker
  pactl set-default-source actorvoice_mic.monitor
}

write_asoundrc() {
  if [[ -f "$asoundrc" ]] && grep -qF "$marker" "$asoundrc"; then return; fi
  cat >>"$asoundrc" <<CONF
$marker
pcm.actorvoice_mic {
  type pulse
  device "actorvoice_mic.monitor"
  hint { show on description "ActorVoice virtual microphone" }
}
pcm.actorvoice_speaker {
  type pulse
  device "actorvoice_speaker"
  hint { show on description "ActorVoice virtual speaker" }
}
# end actorvoice virtual audio
CONF
}

case "${1:-start}" in
  start)
    install_packages
    start_daemon
    load_devices
    write_asoundrc
    echo "virtual audio ready: speaker=actorvoice_speaker (record actorvoice_speaker.monitor), microphone=actorvoice_mic.monitor (play into actorvoice_mic)"
    ;;
  stop)
    if running; then pactl exit || true; fi
    ;;
  status)
    pactl list short sinks
    pactl list short sources
    ;;
  *)
    echo "usage: $0 [start|stop|status]" >&2
    exit 2
    ;;
esac
