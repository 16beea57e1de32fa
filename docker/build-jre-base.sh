#!/usr/bin/env bash
# Builds a minimal Java runtime base image without any registry: a jlinked JRE, the shared libraries it links,
# CA certificates and a C.UTF-8 locale, committed from scratch with buildah. It stands in for eclipse-temurin:25-jre
# where registries are unreachable (same JAVA_HOME and PATH), e.g.
#   docker/build-jre-base.sh --jdk /usr/lib/jvm/temurin-25-jdk-amd64
#   buildah bud --build-arg BASE_IMAGE=localhost/kafka-demo-jre:25 --build-arg BUILDER_IMAGE=localhost/kafka-demo-jre:25 ...
set -euo pipefail

# `jdeps --print-module-deps` of both services and their dependencies, plus what they load reflectively:
# jdk.crypto.ec (ECDHE and EC certificates in TLS on Java 17) and jdk.management.agent (JMX, if a deployer enables it).
JDEPS_MODULES="java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,\
java.scripting,java.security.jgss,java.security.sasl,java.sql,jdk.jfr,jdk.management,jdk.unsupported"
EXTRA_MODULES="jdk.crypto.ec,jdk.management.agent"
# Loaded with dlopen, so ldd does not list them: the glibc compatibility stubs native jars link (zstd-jni needs
# libpthread) and libgcc_s, which glibc loads to unwind a cancelled thread.
DLOPENED_LIBS="libpthread.so.0 libdl.so.2 librt.so.1 libgcc_s.so.1"
# Java AWT libraries that need X11, fonts, sound or image codecs; a headless server never loads them.
DESKTOP_LIBS="libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so libfontmanager.so libjavajpeg.so liblcms.so"
JAVA_HOME_IN_IMAGE=/opt/java/openjdk

usage() {
  cat <<EOF
usage: docker/build-jre-base.sh [options]

Builds a local JRE base image (jlink + glibc/zlib/libstdc++ + CA certificates) with 'buildah from scratch',
without pulling anything. The image has JAVA_HOME=$JAVA_HOME_IN_IMAGE and java on the PATH, no shell and no
/etc/passwd (run it as a numeric user).

options:
  --image NAME     image to commit (default: localhost/kafka-demo-jre:<the JDK's feature version>)
  --jdk DIR        JDK to jlink from, with jmods/ or (JDK 24+, JEP 493) a linkable run-time image
                   (default: \$JAVA_HOME, else the JDK of 'jlink' on the PATH); docker/Dockerfile needs 25
  --modules LIST   comma-separated modules to link (default: what jdeps reports for the services, plus
                   $EXTRA_MODULES)
  --jar JAR        derive the modules from a Spring Boot jar with jdeps instead (slower), plus
                   $EXTRA_MODULES
  --cacerts FILE   Java CA keystore to install (default: /etc/ssl/certs/java/cacerts when present, else the JDK's)
  --no-cds         skip the default CDS archive (-23 MB, slower JVM start)
  -h, --help       show this help

environment (buildah storage, so tests can use throw-away directories):
  BUILDAH_ROOT, BUILDAH_RUNROOT   passed as --root / --runroot when set
  BUILDAH_STORAGE_DRIVER          passed as --storage-driver (default: vfs)
EOF
}

die() {
  echo "build-jre-base: $*" >&2
  exit 1
}

image=""
jdk="${JAVA_HOME:-}"
modules="$JDEPS_MODULES,$EXTRA_MODULES"
jar=""
cacerts=""
cds=true
while (($#)); do
  case "$1" in
    --image) image="${2:?--image needs a value}"; shift 2 ;;
    --jdk) jdk="${2:?--jdk needs a value}"; shift 2 ;;
    --modules) modules="${2:?--modules needs a value}"; shift 2 ;;
    --jar) jar="${2:?--jar needs a value}"; shift 2 ;;
    --cacerts) cacerts="${2:?--cacerts needs a value}"; shift 2 ;;
    --no-cds) cds=false; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

if [[ -z "$jdk" ]]; then
  jlink_path="$(command -v jlink)" || die "no --jdk, no JAVA_HOME and no jlink on the PATH"
  jdk="$(dirname "$(dirname "$(readlink -f "$jlink_path")")")"
fi
[[ -x "$jdk/bin/jlink" && -f "$jdk/release" ]] || die "$jdk is not a JDK (need bin/jlink and release)"
feature_version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")"
if [[ -z "$image" ]]; then
  image="localhost/kafka-demo-jre:$feature_version"
fi
# Without jmods/ (Temurin 25 ships none), jlink links from the JDK's own run-time image (JEP 493).
module_path=()
if [[ -d "$jdk/jmods" ]]; then
  module_path=(--module-path "$jdk/jmods")
fi
command -v buildah >/dev/null || die "buildah is not on the PATH"
command -v ldd >/dev/null || die "ldd is not on the PATH"
if [[ -z "$cacerts" && -f /etc/ssl/certs/java/cacerts ]]; then
  cacerts=/etc/ssl/certs/java/cacerts
fi

storage=(--storage-driver "${BUILDAH_STORAGE_DRIVER:-vfs}")
if [[ -n "${BUILDAH_ROOT:-}" ]]; then
  storage+=(--root "$BUILDAH_ROOT")
