#!/usr/bin/env bash
# Live acceptance run for speculation (docs/latency.md, "Live acceptance").
#
# The criterion: live, with the defaults, `actorvoice ask --knowledge http --knowledge-url URL` against a text RAG
# backend that takes 1.5 s, over spoken questions written after the speculation issue (voices other than the
# samples' flite "slt", about samples/docs): the median answer audio (`timeline.answerAudioMs` of `ask --json`, ms
# after the end of speech) with speculation on must be <= 0.6 x the same with speculation off
# (`--set actorvoice.engine.speculation.enabled=off`).
#
# What it does:
#   1. reads samples/acceptance/questions.tsv (id<TAB>voice<TAB>text[<TAB>expected document]);
#   2. speaks each question with its flite voice into OUT/wav/ID.wav (16 kHz mono 16-bit, 0.3 s of silence before
#      and 0.6 s after, like scripts/make-sample-questions.sh); existing WAVs are kept unless --force;
#   3. starts `actorvoice knowledge-server` over samples/docs on a free loopback port with --latency 1500ms, waits
#      until it answers, and stops it on exit;
#   4. per question, runs `actorvoice ask` twice, interleaved so both conditions share the machine's noise: first
#      with the defaults (speculation on), then with speculation off; keeps OUT/json/ID.on.json and ID.off.json
#      (stderr in OUT/logs/, JSONL traces in OUT/trace/, answer audio in OUT/audio/);
#   5. prints a per-question table, the medians of answerAudioMs, their ratio and the hit rate, and writes the same
#      to OUT/summary.md.
# Running it again re-measures (JSON and summary are overwritten); --summary-only re-prints from the kept JSON.
#
# `ask` needs --docs or --index even with --knowledge http (the local realtime server's recognizer derives its
# language model from the documents), so --docs samples/docs is passed; everything else is the defaults.
#
# Usage (from anywhere):
#   scripts/live-acceptance.sh [--out DIR] [--wav-dir DIR] [--latency 1500ms] [--limit N] [--force] [--summary-only] [-- ASK-ARGS...]
# Arguments after -- go to every `ask` of both conditions (e.g. -- --playback fast: the answer is timed when its
# first audio arrives and is accepted for playback, so fast playback shortens the run without changing the figures).
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//' >&2
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
list="$repo_root/samples/acceptance/questions.tsv"
docs="$repo_root/samples/docs"
dll="$repo_root/src/ActorVoice.Cli/bin/Release/net10.0/actorvoice.dll"

out="$repo_root/artifacts/acceptance"
wav_dir=""
latency="1500ms"
limit=0
force=0
summary_only=0
passthrough=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --wav-dir) wav_dir="$2"; shift 2 ;;
        --latency) latency="$2"; shift 2 ;;
        --limit) limit="$2"; shift 2 ;;
        --force) force=1; shift ;;
        --summary-only) summary_only=1; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; passthrough=("$@"); break ;;
        *) echo "error: unknown argument '$1'" >&2; usage; exit 2 ;;
    esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
wav_dir="${wav_dir:-$out/wav}"
mkdir -p "$wav_dir" "$out/json" "$out/logs" "$out/trace" "$out/audio"
wav_dir="$(cd "$wav_dir" && pwd)"

# --- prerequisites --------------------------------------------------------------------------------------------------
for tool in flite sox python3 curl dotnet; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: '$tool' is not installed (scripts/setup.sh installs flite and sox)" >&2
        exit 1
    fi
done
if [[ ! -f "$list" ]]; then
    echo "error: question list not found: $list" >&2
    exit 1
fi
if [[ ! -f "$dll" ]]; then
    echo "building the CLI (Release) ..." >&2
    dotnet build "$repo_root/ActorVoice.sln" -c Release --verbosity quiet -nologo >&2
fi
actorvoice() { dotnet "$dll" "$@"; }

