#!/usr/bin/env bash
# Registers the tslab TypeScript kernel inside the project's .venv (jupyter kernelspec install --sys-prefix).
# We write kernel.json ourselves: `tslab install` needs IPython, and we want a memory cap on the kernel.
# The kernel starts through grader/kernel/launch.sh: the snapshot kernel when its snapshot fits
# (make install builds it, `academy snapshot`), else plain tslab with tslab-setup.cjs preloaded.
# Idempotent and quick: does nothing when the installed spec is already the one we would write.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mem=${KERNEL_MEMORY_MB:-2048}
node_bin=$(command -v node)
target="$root/.venv/share/jupyter/kernels/tslab"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tslab"
cat > "$tmp/tslab/kernel.json" <<JSON
{
  "argv": [
    "$root/grader/kernel/launch.sh",
    "--node",
    "$node_bin",
    "--memory-mb",
    "$mem",
    "--config-path",
    "{connection_file}"
  ],
  "display_name": "TypeScript",
  "language": "typescript",
  "interrupt_mode": "signal",
  "metadata": { "data-academy": { "memory_mb": $mem } }
}
JSON
if [ -f "$target/kernel.json" ] && cmp -s "$tmp/tslab/kernel.json" "$target/kernel.json"; then
  exit 0
fi
"$root/.venv/bin/jupyter" kernelspec install --sys-prefix --name tslab "$tmp/tslab" >/dev/null
echo "Registered the TypeScript (tslab) kernel in .venv (heap cap ${mem} MB)."
