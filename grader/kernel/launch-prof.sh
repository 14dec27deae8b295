#!/usr/bin/env bash
# Starts a tslab kernel: the snapshot kernel when a snapshot fits this Node binary and heap size,
# else plain tslab, saying why once on stderr (the kernel's log). The grader's kernels and
# JupyterLab's kernelspec both start here, so the rule "does the snapshot fit?" has one home.
#
#   launch.sh --node <node> --memory-mb <MiB> [--plain] [--require <file>]... --config-path <file>
#   launch.sh --node <node> --memory-mb <MiB> --check     prints "fits" or why not; exit 0 / 1
#
# A snapshot (grader/kernel/snapshot/build.ts) is a V8 start-up blob of tslab with its compiler and
# declaration files loaded, one per Node binary and heap size (V8 refuses a blob built with other
# flags). Its stamp lists "size mtime path" of every file it was built from, the Node binary and
# the blob itself: any change to one of them, and the snapshot is out of date until rebuilt.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
node="" memory="" config="" plain=0 check=0
requires=()
while [ $# -gt 0 ]; do
  case "$1" in
    --node) node=$2; shift 2 ;;
    --memory-mb) memory=$2; shift 2 ;;
    --config-path) config=$2; shift 2 ;;
    --require) requires+=(--require "$2"); shift 2 ;;
    --plain) plain=1; shift ;;
    --check) check=1; shift ;;
    *) echo "launch.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$node" ] || [ -z "$memory" ] || { [ $check = 0 ] && [ -z "$config" ]; }; then
  echo "usage: launch.sh --node <node> --memory-mb <MiB> [--plain] [--require <file>]... --config-path <file>" >&2
  exit 2
fi

cache="$root/node_modules/.cache/academy-kernel"
blob="$cache/kernel-$memory.blob"
stamp="$cache/kernel-$memory.stamp"

# Why the snapshot does not fit, or nothing when it does.
why_not() {
  if [ -n "${NODE_OPTIONS:-}" ]; then
    echo "NODE_OPTIONS is set (V8 refuses a snapshot started with other flags)"
  elif [ ! -r "$blob" ] || [ ! -r "$stamp" ]; then
    echo "no snapshot for a $memory MiB heap yet (make install builds the usual one)"
  else
    local paths
    mapfile -t paths < <(cut -d' ' -f3- "$stamp")
    if [ "$(stat -L -c '%s %Y %n' -- "${paths[@]}" 2>/dev/null)" != "$(cat "$stamp")" ] ||
      [ "${paths[0]}" != "$(readlink -f "$node")" ]; then
      echo "the snapshot is out of date: Node, tslab or the kernel's files changed since it was built (make install rebuilds it)"
    fi
  fi
}

reason=$(why_not)
if [ $check = 1 ]; then
  if [ -z "$reason" ]; then echo fits; exit 0; fi
  echo "$reason"
  exit 1
fi
# bash adds SHLVL and _ to the environment (and PWD, the kernel's own folder): not passed on.
clean=(env -u SHLVL -u _)
if [ $plain = 0 ] && [ -z "$reason" ]; then
  exec "${clean[@]}" "$node" --cpu-prof --cpu-prof-dir=/tmp/prof/kprof "--max-old-space-size=$memory" "${requires[@]}" --snapshot-blob "$blob" kernel --config-path "$config"
fi
if [ $plain = 0 ]; then
  echo "data-academy: starting plain tslab, not the snapshot kernel: $reason." >&2
fi
exec "${clean[@]}" "$node" "--max-old-space-size=$memory" "${requires[@]}" --require "$root/grader/kernel/tslab-setup.cjs" \
  "$root/node_modules/tslab/bin/tslab" kernel --config-path "$config"
