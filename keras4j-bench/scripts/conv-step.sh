#!/usr/bin/env bash
# The MNIST convnet's training step (batch 128, Adam) in keras4j and in Debian's PyTorch
# (../shared/bench/cnn_torch.py, 2 threads), and the step's convolutions as GEMMs on keras4j's
# SGEMM and on OpenBLAS on the same two threads (the floor issue #12 measures the step against),
# in turns, ROUNDS rounds (a slow stretch of a shared machine falls on all of them). From the
# repository root:
#
#   bash keras4j-bench/scripts/conv-step.sh            # ROUNDS=3; builds with -Ppeers (OpenBLAS jars)
#   NO_BUILD=1 ROUNDS=5 bash keras4j-bench/scripts/conv-step.sh
#
# Per round: io.keras4j.bench.ConvStep (the two convolutions forward+backward through the engine,
# the same as GEMMs, and the whole step: fit over 16 batches, median of 5 fits), cnn_torch.py (its
# median of 3 x 10 steps), io.keras4j.bench.ConvFloor threads=2 (the five GEMMs on each library,
# wall-clock, the sum of the shapes' medians). The machine's load is printed with every round.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${KERAS4J_SHARED:-$root/../shared}
rounds=${ROUNDS:-3}
java=${JAVA:-java}
if [ -z "${NO_BUILD:-}" ]; then
  (cd "$root" && mvn -q -B -Ppeers -pl keras4j-bench -am package -DskipTests >&2) || exit 1
fi
cp="$(cat "$root/keras4j-bench/target/classpath.txt"):$root/keras4j-bench/target/keras4j-bench-0.1.0-SNAPSHOT.jar"
for r in $(seq "$rounds"); do
  echo "== round $r, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
  $java --add-modules jdk.incubator.vector -cp "$cp" io.keras4j.bench.ConvStep reps=5 steps=10 2>/dev/null \
    | sed -n 's/^/keras4j: /p'
  /usr/bin/python3 "$shared/bench/cnn_torch.py" | sed 's/^/PyTorch: /'
  $java --add-modules jdk.incubator.vector -Dkeras4j.threads=2 -cp "$cp" io.keras4j.bench.ConvFloor threads=2 calls=20 rounds=9 \
    2>/dev/null | grep "all five" | sed 's/^/GEMM floor (keras4j | OpenBLAS ms): /'
done
