#!/usr/bin/env bash
# Generates the spoken sample questions (samples/questions/*.wav) with flite's "slt" voice.
#
# Reads samples/questions/questions.tsv (id<TAB>file<TAB>text, one utterance per line), which mirrors
# manifest.json and interruptions.json, so that only bash is needed (no python3 or jq on fresh machines).
# Existing WAVs are kept unless --force is given. When sox is installed, each WAV gets 0.3 s of
# silence before and 0.6 s after the speech, so recognisers and voice-activity detectors see a
# clean start and a clear end of the utterance.
#
# Usage (from anywhere): scripts/make-sample-questions.sh [--force]
set -euo pipefail

usage() { echo "usage: $0 [--force]" >&2; }

force=0
for arg in "$@"; do
    case "$arg" in
        --force) force=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown argument '$arg'" >&2; usage; exit 2 ;;
    esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
questions_dir="$repo_root/samples/questions"
list="$questions_dir/questions.tsv"

if ! command -v flite >/dev/null 2>&1; then
    echo "error: flite is not installed (Debian/Ubuntu: sudo apt-get install flite)" >&2
    exit 1
fi
if ! flite -lv | grep -qw slt; then
    echo "error: this flite build has no 'slt' voice (flite -lv lists the voices)" >&2
    exit 1
fi
if [[ ! -f "$list" ]]; then
    echo "error: question list not found: $list" >&2
    exit 1
fi

have_sox=0
if command -v sox >/dev/null 2>&1; then
    have_sox=1
else
    echo "warning: sox not found; WAVs are written without leading/trailing silence" >&2
fi

tmp_dir="$(mktemp -d)"
trap 'rm -rf "$tmp_dir"' EXIT

made=0
skipped=0
line_number=0
while IFS=$'\t' read -r id file text || [[ -n "${id:-}" ]]; do
    line_number=$((line_number + 1))
    [[ -z "$id" || "$id" == \#* ]] && continue
    if [[ -z "${file:-}" || -z "${text:-}" ]]; then
        echo "error: $list line $line_number: expected id<TAB>file<TAB>text" >&2
        exit 1
    fi
    if [[ "$file" == */* || "$file" != *.wav ]]; then
        echo "error: $list line $line_number: file must be a plain *.wav name, got '$file'" >&2
        exit 1
    fi

    target="$questions_dir/$file"
    if [[ -f "$target" && $force -eq 0 ]]; then
        skipped=$((skipped + 1))
        continue
    fi

    raw="$tmp_dir/$id.raw.wav"
    flite -voice slt -t "$text" -o "$raw"
    if [[ $have_sox -eq 1 ]]; then
        sox "$raw" "$tmp_dir/$id.wav" pad 0.3 0.6
        mv "$tmp_dir/$id.wav" "$target"
    else
        mv "$raw" "$target"
    fi
    made=$((made + 1))
    echo "$file: $text"
done < "$list"

echo "done: $made generated, $skipped already present (use --force to regenerate)"