fi
if [[ -n "${BUILDAH_RUNROOT:-}" ]]; then
  storage+=(--runroot "$BUILDAH_RUNROOT")
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/jre-base.XXXXXX")"
container=""
cleanup() {
  if [[ -n "$container" ]]; then
    buildah "${storage[@]}" rm "$container" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -n "$jar" ]]; then
  [[ -f "$jar" ]] || die "no such jar: $jar"
  echo "build-jre-base: deriving modules from $jar with jdeps"
  mkdir "$work/jar"
  jar="$(readlink -f "$jar")"
  (cd "$work/jar" && "$jdk/bin/jar" xf "$jar" BOOT-INF)
  # jdeps prints its warnings to stdout too: the module list is the last line.
  found="$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release "$feature_version" --print-module-deps \
    --class-path "$work/jar/BOOT-INF/lib/*" "$work/jar/BOOT-INF/classes" "$work"/jar/BOOT-INF/lib/*.jar | tail -n 1)"
  modules="$found,$EXTRA_MODULES"
fi

rootfs="$work/rootfs"
runtime="$rootfs$JAVA_HOME_IN_IMAGE"
mkdir -p "$rootfs/usr/lib" "$rootfs/usr/lib64" "$rootfs/etc" "$rootfs/tmp" "$(dirname "$runtime")"
chmod 1777 "$rootfs/tmp"

echo "build-jre-base: jlink $modules"
jlink_args=("${module_path[@]}" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files
  --compress=2 --output "$runtime")
if [[ "$cds" == true ]]; then
  jlink_args+=(--generate-cds-archive)
fi
"$jdk/bin/jlink" "${jlink_args[@]}"

for lib in $DESKTOP_LIBS; do
  rm -f "$runtime/lib/$lib"
done
if [[ -n "$cacerts" ]]; then
  # A real file, not the JDK's symlink into /etc/ssl, which would dangle in the image.
  rm -f "$runtime/lib/security/cacerts"
  cp -L "$cacerts" "$runtime/lib/security/cacerts"
fi

# Copies a host library to the same path under /usr (the image is usr-merged: /lib and /lib64 are symlinks).
install_lib() {
  local source="$1" target
  target="$rootfs/usr${source#/usr}"
  if [[ ! -e "$target" ]]; then
    mkdir -p "$(dirname "$target")"
    cp -L "$source" "$target"
  fi
}

elf_files=()
while IFS= read -r -d '' file; do
  if [[ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" == "177ELF" ]]; then
    elf_files+=("$file")
  fi
done < <(find "$runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0)

libc_dir=""
for file in "${elf_files[@]}"; do
  while read -r name arrow path _; do
    if [[ "$arrow" == "=>" && "$path" == "not" ]]; then
      # The JDK's own libraries (libjvm.so) are found at run time through the JVM's paths.
      [[ -n "$(find "$runtime/lib" -name "$name" -print -quit)" ]] || die "$file needs $name, which is missing"
    elif [[ "$arrow" == "=>" && "$path" == /* && "$path" != "$runtime"/* ]]; then
      install_lib "$path"
      if [[ "$name" == libc.so.* ]]; then
        libc_dir="$(dirname "$path")"
      fi
    elif [[ "$name" == /*ld-linux* ]]; then
      install_lib "$name"
    fi
  done < <(ldd "$file" 2>/dev/null || true)
done
[[ -n "$libc_dir" ]] || die "ldd found no libc: is $jdk a glibc build?"
for lib in $DLOPENED_LIBS; do
  if [[ -e "$libc_dir/$lib" ]]; then
    install_lib "$libc_dir/$lib"
  fi
done
ln -s usr/lib "$rootfs/lib"
ln -s usr/lib64 "$rootfs/lib64"

# Without a locale Java 17 falls back to ASCII for file names and console output.
if [[ -d /usr/lib/locale/C.utf8 ]]; then
  mkdir -p "$rootfs/usr/lib/locale"
  cp -r /usr/lib/locale/C.utf8 "$rootfs/usr/lib/locale/"
fi
# glibc's built-in default asks DNS before /etc/hosts, so 'localhost' could leave the pod.
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"

"$runtime/bin/java" -version >/dev/null 2>&1 || die "the linked runtime does not start on this host"

container="$(buildah "${storage[@]}" from scratch)"
buildah "${storage[@]}" copy --quiet "$container" "$rootfs" / >/dev/null
buildah "${storage[@]}" config \
  --env "JAVA_HOME=$JAVA_HOME_IN_IMAGE" \
  --env "PATH=$JAVA_HOME_IN_IMAGE/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --env LANG=C.UTF-8 \
  --label "org.opencontainers.image.description=jlinked JRE ($("$runtime/bin/java" -version 2>&1 | head -n 1))" \
  --created-by "docker/build-jre-base.sh" \
  --os linux --arch amd64 \
  "$container"
buildah "${storage[@]}" commit --quiet --rm "$container" "$image" >/dev/null
container=""
echo "build-jre-base: committed $image ($(du -sh "$rootfs" | cut -f1) uncompressed)"