# --- 1. the question list -------------------------------------------------------------------------------------------
ids=(); voices=(); texts=(); expected=()
line_number=0
while IFS=$'\t' read -r id voice text document || [[ -n "${id:-}" ]]; do
    line_number=$((line_number + 1))
    [[ -z "$id" || "$id" == \#* ]] && continue
    if [[ -z "${voice:-}" || -z "${text:-}" ]]; then
        echo "error: $list line $line_number: expected id<TAB>voice<TAB>text" >&2
        exit 1
    fi
    if [[ "$voice" == slt ]]; then
        echo "error: $list line $line_number: 'slt' is the samples' voice; use another" >&2
        exit 1
    fi
    ids+=("$id"); voices+=("$voice"); texts+=("$text"); expected+=("${document:-}")
done < "$list"
count=${#ids[@]}
if [[ $limit -gt 0 && $limit -lt $count ]]; then
    count=$limit
fi

# --- 2. speech: one WAV per question, kept between runs -------------------------------------------------------------
if [[ $summary_only -eq 0 ]]; then
    available_voices="$(flite -lv)"
    tmp_dir="$(mktemp -d)"
    made=0
    for ((i = 0; i < count; i++)); do
        target="$wav_dir/${ids[i]}.wav"
        if [[ -f "$target" && $force -eq 0 ]]; then
            continue
        fi
        if ! grep -qw -- "${voices[i]}" <<<"$available_voices"; then
            echo "error: flite has no voice '${voices[i]}' ($available_voices)" >&2
            exit 1
        fi
        flite -voice "${voices[i]}" -t "${texts[i]}" -o "$tmp_dir/raw.wav"
        # 16 kHz mono 16-bit whatever the voice's own rate; 0.3 s of silence before and 0.6 s after the speech.
        sox "$tmp_dir/raw.wav" -r 16000 -c 1 -b 16 "$tmp_dir/${ids[i]}.wav" pad 0.3 0.6
        mv "$tmp_dir/${ids[i]}.wav" "$target"
        made=$((made + 1))
    done
    rm -rf "$tmp_dir"
    echo "speech: $made WAVs made, $((count - made)) already in $wav_dir" >&2
fi

# --- 3. the slow knowledge backend ----------------------------------------------------------------------------------
server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

if [[ $summary_only -eq 0 ]]; then
    server_log="$out/logs/knowledge-server.log"
    # --port 0: the server picks a free port and prints its URL.
    dotnet "$dll" knowledge-server --docs "$docs" --host 127.0.0.1 --port 0 --latency "$latency" >"$server_log" 2>&1 &
    server_pid=$!
    url=""
    for _ in $(seq 1 600); do  # up to 5 minutes: the first run indexes the documents
        url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/ask' "$server_log" | head -n 1 || true)"
        [[ -n "$url" ]] && break
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "error: the knowledge server exited; see $server_log" >&2
            cat "$server_log" >&2
            exit 1
        fi
        sleep 0.5
    done
    if [[ -z "$url" ]]; then
        echo "error: the knowledge server printed no URL; see $server_log" >&2
        exit 1
    fi
    # Ready when a question gets an answer (after the added latency).
    ready=0
    for _ in $(seq 1 60); do
        if curl -fsS -m 30 -X POST -H 'Content-Type: application/json' -d '{"question":"warranty"}' "$url" >/dev/null 2>&1; then
            ready=1
            break
        fi
        sleep 1
    done
    if [[ $ready -eq 0 ]]; then
        echo "error: the knowledge server at $url does not answer; see $server_log" >&2
        exit 1
    fi
    echo "knowledge server: $url (+$latency per answer)" >&2

    # --- 4. the runs: per question speculation on (defaults), then off ----------------------------------------------
    for ((i = 0; i < count; i++)); do
        id="${ids[i]}"
        for condition in on off; do
            extra=()
            if [[ $condition == off ]]; then
                extra=(--set actorvoice.engine.speculation.enabled=off)
            fi
            echo "[$((i + 1))/$count] $id ($condition) ..." >&2
            rc=0
            dotnet "$dll" ask --docs "$docs" --audio "$wav_dir/$id.wav" \
                --knowledge http --knowledge-url "$url" --json \
                --out "$out/audio/$condition" --trace "$out/trace/$id.$condition.jsonl" "${extra[@]}" "${passthrough[@]}" \
                >"$out/json/$id.$condition.json" 2>"$out/logs/$id.$condition.log" || rc=$?
            if [[ $rc -ne 0 ]]; then
                echo "  warning: ask exited with $rc; see $out/logs/$id.$condition.log" >&2
            fi
        done
    done
    stop_server
fi

# --- 5. the table, medians, ratio and hit rate ----------------------------------------------------------------------
manifest="$out/questions.used.tsv"
: >"$manifest"
for ((i = 0; i < count; i++)); do
    printf '%s\t%s\t%s\t%s\n' "${ids[i]}" "${voices[i]}" "${texts[i]}" "${expected[i]}" >>"$manifest"
done

python3 - "$manifest" "$out/json" "$out/summary.md" "$latency" "$out/trace" <<'PY'
import json, os, statistics, sys

manifest, json_dir, summary_path, latency, trace_dir = sys.argv[1:6]

def load(path):
    """The ask --json object, or None when the run failed (missing, empty or not JSON)."""
    try:
        with open(path) as f:
            text = f.read().strip()
        return json.loads(text.splitlines()[-1]) if text else None
    except (OSError, ValueError):
        return None

def ms(run, key):
    value = ((run or {}).get("timeline") or {}).get(key)
    return None if value is None else float(value)

def fmt(value):
    return "–" if value is None else f"{value:.0f}"

def bridged(qid, condition):
    """Whether the turn spoke the bridge ("Let me check that."): its trace has a bridge.start mark."""
    try:
        with open(os.path.join(trace_dir, f"{qid}.{condition}.jsonl")) as f:
            return any('"bridge.start"' in line for line in f)
    except OSError:
        return False

def top(run):
    sources = (run or {}).get("sources") or []
    return sources[0]["document"] if sources else None

lines = []
lines.append("| id | voice | transcript (on) | top document (on) | answerAudioMs on | off | firstAudioMs on | off | hit on |")
lines.append("|---|---|---|---|---:|---:|---:|---:|---|")
pairs, hits, runs_on, bridges, wrong_docs, failures = [], 0, 0, 0, [], []
agreed, compared = 0, 0
for row in open(manifest):
    qid, voice, text, expected = (row.rstrip("\n").split("\t") + [""] * 4)[:4]
    on = load(os.path.join(json_dir, f"{qid}.on.json"))
    off = load(os.path.join(json_dir, f"{qid}.off.json"))
    for name, run in (("on", on), ("off", off)):
        if run is None or run.get("error") or ms(run, "answerAudioMs") is None:
            failures.append(f"{qid} {name}: " + (str(run.get("error") or run.get("outcome")) if run else "no JSON"))
    spec = (on or {}).get("speculation") or {}
    hit = on is not None and (spec.get("reused") or 0) > 0
    if on is not None:
        runs_on += 1
        hits += hit
    doc_on, doc_off = top(on), top(off)
    if on is not None and off is not None:
        # Quality beside latency: the answer with speculation has the top document of the fresh query (off).
        compared += 1
        agreed += doc_on == doc_off
    mark = ""
    if expected and doc_on != expected:
        mark = " ✗"
        wrong_docs.append(f"{qid}: on {doc_on}, off {doc_off}, expected {expected}")
    elif expected and doc_off != expected:
        wrong_docs.append(f"{qid}: on {doc_on}, off {doc_off}, expected {expected}")
    a_on, a_off = ms(on, "answerAudioMs"), ms(off, "answerAudioMs")
    if a_on is not None and a_off is not None:
        pairs.append((a_on, a_off))
    transcript = ((on or {}).get("transcript") or "–").replace("|", "/")
    hit_text = f"yes ({(spec.get('savedMs') or 0):.0f} ms saved)" if hit else ("no" if on else "–")
    if on is not None and bridged(qid, "on"):
        hit_text += ", bridge"
        bridges += 1
    lines.append(f"| {qid} | {voice} | {transcript} | {(doc_on or '–')}{mark} | {fmt(a_on)} | {fmt(a_off)} | "
                 f"{fmt(ms(on, 'firstAudioMs'))} | {fmt(ms(off, 'firstAudioMs'))} | {hit_text} |")

lines.append("")
if pairs:
    med_on = statistics.median(p[0] for p in pairs)
    med_off = statistics.median(p[1] for p in pairs)
    ratio = med_on / med_off if med_off else float("nan")
    verdict = "PASS" if ratio <= 0.6 else "FAIL"
    lines.append(f"Questions with both runs answered: {len(pairs)}; knowledge backend latency {latency}.")
    lines.append(f"Median answerAudioMs: on {med_on:.0f} ms, off {med_off:.0f} ms; "
                 f"ratio on/off {ratio:.2f} (criterion <= 0.60: {verdict}).")
else:
    lines.append("No question has both runs answered: no medians.")
lines.append(f"Speculation hit rate (on): {hits}/{runs_on}" + (f" ({100 * hits / runs_on:.0f} %)." if runs_on else "."))
lines.append(f"Agreement (top document on = off, the fresh query's): {agreed}/{compared}.")
lines.append(f"Turns (on) that spoke the bridge before the answer: {bridges}/{runs_on}.")
lines.append("Top document not the expected one: " + ("; ".join(wrong_docs) if wrong_docs else "none") + ".")
lines.append("Failed runs: " + ("; ".join(failures) if failures else "none") + ".")

text = "\n".join(lines)
print(text)
with open(summary_path, "w") as f:
    f.write("# Live acceptance: speculation on vs off\n\n")
    f.write("Made by `scripts/live-acceptance.sh` (questions: `samples/acceptance/questions.tsv`).\n\n")
    f.write(text + "\n")
PY
echo "summary: $out/summary.md" >&2
