#!/usr/bin/env bash
# Registers the keras4j Java kernel with Jupyter ("Java (keras4j)"), after the Maven build.
#   bash keras4j-examples/notebooks/install-kernel.sh            # for this user
#   bash keras4j-examples/notebooks/install-kernel.sh --system   # for every user (/usr/local/share/jupyter)
# Builds keras4j-jupyter first when its classes are missing. The kernel runs on the `java` of
# JAVA_HOME (else the PATH), with the Vector API module and the JVM options of KERNEL_JVM_OPTS.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
module="$root/keras4j-jupyter"
if [ ! -f "$module/target/classpath.txt" ] || [ ! -d "$module/target/classes/io" ]; then
  (cd "$root" && mvn -q -B -pl keras4j-jupyter -am compile -DskipTests)
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java="$(command -v "$java")"
cp="$module/target/classes:$root/keras4j-core/target/classes:$root/keras4j-plot/target/classes:$(cat "$module/target/classpath.txt")"
spec="$(mktemp -d)/keras4j"
mkdir -p "$spec"
python3 - "$spec/kernel.json" "$java" "$cp" "${KERNEL_JVM_OPTS:-}" <<'PY'
import json, sys
path, java, cp, opts = sys.argv[1:5]
argv = [java, "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true"] + opts.split() + \
       ["-cp", cp, "io.keras4j.jupyter.KernelMain", "{connection_file}"]
json.dump({"argv": argv, "display_name": "Java (keras4j)", "language": "java",
           "interrupt_mode": "message"}, open(path, "w"), indent=1)
PY
if [ "${1:-}" = "--system" ]; then
  jupyter kernelspec install --replace --name keras4j "$spec" --prefix /usr/local >/dev/null
else
  jupyter kernelspec install --replace --name keras4j "$spec" --user >/dev/null
fi
echo "installed the Jupyter kernel 'keras4j' (Java (keras4j)): $(jupyter kernelspec list | grep -w keras4j)"
