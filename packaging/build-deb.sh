#!/bin/sh
# Builds target/starttls-list_<version>_<arch>.deb from the jar, the generated docs and the
# schedule files, with a trimmed Java runtime made by jlink, so a mail host needs nothing else.
# Run by Maven (profile 'deb'): packaging/build-deb.sh VERSION TARGET-DIR OUTPUT-TIMESTAMP
# Reproducible: every file's time is SOURCE_DATE_EPOCH (the build's outputTimestamp), owners are
# root, and dpkg-deb writes the archive members in a fixed order with that time.
set -eu
version=$1
target=$2
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
project=$(dirname -- "$here")
schedule="$project/src/main/resources/org/starttlslist/schedule"
SOURCE_DATE_EPOCH=$(date -u -d "$3" +%s)
export SOURCE_DATE_EPOCH

# Debian's version order: 0.1.0~SNAPSHOT sorts before the 0.1.0 release.
debversion=$(printf '%s' "$version" | sed 's/-/~/g')
arch=$(dpkg --print-architecture)
root="$target/deb/root"
rm -rf "$target/deb"
mkdir -p "$root/DEBIAN"

lib="$root/usr/lib/starttls-list"
mkdir -p "$lib/bin" "$lib/lib" "$root/usr/bin"

# The Java modules the jar uses (jdeps, checked by DebPackageIT running the installed command),
# plus the elliptic-curve provider TLS needs. No CDS archive here: the JVM's own is not
# byte-for-byte reproducible; the postinst makes the application's archive on the target.
jlink --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,jdk.crypto.ec,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --compress=2 \
    --output "$lib/runtime"

install -m 0644 "$target/starttls-list.jar" "$lib/lib/starttls-list.jar"
install -m 0755 "$here/bin/starttls-list" "$lib/bin/starttls-list"
install -m 0755 "$schedule/reload-postfix" "$lib/reload-postfix"
ln -s ../lib/starttls-list/bin/starttls-list "$root/usr/bin/starttls-list"

mkdir -p "$root/usr/share/man/man1"
for page in "$target"/docs/man/man1/*.1; do
    gzip -9nc "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"
done
install -D -m 0644 "$target/docs/completion/starttls-list.bash" "$root/usr/share/bash-completion/completions/starttls-list"
install -D -m 0644 "$target/docs/completion/_starttls-list" "$root/usr/share/zsh/vendor-completions/_starttls-list"
install -D -m 0644 "$schedule/starttls-list-mirror.service" "$root/lib/systemd/system/starttls-list-mirror.service"
install -D -m 0644 "$schedule/starttls-list-mirror.timer" "$root/lib/systemd/system/starttls-list-mirror.timer"
install -D -m 0644 "$schedule/mirror.conf" "$root/etc/starttls-list/mirror.conf"
install -D -m 0644 "$schedule/starttls-list-mirror.cron" "$root/usr/share/doc/starttls-list/examples/cron.d/starttls-list-mirror"
mkdir -p "$root/etc/starttls-list/keys"
{ cat "$project/NOTICE"; echo; cat "$project/LICENSE"; } > "$root/usr/share/doc/starttls-list/copyright"
gzip -9nc "$project/README.md" > "$root/usr/share/doc/starttls-list/README.md.gz"

installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$debversion/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$installed_size/" \
    "$here/debian/control" > "$root/DEBIAN/control"
install -m 0644 "$here/debian/conffiles" "$root/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    install -m 0755 "$here/debian/$script" "$root/DEBIAN/$script"
done
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print | LC_ALL=C sort | sed 's|^\./||' | xargs md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
deb="$target/starttls-list_${debversion}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "built $deb"
