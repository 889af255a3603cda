#!/usr/bin/env bash
# `make demo`: the whole pipeline on the local stack, watched in the terminal.
#
# The Makefile owns every command (DEMO_STACK, DEMO_TOPICS, DEMO_SCHEMAS, DEMO_PRODUCE, DEMO_STREAM,
# DEMO_WATCH, expanded from the same variables as its other targets); this script owns the order and
# the clean-up: it starts the stack only when it is not running, the producer and the streaming job in
# the background (logs and pid files under STACK_DIR), the table in the foreground until DURATION or
# Ctrl-C, and then stops, by their pids, exactly what it started. InfluxDB keeps the data.
set -euo pipefail

for var in STACK_DIR DEMO_STACK DEMO_TOPICS DEMO_SCHEMAS DEMO_PRODUCE DEMO_STREAM DEMO_WATCH; do
  if [ -z "${!var:-}" ]; then
    echo "demo: $var is not set; run this through \`make demo\`" >&2
    exit 2
  fi
done
# Seconds a process gets to end after SIGTERM before SIGKILL: the streaming job stops its queries first.
stop_timeout=${DEMO_STOP_TIMEOUT:-30}
logs=$STACK_DIR/logs
pids=$STACK_DIR/demo
mkdir -p "$logs" "$pids"

say() { printf 'demo: %s\n' "$*"; }

# A child that has exited stays a zombie until waited for, and `kill -0` still finds a zombie.
running() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# start NAME COMMAND: in the background with its output in logs/demo-NAME.log. `exec env` makes the
# recorded pid the command's own (env execs it too), so it can be stopped by that pid. SIGINT is
# ignored there (a subshell resets the INT trap below to the default): Ctrl-C is for the table, the
# clean-up stops these in order.
start() {
  local name=$1 command=$2 log=$logs/demo-$1.log
  ( trap '' INT; eval "exec env $command" ) >"$log" 2>&1 </dev/null &
  echo $! >"$pids/$name.pid"
  say "$name started, pid $!, log $log"
}

failed=0
# stop NAME...: SIGTERM to each still running (all at once: each takes seconds to flush and stop), then
# up to stop_timeout seconds for them to end, then SIGKILL. One that had already ended is reported.
stop() {
  local name pid code stopping=()
  for name in "$@"; do
    [ -f "$pids/$name.pid" ] || continue
    pid=$(cat "$pids/$name.pid")
    if running "$pid"; then
      say "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      stopping+=("$name:$pid")
    else
      code=0
      wait "$pid" 2>/dev/null || code=$?
      say "$name had ended by itself (exit code $code): see $logs/demo-$name.log"
      failed=1
      rm -f "$pids/$name.pid"
    fi
  done
  for entry in ${stopping[@]+"${stopping[@]}"}; do
    name=${entry%%:*}
    pid=${entry#*:}
    for _ in $(seq $((stop_timeout * 10))); do
      running "$pid" || break
      sleep 0.1
    done
    if running "$pid"; then
      say "$name did not end within ${stop_timeout}s of SIGTERM: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    rm -f "$pids/$name.pid"
  done
}

stack_started=0
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  set +e
  stop produce stream
  if [ "$stack_started" = 1 ]; then
    say "stopping the stack this demo started"
    eval "$DEMO_STACK down" || failed=1
  fi
  say "done; the data stays in InfluxDB (STACK_DIR $STACK_DIR)"
  if [ "$code" = 0 ] && [ "$failed" = 1 ]; then
    code=1
  fi
  exit "$code"
}

# A demo killed without its clean-up leaves pid files; one whose process is still a running JVM is a
# demo running (any other process has only inherited the number).
for file in "$pids"/*.pid; do
  [ -e "$file" ] || continue
  if running "$(cat "$file")" && tr '\0' ' ' <"/proc/$(cat "$file")/cmdline" 2>/dev/null | grep -q java; then
    say "$(basename "$file" .pid) of another demo is still running (pid $(cat "$file")); stop that demo first"
    exit 1
  fi
  rm -f "$file"
done

trap cleanup EXIT
# Ctrl-C, the usual end of the demo, reaches the table's JVM and this script; the producer and the job
# ignore it (see start) and the clean-up stops them.
trap 'exit 0' INT
trap 'exit 143' TERM

if eval "$DEMO_STACK status" >/dev/null 2>&1; then
  say "the local stack is running in $STACK_DIR: using it, and leaving it running"
else
  say "starting the local stack in $STACK_DIR (Kafka, schema registry, InfluxDB; about 20 s)"
  scripts/install-system-deps.sh stack
  # Set before `up`: a Ctrl-C or a failure half-way must still stop what it started.
  stack_started=1
  eval "$DEMO_STACK up"
fi

say "creating topics and registering schemas"
eval "$DEMO_TOPICS"
eval "$DEMO_SCHEMAS"

start produce "$DEMO_PRODUCE"
start stream "$DEMO_STREAM"
say "the streaming job needs 10-20 s before its first bars; until then the table shows '-'"
eval "$DEMO_WATCH"
