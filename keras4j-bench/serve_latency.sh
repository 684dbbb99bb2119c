#!/usr/bin/env bash
# Issue 17, item 4: serving latency of Keras's MNIST MLP (784-512-512-10) in keras4j and in DJL
# (PyTorch 2.7.1 engine), 1 and 8 concurrent callers, batch 1 and 32: p50/p99 of each call and
# calls/rows per second, each system in its own JVM, in turns (keras4j, DJL, keras4j, DJL, ...).
# Not run by CI (DJL's jars are ~120 MB). From the repository root:
#
#   bash keras4j-bench/serve_latency.sh                 # 1 round: 10 s measured after 5 s of warm-up on one
#                                                       # thread and 5 s of the concurrent calls, each run
#   ROUNDS=3 SECONDS_=20 WARM=5 bash keras4j-bench/serve_latency.sh
#   NO_BUILD=1 bash keras4j-bench/serve_latency.sh      # reuse keras4j-bench/target from the last run
#
# Needs ../shared/bench/jvm-peers/djl beside the repository (Maven fetches DJL's jars once, then
# it runs offline: the native library comes from the pytorch-native-cpu jar). keras4j is built
# with `package` in the reactor, never `install`. Both sides: PyTorch gets 2 intra-op threads
# (OMP_NUM_THREADS=2, as compare.sh), keras4j its kernel pool's default (the cores).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${KERAS4J_SHARED:-$root/../shared}
out=$root/keras4j-bench/target/serve-latency
peer=$root/keras4j-bench/target/peers/djl-serve
mkdir -p "$out"
rounds=${ROUNDS:-1}
seconds=${SECONDS_:-10}
warm=${WARM:-5}
java=${JAVA:-java}

if [ -z "${NO_BUILD:-}" ]; then
  (cd "$root" && mvn -q -B -pl keras4j-bench -am package -DskipTests >&2) || exit 1
fi
cp_k4j="$root/keras4j-bench/target/classes:$(cat "$root/keras4j-bench/target/classpath.txt")"

if [ ! -f "$peer/classes/.built" ] || [ "$root/keras4j-bench/peers/djl/DjlServeLatency.java" -nt "$peer/classes/.built" ]; then
  mkdir -p "$peer" && cp -r "$shared/bench/jvm-peers/djl/." "$peer/" && chmod -R u+w "$peer"
  cp "$root/keras4j-bench/peers/djl/DjlServeLatency.java" "$peer/src/peers/"
  (cd "$peer" && mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt >&2 && mkdir -p classes \
     && javac -d classes -cp "$(cat cp.txt)" src/peers/DjlServeLatency.java && touch classes/.built) \
    || { echo "DJL peer: build failed (see above)"; exit 1; }
fi

run() { # $1 system, $2 callers, $3 batch
  if [ "$1" = keras4j ]; then
    $java --add-modules jdk.incubator.vector -cp "$cp_k4j" io.keras4j.bench.ServeLatency "$2" "$3" "$seconds" "$warm" 2>/dev/null
  else
    (cd "$peer" && OMP_NUM_THREADS=2 DJL_CACHE_DIR=$peer/cache $java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
       -cp "classes:$(cat cp.txt)" peers.DjlServeLatency "$2" "$3" "$seconds" "$warm" 2>/dev/null)
  fi | grep '^RESULT' || echo "RESULT $1 callers=$2 batch=$3 error"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores; ${seconds} s measured after ${warm} s warm-up per run; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  for callers in 1 8; do
    for batch in 1 32; do
      for sys in keras4j djl; do
        line=$(run $sys $callers $batch)
        echo "$line load=$(cut -d' ' -f1 /proc/loadavg) round=$r" | tee -a "$out/results.txt"
      done
    done
  done
done
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
