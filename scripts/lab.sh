#!/usr/bin/env bash
# Starts JupyterLab from the project's .venv on the learner notebooks. JupyterLab prints the URL
# (with its token) when it is ready; open it in a browser. Ctrl-C stops it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${LAB_PORT:-8888}
extra=()
# JupyterLab refuses to run as root without this (containers, CI machines).
[ "$(id -u)" = 0 ] && extra+=(--allow-root)
echo "Starting JupyterLab on notebooks/release/ (kernel: TypeScript). Start with 101."
exec "$root/.venv/bin/jupyter" lab \
  --ServerApp.root_dir="$root/notebooks/release" \
  --ServerApp.ip=127.0.0.1 \
  --ServerApp.port="$port" \
  "${extra[@]}" ${LAB_ARGS:-}
