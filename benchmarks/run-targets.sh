#!/usr/bin/env bash
# Runs the families the performance targets read (docs/benchmarks.md, "Targets"), two forks each,
# then writes docs/benchmarks.md and docs/benchmarks.png from them. Shorter than run-suite.sh (which
# runs every family): about 30 minutes on two idle cores. Run nothing else meanwhile.
#
#   1. builds benchmarks/target/benchmarks.jar (needs JDK 21+ for the jox and virtual-thread cases);
#   2. runs, each with -f 2 -wi 2 -i 3 (the reactive families -f 4: their spin-then-park rows are
#      bimodal from fork to fork): the reactive families, the select family, the Kafka family (an
#      in-process broker), the rendezvous family, the
#      virtual-thread family (jox's own harness), and the bounded family at capacities 1, 16, 1024
#      in the shapes spsc, mpsc, mpmc;
#   3. runs the allocation cases again with -prof gc (bounded send + receive, the reactive paths);
#   4. writes the report, passing it every command.
#
# usage: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/run-targets.sh
set -euo pipefail

started=$SECONDS
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar=benchmarks/target/benchmarks.jar
results=${RESULTS_DIR:-benchmarks/target/targets}

echo "== build (JDK: $("$java" -version 2>&1 | head -n 1))"
mvn -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$results"

json_args=()
command_args=()
run() { # name, JMH arguments...
    local name=$1
    shift
    local cmd=("$java" -jar "$jar" "$@" -rf json -rff "$results/$name.json")
    echo "== ${cmd[*]}"
    rm -f "$results/$name.json"
    "${cmd[@]}" || echo "run-targets: JMH exited with $?; reporting what it wrote" >&2
    if [[ -s $results/$name.json ]]; then
        json_args+=(--json "$results/$name.json")
        command_args+=(--command "${cmd[*]}")
    fi
}

run reactive 'BlockingToReactiveBenchmark|ReactiveToBlockingBenchmark|ProduceJdk21Benchmark' -f 4 -wi 2 -i 3
run select 'SelectJdk21Benchmark' -f 3 -wi 2 -i 3
run kafka 'KafkaBenchmark' -f 2 -wi 2 -i 3
run rendezvous 'RendezvousBenchmark|RendezvousJdk21Benchmark' -f 2 -wi 2 -i 3
run virtual 'VirtualThreadJdk21Benchmark' -f 2 -wi 2 -i 3
run bounded 'BoundedBenchmark|BoundedJdk21Benchmark' -p capacity=1,16,1024 -p shape=spsc,mpsc,mpmc -f 2 -wi 2 -i 3
run gc '\.(AllocationBenchmark|BoundedBenchmark)\.' -p capacity=1024 -prof gc -f 1 -wi 2 -w 1s -i 2 -r 1s
run gc-reactive '\.(BlockingToReactiveBenchmark|ReactiveToBlockingBenchmark)\.sluice' -prof gc -f 1 -wi 2 -w 1s -i 2 -r 1s

machine="$(nproc) CPUs (nproc)"
cpu=$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
machine+="${cpu:+, $cpu}, $(uname -srm)"
"$java" -cp "$jar" dev.sluice.benchmarks.report.BenchmarkReport \
    "${json_args[@]}" --markdown docs/benchmarks.md --chart docs/benchmarks.png "${command_args[@]}" --machine "$machine"
elapsed=$((SECONDS - started))
printf 'run-targets: done in %dh %02dm %02ds\n' $((elapsed / 3600)) $((elapsed % 3600 / 60)) $((elapsed % 60))
