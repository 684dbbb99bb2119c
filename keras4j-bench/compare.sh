#!/usr/bin/env bash
# Side-by-side benchmark: the shared workloads in keras4j and in its peers, in one run, on this
# machine, printed as a table with ratios. Not run by CI (the peers need ~330 MB of jars and
# Debian's PyTorch). From the repository root:
#
#   bash keras4j-bench/compare.sh [xor] [mlp] [cnn] [rnn]
#   NO_INSTALL=1 bash keras4j-bench/compare.sh rnn   # builds with `package` in the reactor, not `install`
#   ROUNDS=3 bash keras4j-bench/compare.sh xor mlp   # every system 3 times, in turns; medians
#
# Needs: ../shared/bench beside the repository; for the PyTorch column Debian's python3-torch
# (apt-get install -y python3-torch); the DJL and DL4J columns are built from
# ../shared/bench/jvm-peers into keras4j-bench/target/peers (Maven downloads their jars once).
# rnn (Keras's addition_rnn model, s per epoch of 45,000 questions at batch 32) has a PyTorch
# column only (keras4j-bench/peers/addition_rnn_torch.py): the DJL and DL4J programs have no RNN.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${KERAS4J_SHARED:-$root/../shared}
out=$root/keras4j-bench/target/compare
mkdir -p "$out"
workloads=${*:-xor mlp}
rounds=${ROUNDS:-1}
java=${JAVA:-java}

if [ -n "${NO_INSTALL:-}" ]; then
  (cd "$root" && mvn -q -B -pl keras4j-bench -am package -DskipTests >&2) || exit 1
else
  (cd "$root" && mvn -q -B install -DskipTests >&2) || exit 1 # the build's output is not part of the table
fi
cp_k4j="$(cat "$root/keras4j-bench/target/classpath.txt"):$root/keras4j-bench/target/keras4j-bench-0.1.0-SNAPSHOT.jar"

run_keras4j() { # $1 workload, $2 extra JVM flags
  $java --add-modules jdk.incubator.vector -Dkeras4j.mnist="$shared/datasets/mnist-10k" $2 -cp "$cp_k4j" \
    io.keras4j.bench.EndToEnd "$1" 3 2>/dev/null
}

