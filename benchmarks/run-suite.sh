#!/usr/bin/env bash
# Runs the whole benchmark suite and writes docs/benchmarks.md and docs/benchmarks.png from it.
#
#   1. builds benchmarks/target/benchmarks.jar (mvn package, tests skipped);
#   2. runs every benchmark but AllocationBenchmark with JSON output (-rf json);
#   3. runs AllocationBenchmark and BoundedBenchmark capacity=1024, then the Sluice cases of the
#      reactive families, again with -prof gc, for the bytes allocated per operation (short settings:
#      allocation per op settles quickly);
#   4. runs dev.sluice.benchmarks.report.BenchmarkReport on the JSON, passing it the exact
#      commands of steps 2 and 3.
#
# usage, from anywhere in the repository:
#   benchmarks/run-suite.sh [JMH options for step 2]
#   benchmarks/run-suite.sh                          # the benchmarks' own @Fork/@Warmup/@Measurement
#   benchmarks/run-suite.sh -f 1 -wi 3 -i 5          # shorter
#   benchmarks/run-suite.sh 'Bounded|Rendezvous'     # some families only
#
# environment:
#   JAVA_HOME       the JDK that builds and runs everything (default: java and mvn on PATH)
#   ALSO_JAVA_HOME  a second JDK to run step 2 on as well (e.g. /usr/lib/jvm/temurin-25-jdk-amd64);
#                   the report puts both side by side, each row marked with its JDK
#   GC_OPTS         JMH options for step 3 (default: -f 1 -wi 2 -w 1s -i 2 -r 1s); SKIP_GC=1 skips it
#   RESULTS_DIR     where the JSON goes (default: benchmarks/target/suite)
#   MARKDOWN, CHART the report's files (default: docs/benchmarks.md, docs/benchmarks.png)
set -euo pipefail

started=$SECONDS
cd "$(dirname "$0")/.."

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar=benchmarks/target/benchmarks.jar
results=${RESULTS_DIR:-benchmarks/target/suite}
markdown=${MARKDOWN:-docs/benchmarks.md}
chart=${CHART:-docs/benchmarks.png}
read -r -a gc_opts <<< "${GC_OPTS:--f 1 -wi 2 -w 1s -i 2 -r 1s}"

# a command as one line that a POSIX shell runs the same way
quoted() {
    local out="" word
    for word in "$@"; do
        if [[ $word =~ ^[A-Za-z0-9_./=:,@+-]+$ ]]; then
            out+="$word "
        else
            out+="'${word//\'/\'\\\'\'}' "
        fi
    done
    printf '%s' "${out% }"
}

echo "== build (JDK: $("$java" -version 2>&1 | head -n 1))"
mvn -B -q -pl benchmarks -am package -DskipTests
echo # mvn -q can leave the line unfinished
mkdir -p "$results"

json_args=()
command_args=()

run_suite() { # java, json file, JMH options...
    local jvm=$1 json=$2
    shift 2
    local cmd=("$jvm" -jar "$jar" -e AllocationBenchmark "$@" -rf json -rff "$json")
    echo "== $(quoted "${cmd[@]}")"
    rm -f "$json"
    # a failing benchmark does not stop the others; whatever JMH wrote is reported
    "${cmd[@]}" || echo "run-suite: JMH exited with $?; reporting what it wrote" >&2
    if [[ -s $json ]]; then
        json_args+=(--json "$json")
        command_args+=(--command "$(quoted "${cmd[@]}")")
    else
        echo "run-suite: no results in $json" >&2
    fi
}

run_suite "$java" "$results/jmh-result-suite.json" "$@"
if [[ -n ${ALSO_JAVA_HOME:-} ]]; then
    run_suite "$ALSO_JAVA_HOME/bin/java" "$results/jmh-result-suite-also.json" "$@"
fi

run_gc() { # json file, JMH selection and options...
    local gc_json=$1
    shift
    local gc_cmd=("$java" -jar "$jar" "$@" -prof gc "${gc_opts[@]}" -rf json -rff "$gc_json")
    echo "== $(quoted "${gc_cmd[@]}")"
    rm -f "$gc_json"
    "${gc_cmd[@]}" || echo "run-suite: JMH (-prof gc) exited with $?" >&2
    if [[ -s $gc_json ]]; then
        # after the main run: the report takes only the allocation figures from it where both measured a case
        json_args+=(--json "$gc_json")
        command_args+=(--command "$(quoted "${gc_cmd[@]}")")
    fi
}

if [[ ${SKIP_GC:-0} != 1 ]]; then
    run_gc "$results/jmh-result-gc.json" '\.(AllocationBenchmark|BoundedBenchmark)\.' -p capacity=1024
    # the reactive paths: a subscription with demand and an upstream feed, in steady state
    run_gc "$results/jmh-result-gc-reactive.json" '\.(BlockingToReactiveBenchmark|ReactiveToBlockingBenchmark)\.sluice'
fi

if [[ ${#json_args[@]} -eq 0 ]]; then
    echo "run-suite: no JMH results to report" >&2
    exit 1
fi

# the machine the suite ran on, as nproc and the kernel see it
machine="$(nproc) CPUs (nproc)"
cpu=$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
machine+="${cpu:+, $cpu}, $(uname -srm)"

echo "== report"
"$java" -cp "$jar" dev.sluice.benchmarks.report.BenchmarkReport \
    "${json_args[@]}" --markdown "$markdown" --chart "$chart" "${command_args[@]}" --machine "$machine"

elapsed=$((SECONDS - started))
printf 'run-suite: done in %dh %02dm %02ds\n' $((elapsed / 3600)) $((elapsed % 3600 / 60)) $((elapsed % 60))
