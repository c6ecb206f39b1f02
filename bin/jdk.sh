# Sourced by ./plumbline and ./run-tests: finds a JDK >= 25 and exports JAVA_HOME.
# Order: PLUMBLINE_JAVA_HOME, JAVA_HOME, then the usual install folders (newest first).
# The machine's default `java` may be older (17 on Debian 12); nothing needs to be exported by hand.

plumbline_jdk_major() {  # prints the feature version of the JDK at $1, or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "$v"
}

plumbline_find_jdk() {
  local min=25 best="" best_v=0 d v
  for d in "${PLUMBLINE_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    [ -n "$d" ] || continue
    v=$(plumbline_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then echo "$d"; return 0; fi
  done
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.local/share/jdks/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] || continue
    v=$(plumbline_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(plumbline_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then best="$d"; fi
  fi
  [ -n "$best" ] && echo "$best"
}

PLUMBLINE_JDK=$(plumbline_find_jdk)
if [ -z "$PLUMBLINE_JDK" ]; then
  echo "plumbline: no JDK 25 or newer found (looked at PLUMBLINE_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman); install one, e.g. 'apt-get install temurin-25-jdk', or set PLUMBLINE_JAVA_HOME to its folder" >&2
  exit 2
fi
export JAVA_HOME="$PLUMBLINE_JDK"
