#!/usr/bin/env bash
# The newest glibc symbol version that any ELF file in a folder needs (from `objdump -T`, undefined symbols only):
#
#   bash packaging/check-glibc.sh dist/village-archive          -> prints e.g. 2.31
#   bash packaging/check-glibc.sh dist/village-archive 2.31     -> the same, and fails (exit 1) naming every
#                                                                  file that needs a newer glibc than 2.31
#
# The .deb's `Depends: libc6 (>= …)` is this number; a keeper's system with an older glibc cannot run the folder.
# With VERBOSE=1 it prints, on stderr, each file's own newest version too.
set -euo pipefail
dir="${1:?usage: check-glibc.sh FOLDER [MAX]}"
max="${2:-}"
command -v objdump >/dev/null ||
  { echo "check-glibc: objdump not found (Debian: apt-get install binutils)" >&2; exit 2; }
[ -d "$dir" ] || { echo "check-glibc: no folder $dir" >&2; exit 2; }
newest=""
too_new=""
elves=0
while IFS= read -r -d '' f; do
  [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
  elves=$((elves + 1))
  need="$(objdump -T "$f" 2>/dev/null | awk '/\*UND\*/' | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' |
    sort -uV | tail -n 1 || true)"
  [ -n "$need" ] || continue
  [ -z "${VERBOSE:-}" ] || echo "$need ${f#"$dir"/}" >&2
  newest="$(printf '%s\n%s\n' "$newest" "$need" | sed '/^$/d' | sort -V | tail -n 1)"
  if [ -n "$max" ] && [ "$(printf '%s\n%s\n' "$max" "$need" | sort -V | tail -n 1)" != "$max" ]; then
    too_new="$too_new
  $f needs GLIBC_$need"
  fi
done < <(find "$dir" -type f -print0)
[ "$elves" -gt 0 ] || { echo "check-glibc: no ELF file in $dir" >&2; exit 2; }
echo "${newest:-none}"
if [ -n "$too_new" ]; then
  echo "check-glibc: these need a glibc newer than $max:$too_new" >&2
  exit 1
fi
