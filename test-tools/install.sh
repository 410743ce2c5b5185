#!/usr/bin/env bash
# Installs the test tools: code-server 4.100.3 (real VS Code 1.100.3 for Node 20) and playwright-core, driving
# Debian's Chromium. They are test tools only, kept out of the extension's own node_modules and out of the VSIX.
#
#   bash test-tools/install.sh     idempotent; returns at once when the installed tree matches the lockfile
#
# Works offline apart from the npm registry and Debian's packages. code-server's install needs four fixes here:
#   1. as root its postinstall demands --unsafe-perm, a flag npm 11 dropped: npm_config_unsafe_perm=true still works;
#   2. kerberos needs gssapi headers: libkrb5-dev (with build-essential, pkg-config, python3 for node-gyp);
#   3. @vscode/ripgrep's postinstall downloads rg from GitHub: we seed its download cache with Debian's rg;
#   4. node-pty's postinstall runs `npx node-gyp` and npx prompts are answered "no": npm_config_yes=true.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
MARK="$HERE/node_modules/.vscode-virtualbox-installed"
start=$SECONDS

bash "$REPO/scripts/setup/system-deps.sh" chromium libkrb5-dev ripgrep build-essential pkg-config python3

# The mark holds the lockfile's hash: a changed lockfile or a half-finished install means install again.
lock_hash="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [ -f "$MARK" ] && [ "$(cat "$MARK")" = "$lock_hash" ] && [ -x "$HERE/node_modules/.bin/code-server" ]; then
    echo "test-tools: already installed ($((SECONDS - start)) s)"
    exit 0
fi

# A private TMPDIR: node-gyp's and ripgrep's scratch files stay out of /tmp, and the ripgrep cache path is ours.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Fix 3: the file name @vscode/ripgrep 1.15.11 (used by VS Code 1.100) looks for before it would download.
case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64) rg_target=aarch64-unknown-linux-musl ;;
    *) echo "test-tools: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
rg_cache="$work/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache" "$work/rg"
cp "$(command -v rg)" "$work/rg/rg"
tar -czf "$rg_cache/ripgrep-v13.0.0-10-$rg_target.tar.gz" -C "$work/rg" rg

echo "test-tools: npm ci (code-server compiles native modules, about a minute)"
rm -f "$MARK"
(
    cd "$HERE"
    TMPDIR="$work" npm_config_unsafe_perm=true npm_config_yes=true \
        npm ci --no-audit --no-fund --loglevel=error >"$work/npm-ci.log" 2>&1
) || { tail -n 60 "$work/npm-ci.log" >&2; echo "test-tools: npm ci failed" >&2; exit 1; }

# Prove the install is whole before marking it.
"$HERE/node_modules/.bin/code-server" --version >/dev/null
[ -f "$HERE/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
    || { echo "test-tools: ripgrep missing from code-server" >&2; exit 1; }
echo "$lock_hash" >"$MARK"
echo "test-tools: installed in $((SECONDS - start)) s"
