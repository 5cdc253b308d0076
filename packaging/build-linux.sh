#!/usr/bin/env bash
# Builds the one-folder app and the .deb for Debian-based desks (Debian, Ubuntu, UOS 统信, Kylin 麒麟):
#
#   bash packaging/build-linux.sh            -> dist/village-archive/ and dist/village-archive_<version>_amd64.deb
#   bash packaging/build-linux.sh --smoke    -> the same, then packaging/smoke.sh on the folder
#
# VA_DIST_DIR / VA_BUILD_DIR put the output elsewhere than dist/ and build/; VA_GLIBC_MAX (e.g. 2.31) makes the
# build fail if anything in the folder needs a newer glibc (packaging/build-linux-compat.sh sets all three).
#
# Needs: the app's Python dependencies and pyinstaller (bash .ci/install --test installs both), dpkg-deb.
# The folder needs the glibc of the machine it was built on or newer: build on the oldest system you ship to
# (packaging/build-linux-compat.sh builds in a Debian 11 chroot). The .deb's libc6 version is measured, not assumed.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
version="$(PYTHONPATH="$root" python -c 'import storage; print(storage.__version__)')"
started=$(date +%s)
dist="${VA_DIST_DIR:-dist}"
work="${VA_BUILD_DIR:-build}"

echo "== PyInstaller: $dist/village-archive/ (version $version)"
rm -rf "$work/pyinstaller" "$dist/village-archive"
python -m PyInstaller --noconfirm --clean --log-level WARN --workpath "$work/pyinstaller" --distpath "$dist" \
  packaging/village-archive.spec
frozen=$(( $(date +%s) - started ))
# The newest glibc symbol version anything in the folder needs (fails past VA_GLIBC_MAX when that is set).
glibc="$(bash packaging/check-glibc.sh "$dist/village-archive" ${VA_GLIBC_MAX:-})"

# Every library the folder leaves to the system must be one the .deb depends on (or the C library itself);
# one that the build machine lacks too ("not-found:", e.g. libcups for the print plugin) fails the build.
DEPENDS="libc6 (>= $glibc), libgl1, libegl1, libxcb1, libfontconfig1, libfreetype6"
missing=""
internal="$(cd "$dist/village-archive/_internal" && pwd)"
while IFS= read -r lib; do
  case "$(basename "${lib#not-found:}")" in
    libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|libresolv.so*|libutil.so*|ld-linux*) continue ;;
    libGL.so*|libGLX.so*|libGLdispatch.so*|libEGL.so*|libOpenGL.so*|libxcb.so*|libfontconfig.so*|libfreetype.so*) continue ;;
    libwayland-*) continue ;;  # only the Wayland platform plugin: Recommends
  esac
  missing="$missing $lib"
done < <(find "$internal" -name '*.so*' -type f -print0 |
  xargs -0 -n 50 env LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" ldd 2>/dev/null |
  awk '/=> not found/ {print "not-found:" $1; next} /=>/ && $3 ~ /^\// {print $3}' | grep -v "^$internal" | sort -u)
if [ -n "$missing" ]; then
  echo "libraries left to the system but not in Depends:$missing" >&2
  exit 1
fi

echo "== .deb: $dist/village-archive_${version}_amd64.deb"
stage="$(cd "$work" && pwd)/deb"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/doc/village-archive"
cp -a "$dist/village-archive" "$stage/opt/village-archive"
install -m 755 packaging/linux/launcher.sh "$stage/usr/bin/village-archive"
install -m 644 packaging/linux/village-archive.desktop "$stage/usr/share/applications/village-archive.desktop"
install -m 644 packaging/icons/village-archive.png "$stage/usr/share/icons/hicolor/256x256/apps/village-archive.png"
install -m 644 assets/fonts/LICENSE-Apache-2.0.txt "$stage/usr/share/doc/village-archive/copyright"
size_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: village-archive
Version: $version
Architecture: amd64
Maintainer: Village Archive maintainers <village-archive@localhost>
Installed-Size: $size_kb
Depends: $DEPENDS
Recommends: libwayland-client0, libwayland-cursor0, libwayland-egl1
Section: misc
Priority: optional
Description: 村级文化档案 Village Archive
 Offline archive of a village (community) comprehensive cultural service center:
 activities, equipment, opening hours, the inspection dossier (PDF) and signed
 archive files for the town station. No network connection is ever opened.
CONTROL
deb="$dist/village-archive_${version}_amd64.deb"
# xz level 1: a tenth larger than the default level and many times quicker on a 2-core machine.
dpkg-deb --root-owner-group -Zxz -z"${DEB_XZ_LEVEL:-1}" --build "$stage" "$deb" >/dev/null
total=$(( $(date +%s) - started ))

echo "== sizes and time"
echo "folder:  $(du -sh "$dist/village-archive" | cut -f1) ($(find "$dist/village-archive" -type f | wc -l) files)"
echo ".deb:    $(du -h "$deb" | cut -f1)  installed $(( size_kb / 1024 )) MB"
echo "glibc:   $glibc or newer (Depends: libc6 (>= $glibc))"
echo "time:    PyInstaller ${frozen} s, total ${total} s"
if [ "${1:-}" = "--smoke" ]; then
  bash packaging/smoke.sh "$dist/village-archive/village-archive"
fi
