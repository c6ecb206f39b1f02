# Sourced by ./plumbline: builds the launcher's jars with Maven while showing that work goes on.
# A first build takes about a minute; one unchanging line for that long looks like a hang, so
# this shows the module Maven is on and the elapsed time: redrawn in place with a spinner on a
# terminal, one line every 10 seconds otherwise (CI logs).

# plumbline_build ROOT LOG [MODULE]: builds MODULE (default harness) and what it needs in ROOT, with
# the full output in LOG; returns Maven's status.
# PLUMBLINE_PROGRESS_EVERY sets the seconds between lines when stderr is not a terminal (default 10).
plumbline_build() {
  local root="$1" log="$2" target="${3:-harness}" every="${PLUMBLINE_PROGRESS_EVERY:-10}" start now elapsed module="" frame=0 last=0 pid rc
  local spin='|/-\'
  start=$(date +%s)
  (cd "$root" && exec ./mvnw -B -ntp -DskipTests package -pl "$target" -am) >"$log" 2>&1 &
  pid=$!
  # Ctrl-C stops Maven too, not only this script.
  trap 'kill "$pid" 2>/dev/null; exit 130' INT TERM
  while kill -0 "$pid" 2>/dev/null; do
    now=$(date +%s)
    elapsed=$((now - start))
    # "[INFO] Building Plumbline :: engines 0.1.0-SNAPSHOT   [4/7]" -> "Plumbline :: engines [4/7]"
    module=$(sed -n 's/^\[INFO\] Building \(.*\) [0-9][^ ]* *\(\[[0-9]*\/[0-9]*\]\)$/\1 \2/p' "$log" 2>/dev/null \
             | tail -1)
    if [ -t 2 ]; then
      printf '\rplumbline: building %s %s  %ds\033[K' "${spin:frame++%4:1}" "${module:-(starting Maven)}" "$elapsed" >&2
    elif [ $((elapsed - last)) -ge "$every" ]; then
      last=$elapsed
      echo "plumbline: still building (${elapsed}s): ${module:-starting Maven}" >&2
    fi
    sleep 0.2
  done
  trap - INT TERM
  wait "$pid" && rc=0 || rc=$?
  elapsed=$(($(date +%s) - start))
  if [ -t 2 ]; then
    printf '\r\033[K' >&2
  fi
  if [ "$rc" -eq 0 ]; then
    echo "plumbline: built in ${elapsed}s" >&2
  fi
  return "$rc"
}