build_peer() { # $1 djl|dl4j
  local d=$root/keras4j-bench/target/peers/$1
  [ -f "$d/classes/.built" ] && return 0
  mkdir -p "$d" && cp -r "$shared/bench/jvm-peers/$1/." "$d/" && chmod -R u+w "$d"
  (cd "$d" && mvn -q dependency:build-classpath -Djavacpp.platform=linux-x86_64 -Dmdep.outputFile=cp.txt \
     && mkdir -p classes && javac -d classes -cp "$(cat cp.txt)" src/peers/*.java && touch classes/.built)
}

run_peer() { # $1 djl|dl4j, $2 workload
  local d=$root/keras4j-bench/target/peers/$1
  build_peer "$1" >/dev/null 2>&1 || { echo "RESULT error build_failed"; return; }
  if [ "$1" = djl ]; then
    (cd "$d" && OMP_NUM_THREADS=2 DJL_CACHE_DIR=$d/cache $java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
       -cp "classes:$(cat cp.txt)" peers.DjlBench "$2" 2>/dev/null)
  else
    (cd "$d" && OMP_NUM_THREADS=2 $java -Djavacpp.platform=linux-x86_64 -cp "classes:$(cat cp.txt)" peers.Dl4jBench "$2" 2>/dev/null)
  fi
}

run_torch() { # $1 workload
  /usr/bin/python3 -c "import torch" 2>/dev/null || { echo "torch: not installed"; return; }
  case $1 in
    xor) /usr/bin/python3 "$shared/bench/xor_torch.py" 0 ;;
    mlp) /usr/bin/python3 "$shared/bench/mlp_torch.py" ;;
    cnn) /usr/bin/python3 "$shared/bench/cnn_torch.py" ;;
    rnn) /usr/bin/python3 "$root/keras4j-bench/peers/addition_rnn_torch.py" runs=3 ;;
  esac
}

val1() { grep -oE "(RESULT )?$2[ =][0-9.]+" "$1" | head -1 | grep -oE "[0-9.]+$"; }
val() { # $1 workload-system, $2 key: the median over the rounds (the lower middle one of an even count)
  for r in $(seq "$rounds"); do [ -f "$out/$1-$r.txt" ] && val1 "$out/$1-$r.txt" "$2"; done \
    | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1fx", b / a; else printf "-" }'; }

# each round runs every system once, so a slow stretch of the machine falls on all of them
for r in $(seq "$rounds"); do
  for w in $workloads; do
    run_keras4j "$w" "" > "$out/$w-keras4j-$r.txt"
    run_keras4j "$w" "-Dkeras4j.kernels=scalar" > "$out/$w-keras4j-scalar-$r.txt"
    run_torch "$w" > "$out/$w-torch-$r.txt" 2>&1
    [ "$w" = rnn ] && continue # no RNN program in the JVM peers
    run_peer djl "$w" > "$out/$w-djl-$r.txt"
    run_peer dl4j "$w" > "$out/$w-dl4j-$r.txt"
  done
done

echo "| workload | keras4j | keras4j (scalar) | PyTorch (Debian) | DJL + PyTorch 2.7 | DL4J | keras4j vs PyTorch / DJL / DL4J |"
echo "|---|---|---|---|---|---|---|"
for w in $workloads; do
  case $w in
    xor) k=xor_train_s; t=train_s; p=xor_train_s; unit="s, 200 epochs" ;;
    mlp) k=mlp_ms_per_step; t=ms_per_step; p=mlp_ms_per_step; unit="ms/step" ;;
    cnn) k=cnn_ms_per_step; t=median; p=cnn_train_step_ms; unit="ms/step, batch 128" ;;
    rnn) k=rnn_epoch_s; t=rnn_epoch_s; p=rnn_epoch_s; unit="s/epoch, addition_rnn, batch 32" ;;
  esac
  a=$(val "$w-keras4j" "$k"); s=$(val "$w-keras4j-scalar" "$k")
  b=$(val "$w-torch" "$t"); c=$(val "$w-djl" "$p"); d=$(val "$w-dl4j" "$p")
  echo "| $w train ($unit) | ${a:--} | ${s:--} | ${b:--} | ${c:--} | ${d:--} | $(ratio "$a" "$b") / $(ratio "$a" "$c") / $(ratio "$a" "$d") faster |"
  [ "$w" = rnn ] && continue # no single-sample predict figure in this workload
  case $w in
    xor) k=xor_single_predict_us; t=single_sample_us; p=predict_raw_us_median ;;
    mlp) k=mlp_single_predict_us; t=single_sample_predict_us; p=predict_raw_us_median ;;
    cnn) k=cnn_infer_batch128_ms; t=inference_ms_per_batch128; p=cnn_infer_batch128_ms ;;
  esac
  a=$(val "$w-keras4j" "$k"); s=$(val "$w-keras4j-scalar" "$k")
  b=$(val "$w-torch" "$t"); c=$(val "$w-djl" "$p"); d=$(val "$w-dl4j" "$p")
  [ "$w" = cnn ] && { echo "| $w inference, batch 128 (ms) | ${a:--} | ${s:--} | ${b:--} | ${c:--} | ${d:--} | $(ratio "$a" "$b") / $(ratio "$a" "$c") / $(ratio "$a" "$d") faster |"; continue; }
  echo "| $w single-sample predict (us) | ${a:--} | ${s:--} | ${b:--} | ${c:--} | ${d:--} | $(ratio "$a" "$b") / $(ratio "$a" "$c") / $(ratio "$a" "$d") faster |"
  if [ "$w" = mlp ]; then # keras4j only: the peers' programs have no MNIST digits
    a=$(val "$w-keras4j" mlp_mnist_digit_predict_us); s=$(val "$w-keras4j-scalar" mlp_mnist_digit_predict_us)
    echo "| $w single-sample predict, MNIST test digits (us) | ${a:--} | ${s:--} | - | - | - | - |"
    a=$(val "$w-keras4j" mlp_weights_read_floor_us) # no kernels involved: the scalar run's is the same measurement
    echo "| $w reading the weights once, every core: any dense predict's floor (us) | ${a:--} | - | - | - | - | - |"
  fi
done
echo
echo "Medians of $rounds round(s); each round ran every system once, in turn. Training, per round"
echo "(keras4j / PyTorch / DJL / DL4J):"
for w in $workloads; do
  case $w in xor) k=xor_train_s; t=train_s; p=xor_train_s ;; mlp) k=mlp_ms_per_step; t=ms_per_step; p=mlp_ms_per_step ;;
    cnn) k=cnn_ms_per_step; t=median; p=cnn_train_step_ms ;;
    rnn) k=rnn_epoch_s; t=rnn_epoch_s; p=rnn_epoch_s ;; esac
  for r in $(seq "$rounds"); do
    echo "  $w round $r: $(val1 "$out/$w-keras4j-$r.txt" $k) / $(val1 "$out/$w-torch-$r.txt" $t) /" \
      "$(val1 "$out/$w-djl-$r.txt" $p) / $(val1 "$out/$w-dl4j-$r.txt" $p)"
  done
done
echo
echo "Raw outputs: $out"
