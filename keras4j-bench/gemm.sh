#!/usr/bin/env bash
# keras4j's Vector API SGEMM against OpenBLAS (JavaCPP presets), on the shapes of the MNIST MLP's
# first layer (128x784x512, forward NN and its two backward layouts NT and TN) and a square
# 1024^3, for each JDK (the default `java`, and /usr/lib/jvm/temurin-25* when installed) and 1 and
# 2 threads. Prints one markdown table (also written to keras4j-bench/target/gemm-table.md).
# Not run by CI: it builds with -Ppeers, which adds the OpenBLAS jars (Maven downloads them once;
# nothing is fetched at run time; JavaCPP unpacks the native library into ~/.javacpp/cache).
# From the repository root:
#
#   bash keras4j-bench/gemm.sh          # interleaved: io.keras4j.bench.GemmVersus (about 8 minutes)
#   bash keras4j-bench/gemm.sh jmh      # JMH, one library after the other (about 7 minutes)
#
# Interleaved (the default): both libraries in one JVM per JDK and thread count, in alternating
# turns (ROUNDS rounds of SLICE_MS ms each, PAUSE_MS ms apart; defaults 15, 150, 150): GFLOP/s is
# the median of each side's turns, the ratio the median of the per-round ratios, with their range.
# On this shared machine, whose speed drifts by tens of percent within minutes, two benchmarks run
# a minute apart measure the drift as much as the libraries.
#
# JMH: GFLOP/s = the median of the measured iterations (JMH's score is their mean) x 2*m*n*k / 1e9,
# computed by io.keras4j.bench.jmh.GemmTable from JMH's JSON results. JMH options can be changed
# with JMH_OPTS (default below: one fork, 3 x 1 s warm-up, 3 x 2 s measured iterations). Raw JSON
# and logs: keras4j-bench/target/gemm/.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/keras4j-bench
out=$bench/target/gemm
jmh_opts=${JMH_OPTS:--f 1 -wi 3 -w 1s -i 3 -r 2s}

(cd "$root" && mvn -q -B install -DskipTests -Ppeers -pl keras4j-bench -am >&2) || { echo "build failed" >&2; exit 1; }
cp="$(cat "$bench/target/classpath.txt"):$bench/target/classes"
case $cp in *openblas*) ;; *) echo "target/classpath.txt has no OpenBLAS: the peers profile did not apply" >&2; exit 1 ;; esac

rm -rf "$out" && mkdir -p "$out"
jdks=("$(command -v java)")
for d in /usr/lib/jvm/temurin-25*; do [ -x "$d/bin/java" ] && jdks+=("$d/bin/java"); done

# $1 java, $2 threads, $3 tag, then JMH -p arguments
run_jmh() {
  local java=$1 t=$2 tag=$3; shift 3
  echo "== $("$java" -version 2>&1 | head -1), $t thread(s): $*" >&2
  OPENBLAS_NUM_THREADS=$t OPENBLAS_VERBOSE=2 "$java" -cp "$cp" org.openjdk.jmh.Main \
    '^io\.keras4j\.bench\.jmh\.(OpenBlas)?GemmBench\.' -p impl=vector "$@" $jmh_opts \
    -jvmArgsAppend "-Dkeras4j.threads=$t -Dopenblas.threads=$t" \
    -rf json -rff "$out/$tag.json" > "$out/$tag.log" 2>&1 \
    || echo "   JMH failed, see $out/$tag.log" >&2
  grep -E "^[A-Za-z.]*Exception|<failure>" "$out/$tag.log" >&2
}

start=$(date +%s)
load=$(cut -d' ' -f1-3 /proc/loadavg)
blas=$(basename "$(tr ':' '\n' <<<"$cp" | grep -m1 'openblas-.*-linux')" .jar | sed 's/^openblas-//; s/-linux-x86_64$//')
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"

if [ "${1:-}" = jmh ]; then
  i=0
  for java in "${jdks[@]}"; do
    i=$((i + 1))
    for t in 1 2; do
      run_jmh "$java" "$t" "jdk$i-t$t-mnist" -p shape=128x784x512 -p layout=NN,NT,TN
      run_jmh "$java" "$t" "jdk$i-t$t-square" -p shape=1024x1024x1024 -p layout=NN
    done
  done
  {
    echo "keras4j Vector API SGEMM vs OpenBLAS $blas (JavaCPP), JMH 1.37 \`$jmh_opts\`, median of the measured iterations."
    echo "CPU: $cpu; OpenBLAS kernels: $(grep -h -m1 -o 'Core: [A-Za-z0-9]*' "$out"/*.log | head -1 | cut -d' ' -f2); $(date -u '+%Y-%m-%d %H:%M UTC'), $(( $(date +%s) - start )) s; load average before the run: $load."
    echo
    "${jdks[0]}" -cp "$cp" io.keras4j.bench.jmh.GemmTable "$out"/jdk*.json
  } | tee "$bench/target/gemm-table.md"
  exit 0
fi

rounds=${ROUNDS:-15}; slice=${SLICE_MS:-150}; pause=${PAUSE_MS:-150}
rows=$out/rows.md
for java in "${jdks[@]}"; do
  for t in 1 2; do
    echo "== $("$java" -version 2>&1 | head -1), $t thread(s)" >&2
    OPENBLAS_VERBOSE=2 "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dkeras4j.threads=$t \
      -cp "$cp" io.keras4j.bench.GemmVersus rounds=$rounds sliceMs=$slice pauseMs=$pause \
      128x784x512:NN 128x784x512:NT 128x784x512:TN 1024x1024x1024:NN 2> "$out/versus-$t.log" | tee -a "$rows" >&2 \
      || echo "   failed, see $out/versus-$t.log" >&2
  done
done
{
  echo "keras4j Vector API SGEMM vs OpenBLAS $blas (JavaCPP), interleaved in one JVM: $rounds rounds of ${slice} ms turns, ${pause} ms apart."
  echo "CPU: $cpu; OpenBLAS kernels: $(grep -h -m1 -o 'Core: [A-Za-z0-9]*' "$out"/*.log | head -1 | cut -d' ' -f2); $(date -u '+%Y-%m-%d %H:%M UTC'), $(( $(date +%s) - start )) s; load average before the run: $load."
  echo
  echo "| JDK | threads | shape (m x k x n) | layout | keras4j GFLOP/s | OpenBLAS GFLOP/s | keras4j / OpenBLAS (median of rounds) | range over rounds |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$rows"
} | tee "$bench/target/gemm-table.md"
