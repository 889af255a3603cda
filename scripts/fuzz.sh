#!/usr/bin/env bash
# `make fuzz`: each fuzz target (a Jazzer @FuzzTest method) in fuzzing mode, one after the other, then
# a table of what each did.
#
# Jazzer fuzzes one @FuzzTest per JVM, so each target is its own `mvn test` run of that one method with
# JAZZER_FUZZ=1, its module's dependencies built from this tree (-am). The libFuzzer options reach
# Jazzer as JUnit configuration parameters (jazzer.internal.arg.N, read from the test JVM's system
# properties); given last, they win over Jazzer's own (it turns the RSS limit off, for one). A target
# ends after FUZZ_RUNS executions or FUZZ_SECONDS, whichever comes first, or at its first finding:
# Jazzer then writes the input into the target's corpus directory in the source tree
# (src/test/resources/<package>/<Class>Inputs/<method>/crash-*, or timeout-* / oom-*), where `make
# test` replays it from then on. The inputs the fuzzer found interesting stay in each module's
# .cifuzz-corpus/ (not versioned) and seed the next run.
set -uo pipefail

# Every target: module:Class#method.
all_targets="
  market-files:ReplayFileFuzzTest#csv
  market-files:ReplayFileFuzzTest#gzip
  market-files:BarFileFuzzTest#bars
  avro-wire:ConfluentAvroDecoderFuzzTest#decode
  avro-wire:RegistryAnswersFuzzTest#answer
  producer-cli:FinnhubMessagesFuzzTest#message
  influx:InfluxQlAnswerFuzzTest#answer
  producer-cli:WatchQueryFuzzTest#answer
"
mvn=${MVN:-mvn -B}
targets=${FUZZ_TARGETS:-$all_targets}
seconds=${FUZZ_SECONDS:-900}
runs=${FUZZ_RUNS:-10000000}
timeout=${FUZZ_TIMEOUT:-10}
heap=${FUZZ_HEAP:-1g}
rss_mb=${FUZZ_RSS_MB:-2560}
logs=${FUZZ_LOG_DIR:-target/fuzz}
mkdir -p "$logs"

say() { printf 'fuzz: %s\n' "$*"; }

rows=()
failed=0
for target in $targets; do
  module=${target%%:*}
  test=${target#*:}
  log=$logs/$module-${test//#/.}.log
  say "$module $test: up to $runs executions or $seconds s (log: $log)"
  started=$(date +%s)
  JAZZER_FUZZ=1 $mvn -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsurefire.jvm.args="-Xmx$heap" -Djazzer.hooks=true \
    -Djazzer.internal.arg.0=fuzz \
    -Djazzer.internal.arg.1=-max_total_time="$seconds" \
    -Djazzer.internal.arg.2=-runs="$runs" \
    -Djazzer.internal.arg.3=-timeout="$timeout" \
    -Djazzer.internal.arg.4=-rss_limit_mb="$rss_mb" \
    >"$log" 2>&1
  status=$?
  wall=$(($(date +%s) - started))
  # libFuzzer ends a clean run with "Done N runs in S second(s)"; after a finding the last status
  # line ("#N ... exec/s: R ...") is the count so far.
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  if [ -n "$done_line" ]; then
    executions=$(echo "$done_line" | awk '{print $2}')
    fuzz_seconds=$(echo "$done_line" | awk '{print $5}')
  else
    executions=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -E 's/^#([0-9]+).*/\1/')
    fuzz_seconds=
  fi
  finding=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //')
  if [ "$status" -eq 0 ] && [ -n "$done_line" ]; then
    result=ok
  elif [ -n "$finding" ]; then
    result=FINDING
  else
    result=ERROR
  fi
  [ "$result" = ok ] || failed=1
  rate=-
  if [ -n "$executions" ] && [ -n "$fuzz_seconds" ] && [ "$fuzz_seconds" -gt 0 ]; then
    rate=$((executions / fuzz_seconds))
  fi
  rows+=("$(printf '%-46s %-7s %12s %8s %9s  %s' "$module $test" "$result" "${executions:--}" \
    "${fuzz_seconds:-${wall}w}" "$rate" "${finding:-$([ "$result" = ERROR ] && echo "see $log")}")")
  say "$module $test: $result, ${executions:-no} executions"
done

echo
printf '%-46s %-7s %12s %8s %9s  %s\n' target result executions seconds "execs/s" finding
for row in "${rows[@]}"; do
  echo "$row"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
exit $failed
