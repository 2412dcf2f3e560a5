#!/usr/bin/env bash
# Install everything the tests need from the project's own files, then run the whole suite.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e ".[test]"

# The browser tests drive Debian's Chromium (Playwright never downloads a browser): install it
# with apt-get where it is missing, as root or through sudo. Without either, the browser tests
# skip with the reason (and fail under CI=true, where they must run).
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=(env)
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo env)
    else
        as_root=()
    fi
    if command -v apt-get >/dev/null 2>&1 && [ ${#as_root[@]} -gt 0 ]; then
        echo "installing chromium with apt-get (for the browser tests)..."
        { "${as_root[@]}" apt-get update &&
            "${as_root[@]}" DEBIAN_FRONTEND=noninteractive \
                apt-get install -y --no-install-recommends chromium; } ||
            echo "warning: installing chromium failed; the browser tests will skip" >&2
    else
        echo "warning: /usr/bin/chromium is missing and cannot be installed here (needs apt-get" \
            "and root or sudo); the browser tests will skip" >&2
    fi
fi

python -m pytest "$@"
