#!/usr/bin/env bash
# The seed notebook's first fit in a fresh JVM, on JDK 17 and JDK 25, beside PyTorch's fit of
# the same notebook, in one run: every configuration and PyTorch in turns, ROUNDS rounds (a slow
# stretch of a shared machine falls on all of them), then each one's median. From the repository
# root:
#
#   bash keras4j-bench/scripts/first-fit.sh                 # ROUNDS=3
#   ROUNDS=5 bash keras4j-bench/scripts/first-fit.sh
#   CONFIGS="jdk17 jdk17-scalar jdk25 jdk25-aot" bash keras4j-bench/scripts/first-fit.sh
#
# Configurations (CONFIGS, default "jdk17 jdk25"): jdkNN = that JDK with the kernel's and the
# README's options (--add-modules jdk.incubator.vector, nothing else); -scalar adds
# -Dkeras4j.kernels=scalar; -c1 adds -XX:TieredStopAtLevel=1; jdk25-aot uses JDK 25's AOT cache
# (JEP 483/515), made once per run by a training run of the same program (-XX:AOTCacheOutput);
# NAME:FLAG,FLAG adds those JVM flags, e.g. jdk17:-XX:CompileThresholdScaling=0.3.
# JDK17 and JDK25 name the java binaries (default: Debian's 17 and Temurin 25 under /usr/lib/jvm).
# Each keras4j line: io.keras4j.bench.FirstFit in a fresh JVM (first fit, then warm fits of new
# models; warm = the median of fits 3-5), in wall-clock seconds and in the main thread's CPU
# seconds (the JIT's threads are not in those; on a loaded machine they move far less). PyTorch: ../shared/bench/xor_torch.py with Debian's
# python3 (train_s: its 200 epochs, timed inside the process, after `import torch`).
# The machine's load is printed with every round: on a shared machine, compare within one run.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${KERAS4J_SHARED:-$root/../shared}
rounds=${ROUNDS:-3}
configs=${CONFIGS:-jdk17 jdk25}
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
out=$root/keras4j-bench/target/first-fit
mkdir -p "$out"

if [ -z "${NO_BUILD:-}" ]; then
  (cd "$root" && mvn -q -B -pl keras4j-bench -am package -DskipTests >&2) || exit 1
fi
cp="$(cat "$root/keras4j-bench/target/classpath.txt"):$root/keras4j-bench/target/keras4j-bench-0.1.0-SNAPSHOT.jar"

java_of() { case ${1%%:*} in jdk17*) echo "$jdk17" ;; jdk25*) echo "$jdk25" ;; *) echo "unknown configuration $1" >&2; return 1 ;; esac; }
flags_of() {
  case $1 in
    *:*) echo "${1#*:}" | tr ',' ' ' ;;
    *-scalar) echo "-Dkeras4j.kernels=scalar" ;;
    *-c1) echo "-XX:TieredStopAtLevel=1" ;;
    jdk25-aot) echo "-XX:AOTCache=$out/xor.aot" ;;
    *) echo "" ;;
  esac
}

run_config() { # $1 configuration: prints the RESULT lines of one fresh JVM
  local java flags
  java=$(java_of "$1") || return 1
  flags=$(flags_of "$1")
  # shellcheck disable=SC2086
  "$java" --add-modules jdk.incubator.vector $flags -cp "$cp" io.keras4j.bench.FirstFit fits=5 2>/dev/null
}

case " $configs " in
  *" jdk25-aot "*)
    rm -f "$out/xor.aot"
    "$jdk25" --add-modules jdk.incubator.vector -XX:AOTCacheOutput="$out/xor.aot" -cp "$cp" \
      io.keras4j.bench.FirstFit fits=5 >/dev/null 2>"$out/aot-training.log" \
      || { echo "the AOT training run failed: $out/aot-training.log" >&2; exit 1; } ;;
esac

have_torch=1
/usr/bin/python3 -c "import torch" 2>/dev/null || { have_torch=0; echo "PyTorch: not installed (apt-get install -y python3-torch); its column stays empty" >&2; }

: >"$out/results.txt"
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  for c in $configs; do
    res=$(run_config "$c")
    first=$(awk '$2=="first_fit_s"{print $3}' <<<"$res")
    warm=$(awk '$2=="warm_fit_s"{print $3}' <<<"$res")
    start=$(awk '$2=="start_to_first_fit_end_s"{print $3}' <<<"$res")
    fcpu=$(awk '$2=="first_fit_cpu_s"{print $3}' <<<"$res")
    wcpu=$(awk '$2=="warm_fit_cpu_s"{print $3}' <<<"$res")
    acc=$(awk '$2=="first_fit_test_acc"{print $3}' <<<"$res")
    [ -n "$first" ] || { echo "  $c: no result" >&2; continue; }
    echo "$c $first $warm $start $fcpu $wcpu" >>"$out/results.txt"
    echo "  $c: first fit $first s, warm fit $warm s, JVM start to end of first fit $start s;" \
      "main thread CPU: first $fcpu s, warm $wcpu s; test accuracy $acc" >&2
  done
  if [ $have_torch = 1 ]; then
    t=$(/usr/bin/python3 "$shared/bench/xor_torch.py" 0 | sed -n 's/.*train_s=\([0-9.]*\).*/\1/p')
    [ -n "$t" ] && echo "pytorch $t - - - -" >>"$out/results.txt" && echo "  pytorch: fit $t s" >&2
  fi
done

echo
echo "medians of $rounds rounds (s), $(date -u +%H:%M) UTC, load now $(cut -d' ' -f1-3 /proc/loadavg):"
printf '%-34s %10s %10s %22s %16s %15s\n' "" "first fit" "warm fit" "JVM start to fit end" "first fit (CPU)" "warm fit (CPU)"
awk '
  function med(s,   n, a, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { if (!($1 in order)) { order[$1] = ++k; names[k] = $1 }; f[$1] = f[$1] " " $2; w[$1] = w[$1] " " $3; s[$1] = s[$1] " " $4
    fc[$1] = fc[$1] " " $5; wc[$1] = wc[$1] " " $6 }
  END { for (i = 1; i <= k; i++) { c = names[i]
          if (c == "pytorch") printf "%-34s %10.3f %10s %22s %16s %15s\n", c, med(f[c]), "-", "-", "-", "-"
          else printf "%-34s %10.3f %10.3f %22.3f %16.3f %15.3f\n", c, med(f[c]), med(w[c]), med(s[c]), med(fc[c]), med(wc[c]) } }' "$out/results.txt"
