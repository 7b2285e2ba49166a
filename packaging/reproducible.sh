#!/bin/sh
# Builds the tarball, the .deb and the jar twice from the same commit and compares them byte for
# byte. Exit 0 when every artifact is identical, 1 when one differs (the differing entries are
# printed: diffoscope when installed, else the archive listings and per-file hashes).
# Usage: packaging/reproducible.sh [COMMIT]   (default HEAD; uncommitted changes are not built)
# The two builds run in one temporary copy of the commit, the second after `mvn clean`, with
# `mvn -B -o -Pdeb -DskipTests package` (2 x 10-13 minutes on the shared 2-core machine, Dec 2026;
# result then: jar, tarball and .deb identical).
set -eu
commit=${1:-HEAD}
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
project=$(dirname -- "$here")
work=$(mktemp -d "${TMPDIR:-/tmp}/starttls-list-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT
git -C "$project" archive --format=tar "$commit" | tar -xf - -C "$work"
mkdir "$work/out1" "$work/out2"

build() {
    start=$(date +%s)
    (cd "$work" && mvn -B -q -o -Pdeb -DskipTests clean package >"$work/build-$1.log" 2>&1) || {
        tail -40 "$work/build-$1.log"; echo "build $1 failed" >&2; exit 3; }
    cp "$work"/target/starttls-list.jar "$work"/target/starttls-list-*.tar.gz \
        "$work"/target/starttls-list_*.deb "$work/out$1/"
    echo "build $1: $(( $(date +%s) - start )) s"
}

# The listing and per-file hashes of an archive, for comparing when the archives differ.
inventory() {
    unpacked=$(mktemp -d "$work/unpacked.XXXXXX")
    case $1 in
        *.tar.gz) tar -tvzf "$1"; tar -xzf "$1" -C "$unpacked" ;;
        *.deb) dpkg-deb -c "$1"; dpkg-deb -I "$1"; dpkg-deb -R "$1" "$unpacked/root" ;;
        *.jar) unzip -Z -l "$1"; (cd "$unpacked" && unzip -q "$1") ;;
    esac
    (cd "$unpacked" && find . -type f | LC_ALL=C sort | xargs -r sha256sum)
    rm -rf "$unpacked"
}

build 1
build 2
status=0
for first in "$work"/out1/*; do
    name=$(basename "$first")
    second="$work/out2/$name"
    one=$(sha256sum < "$first" | cut -d' ' -f1)
    two=$(sha256sum < "$second" | cut -d' ' -f1)
    if [ "$one" = "$two" ]; then
        echo "same     $one  $name"
    else
        status=1
        echo "DIFFERS  $one / $two  $name"
        if command -v diffoscope >/dev/null 2>&1; then
            diffoscope "$first" "$second" || true
        else
            inventory "$first" > "$work/a.txt"
            inventory "$second" > "$work/b.txt"
            diff "$work/a.txt" "$work/b.txt" || true
        fi
    fi
done
exit $status
