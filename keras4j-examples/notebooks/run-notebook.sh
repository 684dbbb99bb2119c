#!/usr/bin/env bash
# Executes a notebook headless with the keras4j kernel and writes the executed copy to
# keras4j-examples/target/notebooks/ (default: xor.ipynb, the seed notebook):
#   bash keras4j-examples/notebooks/run-notebook.sh [notebook.ipynb]
# Installs Debian's jupyter-nbconvert when missing (as root), builds and registers the kernel (again
# when the registered one belongs to another checkout).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
nb="${1:-$root/keras4j-examples/notebooks/xor.ipynb}"
if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q jupyter-nbconvert python3-nbclient jupyter-client >/dev/null
  else
    echo "jupyter-nbconvert is missing: sudo apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client" >&2
    exit 1
  fi
fi
# (re)register the kernel when it is missing or registered for another checkout (its class path
# would run that checkout's classes, or none at all once that checkout is gone)
spec="$(jupyter kernelspec list --json 2>/dev/null | python3 -c 'import json, sys
specs = json.load(sys.stdin)["kernelspecs"]
print(specs["keras4j"]["resource_dir"] if "keras4j" in specs else "")' || true)"
if [ -z "$spec" ] || ! grep -qF "$root/keras4j-jupyter/target/classes:" "$spec/kernel.json" 2>/dev/null; then
  bash "$root/keras4j-examples/notebooks/install-kernel.sh"
fi
out="$root/keras4j-examples/target/notebooks"
mkdir -p "$out"
jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=keras4j \
  --ExecutePreprocessor.timeout=600 --output-dir "$out" "$nb"
echo "executed notebook: $out/$(basename "$nb")"
