#!/usr/bin/env bash
# Set up bookmaker on Debian/Ubuntu: system packages (apt, skipped when all present) -> pip install -e '.[test]'.
# Idempotent; run as root, or as a user who has sudo. PYTHON=/path/to/python overrides the interpreter.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

PYTHON=${PYTHON:-$(command -v python3 || command -v python || true)}

# qpdf and poppler-utils check PDFs in tests; Java runs EPUBCheck; WeasyPrint dlopens Pango, HarfBuzz
# (with its subsetter, to embed font subsets), fontconfig and GObject; DejaVu is the fallback font.
# Noto (OFL) prints what Charis SIL has no glyph for: CJK (57 MB download), Arabic, Hebrew, Devanagari and the
# other scripts of fonts-noto-core (12 MB), emoji (10 MB). Chromium runs DAISY Ace's accessibility checks.
# EB Garamond and Linux Libertine (OFL) are the PDF's other book faces (`build --font garamond|libertine`).
APT_PACKAGES=(
    qpdf poppler-utils default-jre-headless
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 libglib2.0-0
    fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji chromium
    fonts-ebgaramond fonts-linuxlibertine
)
# Fonts whose files prove the font packages are there.
FONT_FILES=(/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf
    /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
    /usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf /usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf)
# DAISY Ace (accessibility checker, run by the tests) from npm, into the git-ignored .tools/; its Electron and
# Puppeteer would download browsers of their own, so they are told not to: Ace runs with Debian's Chromium.
ACE_PACKAGE=@daisy/ace@1.4.6
ACE=.tools/node_modules/.bin/ace-puppeteer
MIN_NODE=20  # Ace's Puppeteer needs Node 20
LIBRARIES=(libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz.so.0 libharfbuzz-subset.so.0
    libfontconfig.so.1 libgobject-2.0.so.0)
MIN_JAVA=17

java_major() {  # 'openjdk version "17.0.9"' -> 17; '"1.8.0_392"' -> 8
    java -version 2>&1 | sed -nE '/version "/{s/.*version "(1\.)?([0-9]+).*/\2/p;q;}'
}

missing_system_parts() {  # prints one line per missing part; nothing when all are there
    local cmd lib libraries version
    for cmd in qpdf pdfinfo pdffonts pdftotext java chromium node npm; do
        command -v "$cmd" >/dev/null 2>&1 || echo "command $cmd"
    done
    if command -v java >/dev/null 2>&1; then
        version=$(java_major)
        [ -n "$version" ] && [ "$version" -ge "$MIN_JAVA" ] || echo "Java $MIN_JAVA or newer"
    fi
    libraries=$("$(command -v ldconfig || echo /sbin/ldconfig)" -p 2>/dev/null || true)
    for lib in "${LIBRARIES[@]}"; do
        grep -qF "$lib " <<<"$libraries" || echo "library $lib"
    done
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || echo "font DejaVu Sans"
    for font in "${FONT_FILES[@]}"; do
        [ -e "$font" ] || echo "font $(basename "$font")"
    done
    if [ -z "$PYTHON" ]; then
        echo "command python3"
    elif ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
        echo "pip for $PYTHON"
    fi
}

install_system_packages() {
    local packages=("${APT_PACKAGES[@]}") sudo=()
    [ -n "$PYTHON" ] || packages+=(python3 python3-pip)
    command -v node >/dev/null 2>&1 || packages+=(nodejs)  # a machine's own Node (often newer) is kept
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    if [ -n "$PYTHON" ] && ! "$PYTHON" -m pip --version >/dev/null 2>&1; then packages+=(python3-pip); fi
    command -v apt-get >/dev/null 2>&1 || die "no apt-get here; install these yourself: ${packages[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "run as root or install sudo; needed packages: ${packages[*]}"
        sudo=(sudo)
    fi
    say "apt-get update"
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    say "apt-get install ${packages[*]}"
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

missing=$(missing_system_parts)
if [ -z "$missing" ]; then
    say "system packages present, skipping apt"
else
    say "missing: $(echo "$missing" | paste -sd, - | sed 's/,/, /g')"
    install_system_packages
    PYTHON=${PYTHON:-$(command -v python3)}
    missing=$(missing_system_parts)
    [ -z "$missing" ] || die "still missing after apt-get: $(echo "$missing" | paste -sd, - | sed "s/,/, /g")"
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    die "bookmaker needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)"

pip_args=(install --quiet --disable-pip-version-check --editable '.[test]')
in_venv=$("$PYTHON" -c 'import sys; print(int(sys.prefix != sys.base_prefix))')
if [ "$in_venv" = 0 ]; then
    # Debian's own Python refuses pip installs outside a virtualenv (PEP 668); this script is how the
    # machine is meant to be set up, so install anyway, as the user asked for it by running it.
    if "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
        export PIP_BREAK_SYSTEM_PACKAGES=1
    fi
    if [ "$(id -u)" -ne 0 ] && ! "$PYTHON" -c 'import os, sysconfig, sys; sys.exit(not os.access(sysconfig.get_path("purelib"), os.W_OK))'; then
        pip_args+=(--user)
    fi
fi
say "pip install -e '.[test]' with $("$PYTHON" -V 2>&1)"
"$PYTHON" -m pip "${pip_args[@]}"

if [ -x "$ACE" ]; then
    say "DAISY Ace present, skipping npm"
else
    node_major=$(node -p 'process.versions.node.split(".")[0]')
    [ "$node_major" -ge "$MIN_NODE" ] || die "DAISY Ace needs Node $MIN_NODE or newer; this is Node $node_major"
    say "npm install $ACE_PACKAGE into .tools/"
    ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
        npm install --prefix .tools --no-audit --no-fund --loglevel=error "$ACE_PACKAGE" >/dev/null
    [ -x "$ACE" ] || die "npm installed no $ACE"
fi

# WeasyPrint loads Pango when imported: importing it proves the libraries are usable.
"$PYTHON" -c 'import bookmaker, weasyprint' || die "bookmaker or WeasyPrint does not import"
if ! command -v bookmaker >/dev/null 2>&1; then
    say "note: the 'bookmaker' command is not on PATH; add $("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts", "posix_user"))') to PATH, or use '$PYTHON -m bookmaker'"
fi
say "ready: $("$PYTHON" -V 2>&1), WeasyPrint $("$PYTHON" -c 'import weasyprint; print(weasyprint.__version__)'), Java $(java_major)"
