#!/usr/bin/env bash
# Installs the editors that `npm start` serves and the tests drive, using only the npm registry and
# Debian's packages (nothing is downloaded from anywhere else):
#
#   code-server  VS Code 1.100.3's workbench and Node extension host, as packaged by code-server
#                4.100.3, from the npm registry; its native addons are built here from source.
#                Needs Node 20.x, a C++ toolchain and Node's headers (Debian: nodejs-dev or the
#                headers of the installed Node), and three Debian packages: libkrb5-dev, ripgrep,
#                chromium (the browser the tests drive).
#   neovim       Debian's Neovim, a third-party LSP client for the stand-alone language server.
#   pre-commit   pre-commit 4 from PyPI (python3 -m pip), to install the repository's hook as users do.
#                Debian's pre-commit 3.0 is not used: it takes `npm pack`'s whole output as the file name.
#
#   scripts/install-editor.sh [code-server] [neovim] [pre-commit]     (default: code-server neovim)
#
# code-server goes to $ATLAS_EDITOR_DIR (default: .cache/vscode-web in the checkout). Idempotent: a
# finished install is left alone. Debian packages are installed only when missing, with apt-get as
# root or through sudo; without either the script says what to install and stops.
set -euo pipefail

VERSION="4.100.3"   # VS Code 1.100.3; needs Node 20
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${ATLAS_EDITOR_DIR:-$root/.cache/vscode-web}"
cs="$dir/code-server"
want=("$@")
[ "${#want[@]}" -gt 0 ] || want=(code-server neovim)

say() { echo "install-editor: $*"; }
die() { echo "install-editor: $*" >&2; exit 1; }

# Debian packages, installed only when missing. One apt-get update per run.
updated=0
apt_install() {
  [ "$#" -gt 0 ] || return 0
  local apt=(apt-get)
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then apt=(sudo apt-get)
    else die "needs the Debian packages: $*. Run as root, give this user passwordless sudo, or install them yourself: sudo apt-get install $*"; fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "needs the packages $* and this machine has no apt-get; install them with its package manager"
  say "apt-get install $*"
  if [ "$updated" = 0 ]; then "${apt[@]}" update -qq >/dev/null || die "apt-get update failed"; updated=1; fi
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

install_code_server() {
  if [ -f "$cs/.installed" ] && [ "$(cat "$cs/.installed")" = "$VERSION" ]; then
    say "code-server $VERSION already in $cs"; return 0
  fi
  local major; major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" = 20 ] || die "code-server $VERSION needs Node 20.x; this is Node $(node --version). Install Node 20 (for example with nvm) and run again."
  command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1 \
    || apt_install build-essential python3
  local need=()
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
  command -v rg >/dev/null 2>&1 || need+=(ripgrep)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  apt_install "${need[@]}"

  # Native addons are built against the installed Node's headers (node-gyp would otherwise try to
  # download them, which this kind of machine cannot do).
  if [ -z "${npm_config_nodedir:-}" ]; then
    local prefix; prefix="$(dirname "$(dirname "$(command -v node)")")"
    for d in "$prefix" /usr /usr/local; do
      if [ -f "$d/include/node/node.h" ]; then export npm_config_nodedir="$d"; break; fi
    done
  fi
  [ -n "${npm_config_nodedir:-}" ] || die "Node's C headers (include/node/node.h) were not found next to $(command -v node) or in /usr; install them (Debian: apt-get install libnode-dev) or set npm_config_nodedir"
  export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

  say "installing code-server $VERSION into $cs (a few minutes the first time)"
  rm -rf "$cs" && mkdir -p "$dir"
  local tmp; tmp="$(mktemp -d)"
  ( cd "$tmp" && npm pack --silent "code-server@$VERSION" >/dev/null ) || die "npm pack code-server@$VERSION failed (is the npm registry reachable?)"
  tar xzf "$tmp"/code-server-*.tgz -C "$tmp"
  mv "$tmp/package" "$cs"
  rm -rf "$tmp"

  # Dependencies without their install scripts (several fetch prebuilt binaries from elsewhere),
  # then each native addon built here from source.
  ( cd "$cs" && npm install --omit=dev --ignore-scripts --silent ) || die "npm install in code-server failed"
  ( cd "$cs/node_modules/argon2" && ../.bin/node-pre-gyp rebuild --build-from-source >/dev/null 2>&1 ) || die "building argon2 failed"
  local v="$cs/lib/vscode"
  ( cd "$v" && npm install --omit=dev --ignore-scripts --silent ) || die "npm install in code-server's VS Code failed"
  for m in kerberos node-pty @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog; do
    ( cd "$v/node_modules/$m" && npx --yes node-gyp rebuild --silent >/dev/null 2>&1 ) || die "building the native module $m failed"
  done
  mkdir -p "$v/node_modules/@vscode/ripgrep/bin"
  ln -sf "$(command -v rg)" "$v/node_modules/@vscode/ripgrep/bin/rg"
  ln -sfn node_modules "$v/node_modules.asar"
  ln -sfn code-linux.sh "$v/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$v/bin/helpers/browser.sh"
  ( cd "$v/extensions" && npm install --omit=dev --ignore-scripts --silent && node ./postinstall.mjs >/dev/null ) || die "installing code-server's built-in extensions failed"

  mkdir -p "$cs/bin"
  printf '#!/usr/bin/env sh\nexec node "%s/out/node/entry.js" "$@"\n' "$cs" > "$cs/bin/code-server"
  chmod +x "$cs/bin/code-server"
  "$cs/bin/code-server" --version >/dev/null || die "the installed code-server does not start"
  echo "$VERSION" > "$cs/.installed"
  say "installed code-server $VERSION (VS Code $(node -p "require('$v/package.json').version")) in $cs"
}

install_pre_commit() {
  if python3 -m pre_commit --version 2>/dev/null | grep -qE '^pre-commit ([4-9]|[1-9][0-9])\.'; then return 0; fi
  command -v python3 >/dev/null 2>&1 || die "needs python3 (with pip) to install pre-commit 4; install Python 3, or pre-commit 4 yourself"
  say "python3 -m pip install 'pre-commit>=4,<5'"
  python3 -m pip install --quiet --disable-pip-version-check 'pre-commit>=4,<5' \
    || die "pip could not install pre-commit 4 (an externally managed Python?); install it yourself, e.g. pipx install pre-commit, so that 'python3 -m pre_commit' runs it"
  python3 -m pre_commit --version >/dev/null || die "pre-commit was installed but 'python3 -m pre_commit' does not run"
}

for w in "${want[@]}"; do
  case "$w" in
    code-server) install_code_server ;;
    neovim) command -v nvim >/dev/null 2>&1 || apt_install neovim ;;
    pre-commit) install_pre_commit ;;
    *) die "unknown component '$w' (code-server, neovim, pre-commit)" ;;
  esac
done
