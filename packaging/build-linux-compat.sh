#!/usr/bin/env bash
# Builds the one-folder app and the .deb for older desks (Kylin V10, Ubuntu 20.04/22.04, Debian 11: glibc 2.31)
# inside a Debian 11 (bullseye) chroot, then smoke-tests the .deb in a second, clean bullseye chroot:
#
#   bash packaging/build-linux-compat.sh           -> dist/bullseye/village-archive/ and
#                                                     dist/bullseye/village-archive_<version>_amd64.deb
#   bash packaging/build-linux-compat.sh --smoke   -> the same, then packaging/smoke.sh on the installed .deb in a
#                                                     clean bullseye chroot (glibc 2.31, bullseye's own libraries)
#
# Needs root, debootstrap (apt-get install debootstrap) and Debian's package mirror (bullseye binaries, bookworm
# sources) and PyPI. Run from a Debian or Ubuntu host; no container engine needed.
# The chroots and the Python built in them are kept in VA_COMPAT_CACHE (default ~/.cache/village-archive-compat)
# and reused; delete that folder to start afresh.
#
# Why so: the wheels of PySide6 6.10 and later need glibc 2.34, so this build pins PySide6 6.9.3 (the last with
# manylinux_2_28 wheels; it carries QtPdf in PySide6-Addons); bullseye has no Python >= 3.10, so Python 3.11.2 is
# compiled from Debian bookworm's source package (upstream tarball, checked by sha256, plus Debian's security
# patches; apt checks the signatures), and SQLite 3.40.1 likewise (the app needs >= 3.35, bullseye has 3.34.1).
# packaging/check-glibc.sh fails the build if anything in the folder needs a glibc newer than VA_GLIBC_MAX.
# More, with measured times and sizes: docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
cache="${VA_COMPAT_CACHE:-$HOME/.cache/village-archive-compat}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
glibc_max="${VA_GLIBC_MAX:-2.31}"
pyside="${VA_COMPAT_PYSIDE6:-6.9.3}"
build_root="$cache/bullseye-build"
run_base="$cache/bullseye-run"
py_orig_sha256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849  # python3.11_3.11.2.orig.tar.gz
[ "$(id -u)" = 0 ] || { echo "build-linux-compat: run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "build-linux-compat: apt-get install debootstrap" >&2; exit 1; }
mkdir -p "$cache/debs"
times=""
step_start=0
begin() { echo "== $1"; step_start=$(date +%s); }
done_() { times="$times$(printf '  %-34s %5d s' "$1" $(( $(date +%s) - step_start )))
"; }

# A chroot with the checkout bind-mounted at /src, in a private mount namespace (the mounts vanish with it).
in_chroot() {
  local dir="$1" script="$2"
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  mkdir -p "$dir/src"
  unshare --mount --propagation private -- /bin/bash -c '
    set -e; r="$1"; src="$2"; script="$3"
    mount -t proc proc "$r/proc"
    mount --rbind /dev "$r/dev"
    mount --bind "$src" "$r/src"
    exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
      PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
      PATH=/opt/python3.11/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -euo pipefail -c "$script"' \
    _ "$dir" "$root" "$script"
}
bootstrap() {  # a minimal bullseye in $1, once
  if [ ! -f "$1/.va-debootstrap-done" ]; then
    rm -rf "$1"
    nice -n 19 debootstrap --variant=minbase --cache-dir="$cache/debs" bullseye "$1" "$mirror" >"$1.log" 2>&1 ||
      { tail -n 20 "$1.log" >&2; exit 1; }
    touch "$1/.va-debootstrap-done"
  fi
  printf 'deb %s bullseye-updates main\ndeb %s bullseye-security main\n' "$mirror" "$security" \
    >"$1/etc/apt/sources.list.d/updates.list"
}

begin "debootstrap bullseye ($build_root)"
bootstrap "$build_root"
done_ "debootstrap (build chroot)"

begin "build tools and Qt's xcb libraries in the chroot"
printf 'deb-src %s bookworm main\ndeb-src %s bookworm-security main\n' "$mirror" "$security" \
  >"$build_root/etc/apt/sources.list.d/bookworm-src.list"
# The chroot trusts the certificate authorities this host added locally (a proxy that inspects TLS needs this).
if [ -d /usr/local/share/ca-certificates ]; then
  mkdir -p "$build_root/usr/local/share/ca-certificates"
  cp -a /usr/local/share/ca-certificates/. "$build_root/usr/local/share/ca-certificates/"
fi
in_chroot "$build_root" '
  apt-get update -qq
  nice -n 19 apt-get upgrade -y -qq >/dev/null  # bullseye-security fixes in the libraries the folder bundles
  nice -n 19 apt-get install -y -qq --no-install-recommends \
    build-essential pkg-config ca-certificates xz-utils libssl-dev zlib1g-dev libbz2-dev liblzma-dev libffi-dev \
    uuid-dev tcl file libcups2 \
    libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 \
    libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
    libxcb-randr0 libxcb-sync1 libxcb-xfixes0 libxcb-shm0 libxcb-xinerama0 >/dev/null
  update-ca-certificates >/dev/null 2>&1'
done_ "apt-get install (build chroot)"

begin "SQLite 3.40.1 (bookworm source + its fixes) in /opt/sqlite3"
# The app's SQL needs SQLite 3.35 or later (INSERT … RETURNING); bullseye has 3.34.1. Python's sqlite3 module is
# linked against this one, and the folder bundles it.
in_chroot "$build_root" "
  if [ -f /opt/sqlite3/.va-built ]; then echo \"  kept: \$(cat /opt/sqlite3/.va-built)\"; exit 0; fi
  rm -rf /opt/src /opt/sqlite3 && mkdir -p /opt/src && cd /opt/src && chown _apt /opt/src
  apt-get source --download-only -qq sqlite3/bookworm >/dev/null
  tar xJf sqlite3_3.40.1.orig.tar.xz && tar xJf sqlite3_3.40.1-*.debian.tar.xz
  cd sqlite3-3.40.1
  # Debian's packaging patches come first; from 41- on: fixes and CVEs
  n=0
  for p in \$(awk '/^41-/ {on=1} on && !/^#/' ../debian/patches/series); do
    patch -p1 -s <../debian/patches/\$p; n=\$((n + 1))
  done
  [ \$n -gt 0 ] || { echo 'no Debian patch applied to SQLite' >&2; exit 1; }
  # the compile options of Debian's libsqlite3-0
  CFLAGS=\$(tr '\\n' ' ' <<<'-O2 -fno-strict-aliasing -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA
    -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_RTREE=1 -DSQLITE_SOUNDEX=1
    -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_OMIT_LOOKASIDE=1 -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ALLOW_ROWID_IN_VIEW
    -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 -DSQLITE_ENABLE_LOAD_EXTENSION -DSQLITE_ENABLE_JSON1
    -DSQLITE_LIKE_DOESNT_MATCH_BLOBS -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS3_TOKENIZER=1 -DSQLITE_USE_URI=1
    -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_STMTVTAB
    -DSQLITE_MAX_VARIABLE_NUMBER=250000')
  export CFLAGS
  nice -n 19 ./configure -q --prefix=/opt/sqlite3 --disable-static --disable-tcl --disable-readline \
    --enable-threadsafe --enable-load-extension --enable-fts4 --enable-fts5 >/dev/null
  nice -n 19 make -s -j\$(nproc) >/dev/null 2>make.err || { tail -n 30 make.err >&2; exit 1; }
  nice -n 19 make -s install >/dev/null 2>>make.err || { tail -n 30 make.err >&2; exit 1; }
  echo \"3.40.1 + \$n patches of \$(ls ../sqlite3_*.dsc | sed 's/.*_//; s/.dsc//')\" >/opt/sqlite3/.va-built
  cat /opt/sqlite3/.va-built
  rm -rf /opt/src
"
done_ "compile SQLite"

begin "Python 3.11.2 (bookworm source + its security patches) in /opt/python3.11"
in_chroot "$build_root" "
  if [ -x /opt/python3.11/bin/python3.11 ] && [ -f /opt/python3.11/.va-built ] &&
     grep -qF \"\$(cat /opt/sqlite3/.va-built)\" /opt/python3.11/.va-built; then
    echo \"  kept: \$(cat /opt/python3.11/.va-built)\"; exit 0
  fi
  rm -rf /opt/src /opt/python3.11 && mkdir -p /opt/src && cd /opt/src
  chown _apt /opt/src
  # the newest revision (bookworm-security's when there is one); if the mirror lacks its files, bookworm's own
  if ! apt-get source --download-only -qq python3.11 >/dev/null 2>&1; then
    rm -f python3.11_*
    echo '  the newest python3.11 source could not be fetched; using the bookworm release one'
    apt-get source --download-only -qq python3.11/bookworm >/dev/null
  fi
  echo '$py_orig_sha256  python3.11_3.11.2.orig.tar.gz' | sha256sum -c --quiet
  tar xzf python3.11_3.11.2.orig.tar.gz && tar xJf python3.11_3.11.2-*.debian.tar.xz
  cd Python-3.11.2
  # Debian's own layout patches come first in its series; from shutdown-deadlock.diff on: upstream fixes, CVEs.
  n=0
  for p in \$(awk '/^shutdown-deadlock.diff\$/ {on=1} on && !/^#/' ../debian/patches/series); do
    patch -p1 -s <../debian/patches/\$p; n=\$((n + 1))
  done
  [ \$n -gt 0 ] || { echo 'no Debian patch applied' >&2; exit 1; }
  # CVE-2026-4224's fix makes pyexpat.c use an internal header, which Debian's build allows by linking pyexpat
  # into the interpreter; built as a shared module here, it must say it is a core module (as 3.12's does).
  if grep -q pycore_ceval Modules/pyexpat.c && ! grep -q Py_BUILD_CORE Modules/pyexpat.c; then
    sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\\n#  define Py_BUILD_CORE_MODULE 1\\n#endif' Modules/pyexpat.c
  fi
  nice -n 19 ./configure -q --prefix=/opt/python3.11 --enable-shared LDFLAGS=-Wl,-rpath,/opt/python3.11/lib \
    LIBSQLITE3_CFLAGS=-I/opt/sqlite3/include \
    LIBSQLITE3_LIBS='-L/opt/sqlite3/lib -Wl,-rpath,/opt/sqlite3/lib -lsqlite3' >/dev/null
  nice -n 19 make -s -j\$(nproc) >/dev/null 2>make.err || { tail -n 30 make.err >&2; exit 1; }
  nice -n 19 make -s install >/dev/null 2>>make.err || { tail -n 30 make.err >&2; exit 1; }
  # a module that failed to build is only a warning to make: the app and pip need these
  /opt/python3.11/bin/python3.11 -c 'import ssl, sqlite3, pyexpat, zlib, bz2, lzma, ctypes, _decimal, uuid
assert sqlite3.sqlite_version_info >= (3, 35), sqlite3.sqlite_version'
  ln -sf python3.11 /opt/python3.11/bin/python
  debian=\$(ls ../python3.11_*.dsc | sed 's/.*_//; s/.dsc//')
  echo \"3.11.2 + \$n patches of \$debian, SQLite \$(cat /opt/sqlite3/.va-built)\" >/opt/python3.11/.va-built
  cat /opt/python3.11/.va-built
  rm -rf /opt/src
"
done_ "compile Python"

begin "the app's dependencies and PyInstaller (PySide6 $pyside)"
in_chroot "$build_root" "
  cd /src
  # setup.cfg's install_requires, with PySide6 pinned to a release whose wheels need glibc 2.28 (QtPdf is in
  # PySide6-Addons there; PySide6-Pdf exists only from 6.12 on, for glibc 2.34).
  python - >/tmp/requirements.txt <<'PY'
import configparser
cfg = configparser.ConfigParser()
cfg.read('setup.cfg')
for line in cfg['options']['install_requires'].split('\n') + cfg['options.extras_require']['packaging'].split('\n'):
    if line.strip() and not line.lower().startswith('pyside6'):
        print(line.strip())
print('PySide6-Essentials==$pyside')
print('PySide6-Addons==$pyside')
PY
  export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
  nice -n 19 python -m pip install -q --upgrade pip
  nice -n 19 python -m pip install -q --prefer-binary -r /tmp/requirements.txt
  python -m pip freeze | grep -iE '^(pyside6[-_a-z]*|shiboken6|cryptography|pikepdf|pillow|pyinstaller)=' | tr '\n' ' '
  echo
"
done_ "pip install (build chroot)"

begin "PyInstaller and the .deb in the chroot (dist/bullseye/)"
in_chroot "$build_root" "cd /src && VA_DIST_DIR=dist/bullseye VA_BUILD_DIR=build/bullseye VA_GLIBC_MAX=$glibc_max \
  nice -n 19 bash packaging/build-linux.sh"
done_ "PyInstaller + check-glibc + .deb"

if [ "${1:-}" = "--smoke" ]; then
  begin "smoke: the folder on this host"
  bash packaging/smoke.sh dist/bullseye/village-archive/village-archive
  done_ "smoke (folder, this host)"

  begin "smoke: the .deb installed by apt in a clean bullseye chroot"
  bootstrap "$run_base"
  run_root="$cache/bullseye-run-$$"
  trap 'rm -rf "$run_root"' EXIT
  cp -a "$run_base" "$run_root"
  deb="$(cd dist/bullseye && ls village-archive_*_amd64.deb)"
  # apt resolves the .deb's Depends from bullseye itself: a missing or too new dependency fails here.
  in_chroot "$run_root" "
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends /src/dist/bullseye/$deb poppler-utils python3 >/dev/null
    echo \"  \$(ldd --version | head -n 1)\"
    bash /src/packaging/smoke.sh /usr/bin/village-archive"
  rm -rf "$run_root"
  done_ "smoke (.deb in clean bullseye)"
fi

echo "== steps"
printf '%s' "$times"
