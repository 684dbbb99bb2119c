#!/usr/bin/env bash
# Starts a Spark standalone master and two workers (1 core, 1 GiB each) on 127.0.0.1 from the Spark
# jars the Maven build fetched (nothing is downloaded at run time), runs the MNIST MLP on them in
# synchronous and averaging mode, and stops them.
#
#   keras4j-spark/scripts/cluster-test.sh [MNIST_DIR] [EPOCHS] [MODES] [BATCH]
#
# MNIST_DIR holds the four IDX files (default ../shared/datasets/mnist-10k); EPOCHS default 15;
# MODES default "synchronous averaging"; BATCH default 128 (Keras's mnist_mlp).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${1:-$ROOT/../shared/datasets/mnist-10k}"
EPOCHS="${2:-15}"
MODES="${3:-synchronous averaging}"
BATCH="${4:-128}"
cd "$ROOT"
WORK="$(mktemp -d /tmp/keras4j-cluster.XXXXXX)"
CPFILE="$WORK/cp.txt"
mvn -q -pl keras4j-spark -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$CPFILE"
CP="$(cat "$CPFILE")"
APP="$ROOT/keras4j-spark/target/keras4j-spark-0.1.0-SNAPSHOT.jar,$ROOT/keras4j-core/target/keras4j-core-0.1.0-SNAPSHOT.jar"

# A minimal SPARK_HOME: the worker builds its executors' classpath from $SPARK_HOME/jars.
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/work"
IFS=: read -ra JARS <<< "$CP"
for j in "${JARS[@]}"; do case "$j" in *keras4j*|*junit*|*opentest4j*|*apiguardian*) ;; *) ln -sf "$j" "$SPARK_HOME/jars/";; esac; done

OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
LOG="-Dlog4j2.configurationFile=$ROOT/keras4j-spark/src/test/resources/log4j2-test.properties"
SCP="$SPARK_HOME/jars/*"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

java $OPENS $LOG -cp "$SCP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 8080 > "$WORK/master.log" 2>&1 &
PIDS+=($!)
sleep 5
for i in 1 2; do
  java $OPENS $LOG -cp "$SCP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
      --work-dir "$SPARK_HOME/work" --webui-port $((8080 + i)) spark://127.0.0.1:7077 > "$WORK/worker$i.log" 2>&1 &
  PIDS+=($!)
done
sleep 8
for mode in $MODES; do
  java $OPENS $LOG --add-modules jdk.incubator.vector -cp "keras4j-spark/target/keras4j-spark-0.1.0-SNAPSHOT.jar:$CP" \
      -Dspark.master=spark://127.0.0.1:7077 -Dspark.driver.host=127.0.0.1 -Dspark.jars="$APP" \
      -Dspark.executor.memory=1g -Dspark.cores.max=2 -Dspark.ui.enabled=false \
      io.keras4j.spark.examples.SparkMnist "$DATA" "$mode" "$EPOCHS" "$BATCH" 2 5 | grep -v "^Epoch\|^[0-9]*/[0-9]*"
done
