# tickpipe developer tasks. `make` lists them.
# Document a target with "## text" after its name, a variable with a "## text" line above it.
# (Not after its value: make would keep the spaces before the comment in the value.)

.DEFAULT_GOAL := help
SHELL := /bin/sh

## Maven command
MVN                   ?= mvn -B
## java launcher (17+) for the stack command
JAVA                  ?= java
## where stack-up keeps data, logs and pid files
STACK_DIR             ?= $(CURDIR)/.stack
## Kafka bootstrap port
KAFKA_PORT            ?= 9092
## Kafka KRaft controller port
KAFKA_CONTROLLER_PORT ?= 9093
## Kafka SASL/SCRAM port (client settings in STACK_DIR/kafka/sasl-client.properties)
KAFKA_SASL_PORT       ?= 9094
## schema registry (Apicurio, Confluent API at /apis/ccompat/v7)
REGISTRY_PORT         ?= 8081
## InfluxDB HTTP port
INFLUX_PORT           ?= 8086
## InfluxDB backup/restore RPC port
INFLUX_RPC_PORT       ?= 8088
export STACK_DIR KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_SASL_PORT REGISTRY_PORT INFLUX_PORT INFLUX_RPC_PORT

STACK_JAR := local-stack/target/local-stack.jar
STACK     := $(JAVA) -cp $(STACK_JAR) io.tickpipe.stack.StackCommand

.PHONY: help build test docs clean clean-stack stack-up stack-down stack-status cluster-up cluster-down cluster-status reliability produce stream batch archive analyze eval-anomalies demo up down logs bench-build bench-serde bench-producer bench-stream bench-stream-decode bench-raw-points bench-stream-freshness bench-stream-headroom bench-stream-throughput bench-batch fuzz

help: ## list targets and variables
	@echo "Targets:"
	@awk -F ':.*## ' '/^[a-zA-Z0-9_-]+:.*## / { printf "  %-22s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo "Variables (make VAR=value target, or set in the environment):"
	@awk '/^## / { doc = substr($$0, 4); next } \
	      /^[A-Z_]+ *[?]=/ && doc { name = $$1; sub(/^[^=]*= */, ""); printf "  %-22s %-20s %s\n", name, $$0, doc } \
	      { doc = "" }' $(MAKEFILE_LIST)

build: ## compile and install all modules, tests skipped
	$(MVN) -q install -DskipTests

test: ## all unit and integration tests (they start and stop servers of their own), then install the modules
	# install, not verify: so the tests also prove that every module installs, which `make build` needs.
	$(MVN) install

docs: ## regenerate the option reference in docs/operations.md from the commands' own definitions
	$(MVN) -q -pl cli-reference -am test -Dtest=OperationsDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dtickpipe.docs.update=true

clean: ## remove what builds made (every module's target/); the stack's data stays (see clean-stack)
	$(MVN) -q clean

clean-stack: $(STACK_JAR) ## stop the local stack and delete STACK_DIR: its data, logs, checkpoints and demo pid files
	$(STACK) down
	rm -rf '$(STACK_DIR)'

# ---- local stack: Kafka (KRaft), schema registry, InfluxDB as background processes ----

# Each runnable jar is rebuilt when any file it is built from is newer: its module's and those of
# every module it depends on, as their poms say (scripts/module-inputs.sh), so none runs stale.
inputs = $(shell scripts/module-inputs.sh $(1))

$(STACK_JAR): $(call inputs,local-stack)
	$(MVN) -q -pl local-stack -am package -DskipTests

stack-up: $(STACK_JAR) ## start the stack in the background; waits until every server answers
	scripts/install-system-deps.sh stack
	$(STACK) up

stack-down: $(STACK_JAR) ## stop the stack; its data stays in STACK_DIR
	$(STACK) down

stack-status: $(STACK_JAR) ## show which servers run and where; fails unless all answer
	$(STACK) status

# ---- producer: `tickpipe`, the runnable jar of producer-cli ----

## symbols for `make produce`
SYMBOLS       ?= AAPL,MSFT,NVDA,AMZN,GOOGL
## events per second over all symbols for `make produce` (0 = as fast as possible)
RATE          ?= 1000
## more options for `tickpipe produce`, e.g. PRODUCE_ARGS="--count 100000 --seed 7"
PRODUCE_ARGS  ?=
## extra JVM options of the CLI, after bin/tickpipe's heap and collector (-Xmx160m -XX:+UseSerialGC): a later -Xmx wins
CLI_JAVA_OPTS ?=

CLI_JAR := producer-cli/target/producer-cli.jar

$(CLI_JAR): $(call inputs,producer-cli)
	$(MVN) -q -pl producer-cli -am package -DskipTests

TICKPIPE       = TICKPIPE_JVM_OPTS='$(CLI_JAVA_OPTS)' bin/tickpipe
LOCAL_KAFKA    = --bootstrap-servers 127.0.0.1:$(KAFKA_PORT)
LOCAL_REGISTRY = --schema-registry http://127.0.0.1:$(REGISTRY_PORT)/apis/ccompat/v7

TOPICS_CREATE    = $(TICKPIPE) topics create $(LOCAL_KAFKA)
SCHEMAS_REGISTER = $(TICKPIPE) schemas register $(LOCAL_REGISTRY)

produce: $(CLI_JAR) ## produce simulated quotes and trades for SYMBOLS at RATE into the local stack (Ctrl-C stops)
	$(TOPICS_CREATE)
	$(SCHEMAS_REGISTER)
	$(TICKPIPE) produce --symbols $(SYMBOLS) --rate $(RATE) $(LOCAL_KAFKA) $(LOCAL_REGISTRY) $(PRODUCE_ARGS)

# ---- Spark jobs: spark-stream's and spark-batch's jars, run the way spark-submit runs them ----

## Spark master for `make stream` and `make batch` (default: twice the cores, as writes to InfluxDB and Kafka block task threads; or spark://host:7077)
SPARK_MASTER     ?= local[$(shell echo $$(( 2 * $$(nproc 2>/dev/null || echo 2) )))]
## more options for the streaming job, e.g. STREAM_ARGS="--intervals 1s,1m,5m --trigger '2 seconds'"
STREAM_ARGS      ?=
## JVM options of the streaming job's driver (local[*]: the executors too)
STREAM_JAVA_OPTS ?= -Xmx1g
## options of the backfill, e.g. BATCH_ARGS="--from 2026-03-02T14:30:00Z --to 2026-03-02T21:00:00Z --raw" (default: the whole trades topic)
BATCH_ARGS       ?=
## input of make analyze: kafka (the trades topic), archive (ARCHIVE_DIR), csv (ANALYZE_ARGS="--trades FILE") or bars (ANALYZE_ARGS="--bars FILE")
SOURCE           ?= kafka
## the Parquet archive make archive writes and make analyze SOURCE=archive reads
ARCHIVE_DIR      ?= $(STACK_DIR)/archive
## first UTC day (or instant) of make archive (default: today) and make analyze (default: all)
FROM             ?=
## last UTC day (inclusive; or an instant, exclusive) of make archive (default: FROM) and make analyze (default: all)
TO               ?=
## where make analyze writes its Parquet tables and report.html
ANALYSIS_DIR     ?= $(STACK_DIR)/analysis
## more options of make analyze, e.g. ANALYZE_ARGS="--intervals 1m,1h,1d --session-hours 09:30-16:00 --influx"
ANALYZE_ARGS     ?=
## JVM options of the batch job's driver (local[*]: the executors too)
BATCH_JAVA_OPTS  ?= -Xmx1g

STREAM_JAR := spark-stream/target/spark-stream.jar
BATCH_JAR  := spark-batch/target/spark-batch.jar
# spark-core's SparkSubmit on the Maven-resolved Spark that job module $(1) wrote into its target/, with
# the flags Spark's launcher adds on Java 17 (jvm/java17.args) and JVM options $(2).
SPARK_SUBMIT = SPARK_LOCAL_IP=127.0.0.1 $(JAVA) @jvm/java17.args $(2) \
	-Dlog4j2.configurationFile=spark-stream/conf/log4j2.properties \
	-cp "$$(cat $(1)/target/spark.classpath)" org.apache.spark.deploy.SparkSubmit --master '$(SPARK_MASTER)'
LOCAL_INFLUX = --influx-url http://127.0.0.1:$(INFLUX_PORT)
$(STREAM_JAR): $(call inputs,spark-stream)
	$(MVN) -q -pl spark-stream -am package -DskipTests

$(BATCH_JAR): $(call inputs,spark-batch)
	$(MVN) -q -pl spark-batch -am package -DskipTests

STREAM_RUN = $(call SPARK_SUBMIT,spark-stream,$(STREAM_JAVA_OPTS)) --class io.tickpipe.stream.StreamJob $(STREAM_JAR) \
	$(LOCAL_KAFKA) $(LOCAL_REGISTRY) $(LOCAL_INFLUX) --checkpoint-dir $(STACK_DIR)/checkpoints/spark-stream $(STREAM_ARGS)

stream: $(STREAM_JAR) ## run the streaming job against the local stack until Ctrl-C (SparkSubmit, SPARK_MASTER)
	$(STREAM_RUN)

BATCH_RUN = $(call SPARK_SUBMIT,spark-batch,$(BATCH_JAVA_OPTS)) --class io.tickpipe.batch.BatchJob $(BATCH_JAR)
ARCHIVE_FROM = $(or $(FROM),$(shell date -u +%F))

batch: $(BATCH_JAR) ## backfill the local stack's trades topic into InfluxDB `market` with the stream's transformations (BATCH_ARGS)
	$(BATCH_RUN) backfill $(LOCAL_KAFKA) $(LOCAL_REGISTRY) $(LOCAL_INFLUX) $(BATCH_ARGS)

archive: $(BATCH_JAR) ## the decoded trades and quotes of the days FROM..TO (default: today) from the local stack into Parquet in ARCHIVE_DIR
	$(BATCH_RUN) archive $(LOCAL_KAFKA) $(LOCAL_REGISTRY) --archive-dir '$(ARCHIVE_DIR)' \
	  --from $(ARCHIVE_FROM) --to $(or $(TO),$(ARCHIVE_FROM))

analyze: $(BATCH_JAR) ## bars, indicators, anomalies and statistics of SOURCE into Parquet tables and report.html in ANALYSIS_DIR
	$(BATCH_RUN) analyze --source $(SOURCE) $(LOCAL_KAFKA) $(LOCAL_REGISTRY) $(LOCAL_INFLUX) \
	  $(if $(filter archive,$(SOURCE)),--archive-dir '$(ARCHIVE_DIR)') $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO)) \
	  --output-dir '$(ANALYSIS_DIR)' --report '$(ANALYSIS_DIR)/report.html' $(ANALYZE_ARGS)
	@echo "report: $(ANALYSIS_DIR)/report.html (open it in a browser; it needs no network)"

# ---- the cluster: 3 Kafka nodes (KRaft quorum), registry, InfluxDB, Spark master + 2 workers ----

## where make cluster-up keeps the cluster's data, logs and pid files
CLUSTER_DIR           ?= $(CURDIR)/.cluster
## the Spark master's port of the cluster (its UI: 8080)
SPARK_MASTER_PORT     ?= 7077
## cores each of the cluster's two Spark workers offers its executors
SPARK_WORKER_CORES    ?= 2
## memory each of the cluster's two Spark workers offers its executors
SPARK_WORKER_MEMORY   ?= 1g
export SPARK_MASTER_PORT SPARK_WORKER_CORES SPARK_WORKER_MEMORY

CLUSTER       = STACK_DIR='$(CLUSTER_DIR)' STACK_TOPOLOGY=cluster TICKPIPE_ROOT='$(CURDIR)' $(STACK)
CLUSTER_KAFKA = --bootstrap-servers 127.0.0.1:$(KAFKA_PORT),127.0.0.1:$(shell echo $$(($(KAFKA_PORT) + 2))),127.0.0.1:$(shell echo $$(($(KAFKA_PORT) + 4)))

cluster-up: $(STACK_JAR) $(STREAM_JAR) $(CLI_JAR) ## start the cluster in CLUSTER_DIR (ports: the stack's, Kafka nodes on KAFKA_PORT+2, +4, Spark master on SPARK_MASTER_PORT), topics replicated 3 times
	scripts/install-system-deps.sh stack
	$(CLUSTER) up
	$(TICKPIPE) topics create $(CLUSTER_KAFKA) --replication-factor 3 --topic-config min.insync.replicas=2
	$(SCHEMAS_REGISTER)
	@echo "then: make stream SPARK_MASTER=spark://127.0.0.1:$(SPARK_MASTER_PORT) (and make produce, make analyze, ...)"

cluster-down: $(STACK_JAR) ## stop the cluster; its data stays in CLUSTER_DIR
	$(CLUSTER) down

cluster-status: $(STACK_JAR) ## show which of the cluster's servers run and where; fails unless all answer
	$(CLUSTER) status

reliability: ## the fault suite on the cluster at full size: seven faults, a row each (lost, duplicated, bars differing), see docs/reliability.md
	$(MVN) -pl producer-cli,spark-stream -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test=ReliabilityIT -Dfailsafe.failIfNoSpecifiedTests=false -Dreliability.scale=full
	@echo "the table: spark-stream/target/reliability.md"

# ---- eval-anomalies: the anomaly detectors against the jumps a simulation labels ----

## symbols of make eval-anomalies' simulation
EVAL_SYMBOLS  ?= AAPL,MSFT,NVDA,AMZN,GOOGL
## events of make eval-anomalies' simulation (10 ms apart); the model trains on the first half, both detectors are scored on the second
EVAL_EVENTS   ?= 600000
## seed of make eval-anomalies' simulation
EVAL_SEED     ?= 20261204
## bar interval make eval-anomalies trains and scores at
EVAL_INTERVAL ?= 1s
## more options of make eval-anomalies' train-anomaly-model, e.g. EVAL_TRAIN_ARGS="--clusters 6 --threshold-quantile 0.995"
EVAL_TRAIN_ARGS ?=
## where make eval-anomalies keeps its labels, archive, model and tables (replaced by each run)
EVAL_DIR      ?= $(STACK_DIR)/eval-anomalies

EVAL_START = 2026-03-02T14:30:00Z

# One shell for the whole run: each run gets topics of its own (a prefix with the time), so a second run
# does not read the first one's events. analyze, not the streaming job, scores the run: it reads the
# archive bounded by event time (train on the first half, score the second), and StreamAndAnalysisAgreeIT
# shows that it flags the same bars with the same scores as the stream.
eval-anomalies: $(STACK_JAR) $(CLI_JAR) $(BATCH_JAR) ## precision and recall of the z-score and the model against a seeded simulation's labelled jumps (local stack)
	scripts/install-system-deps.sh stack
	$(STACK) up
	set -e; prefix=eval-$$(date +%s); dir='$(EVAL_DIR)'; rm -rf "$$dir"; mkdir -p "$$dir"; \
	middle=$$(date -u -d "@$$(( $$(date -u -d $(EVAL_START) +%s) + $(EVAL_EVENTS) / 200 ))" +%FT%TZ); \
	$(TOPICS_CREATE) --topic-prefix $$prefix; \
	$(TICKPIPE) produce --source sim --symbols $(EVAL_SYMBOLS) --rate 100 --speed 0 --count $(EVAL_EVENTS) \
	  --seed $(EVAL_SEED) --start-time $(EVAL_START) --labels "$$dir/labels.csv" --quiet \
	  --topic-prefix $$prefix $(LOCAL_KAFKA) $(LOCAL_REGISTRY); \
	$(BATCH_RUN) archive --topic-prefix $$prefix $(LOCAL_KAFKA) $(LOCAL_REGISTRY) --archive-dir "$$dir/archive" \
	  --from 2026-03-02 --to 2026-03-03; \
	$(BATCH_RUN) train-anomaly-model --source archive --archive-dir "$$dir/archive" --to $$middle \
	  --interval $(EVAL_INTERVAL) --model-dir "$$dir/model" $(EVAL_TRAIN_ARGS); \
	$(BATCH_RUN) analyze --source archive --archive-dir "$$dir/archive" --from $$middle \
	  --intervals $(EVAL_INTERVAL) --summary-interval $(EVAL_INTERVAL) --anomaly-model "$$dir/model" \
	  --labels "$$dir/labels.csv" --output-dir "$$dir/analysis" > "$$dir/evaluation.txt" \
	  || { cat "$$dir/evaluation.txt"; exit 1; }; \
	cat "$$dir/evaluation.txt"; echo "evaluation: $$dir/evaluation.txt"

# ---- Docker Compose: the whole stack in containers (compose/docker-compose.yml) ----

## compose command: `docker compose` (v2) where the Docker CLI has it, else docker-compose (1.29+)
COMPOSE ?= $(shell docker compose version >/dev/null 2>&1 && echo 'docker compose' || echo docker-compose)

# One project name whichever way it is run (COMPOSE_PROJECT_NAME in compose/.env says the same).
COMPOSE_STACK = $(COMPOSE) -p tickpipe -f compose/docker-compose.yml

# The secrets live there; without it, stop before building anything.
compose/.env:
	@echo "compose/.env is missing: cp compose/.env.example compose/.env, then fill in its secrets" >&2
	@exit 1

up: compose/.env $(CLI_JAR) $(STREAM_JAR) $(BATCH_JAR) ## build the jars if missing or stale, then start the Compose stack in the background
	$(COMPOSE_STACK) up -d
	@echo "Grafana: http://$$($(COMPOSE_STACK) port grafana 3000) (admin / GRAFANA_ADMIN_PASSWORD of compose/.env); make logs follows the logs"

down: ## stop and remove the Compose stack's containers; its data stays in named volumes
	$(COMPOSE_STACK) down

logs: ## follow the Compose stack's logs (Ctrl-C stops following)
	$(COMPOSE_STACK) logs -f

# ---- demo: the whole pipeline on the local stack, watched in the terminal ----

## symbols of `make demo`
DEMO_SYMBOLS ?= $(SYMBOLS)
## events per second of `make demo`'s producer: bars move every second, a laptop keeps up
DEMO_RATE    ?= 200
## how long `make demo` shows its table, e.g. 90s or 10m (empty: until Ctrl-C)
DURATION     ?=
## more options for `tickpipe watch` in `make demo`, e.g. WATCH_ARGS="--indicator-interval 1m"
WATCH_ARGS   ?=

# scripts/demo.sh runs these; make expands them once here, the script's shell runs them.
demo: export DEMO_STACK    = $(STACK)
demo: export DEMO_TOPICS   = $(TOPICS_CREATE)
demo: export DEMO_SCHEMAS  = $(SCHEMAS_REGISTER)
demo: export DEMO_PRODUCE  = $(TICKPIPE) produce --symbols $(DEMO_SYMBOLS) --rate $(DEMO_RATE) $(LOCAL_KAFKA) $(LOCAL_REGISTRY)
demo: export DEMO_STREAM   = $(STREAM_RUN)
demo: export DEMO_WATCH    = $(TICKPIPE) watch --symbols $(DEMO_SYMBOLS) $(LOCAL_INFLUX) $(if $(strip $(DURATION)),--duration $(strip $(DURATION))) $(WATCH_ARGS)
demo: $(STACK_JAR) $(CLI_JAR) $(STREAM_JAR) ## the whole pipeline: stack (if not up), topics, schemas, producer, streaming job, and a live table from InfluxDB until Ctrl-C or DURATION; then stops what it started, data stays
	scripts/demo.sh

# ---- benchmarks: each prints both sides and the ratio; not run by CI ----

BENCH_RUN = $(JAVA) -cp bench/target/bench.jar:$$(cat bench/target/bench.classpath)

bench-build:
	$(MVN) -q -pl bench -am install -DskipTests

bench-serde: bench-build ## Confluent wire-format serde vs raw Avro (target >= 0.9x)
	$(BENCH_RUN) io.tickpipe.bench.SerdeBench

bench-producer: bench-build $(CLI_JAR) ## bin/tickpipe produce vs Kafka's ProducerPerformance (target >= 0.9x, RSS <= 256 MB)
	$(JAVA) -cp bench/target/bench.jar:$$(cat bench/target/bench.classpath) io.tickpipe.bench.ProducerBench $(CLI_JAR)

bench-stream-decode: ## Spark decode of Confluent-format Avro vs Spark's from_avro, rows/s, 7 rounds (target >= 0.95x)
	$(MVN) -q -pl bench -am package -DskipTests
	SPARK_LOCAL_IP=127.0.0.1 $(JAVA) -Xmx3g @jvm/java17.args $(BENCH_STREAM_OPTS) -Dlog4j2.configurationFile=spark-stream/conf/log4j2.properties -cp bench/target/bench.jar:$$(cat bench/target/bench.classpath) io.tickpipe.bench.StreamDecodeBench

## -D options of bench-raw-points, e.g. BENCH_RAW_POINTS_OPTS="-Dbench.points=2000000 -Dbench.rounds=7" (see RawPointsBench)
BENCH_RAW_POINTS_OPTS ?=

bench-raw-points: ## raw points/s of the ingest path's InfluxDB write vs plain HTTP posts of the same line protocol (target >= 0.9x)
	$(MVN) -q -pl bench -am package -DskipTests
	SPARK_LOCAL_IP=127.0.0.1 $(JAVA) -Xmx3g @jvm/java17.args $(BENCH_RAW_POINTS_OPTS) -Dlog4j2.configurationFile=spark-stream/conf/log4j2.properties -cp bench/target/bench.jar:$$(cat bench/target/bench.classpath) io.tickpipe.bench.RawPointsBench

## -D options of bench-stream-decode/-freshness/-headroom/-throughput, e.g. -Dbench.confirmMinutes=1 (see the classes for all)
BENCH_STREAM_OPTS ?=

# The streaming job and the producer as `make stream` / `make produce` run them, each bench on a stack of its own.
BENCH_STREAM_RUN = $(JAVA) -Xmx1g $(BENCH_STREAM_OPTS) -cp bench/target/bench.jar:$$(cat bench/target/bench.classpath)

bench-stream: ## the streaming job's benchmarks, one after the other: decode, freshness, headroom, throughput
	$(MAKE) bench-stream-decode
	$(MAKE) bench-stream-freshness
	$(MAKE) bench-stream-headroom
	$(MAKE) bench-stream-throughput

bench-stream-freshness: $(CLI_JAR) $(STREAM_JAR) ## 5,000 trades/s, 50 symbols: event time -> 1s bar queryable in InfluxDB, p50/p99 (target p50 <= 0.5 s, p99 <= 1 s)
	$(MVN) -q -pl bench -am package -DskipTests
	$(BENCH_STREAM_RUN) io.tickpipe.bench.StreamFreshnessBench

bench-stream-headroom: $(CLI_JAR) $(STREAM_JAR) ## highest trade rate the job keeps up with (steps, then 5 min confirm)
	$(MVN) -q -pl bench -am package -DskipTests
	$(BENCH_STREAM_RUN) io.tickpipe.bench.StreamHeadroomBench

bench-stream-throughput: $(CLI_JAR) $(STREAM_JAR) ## spark-stream --raw=false vs plain Structured Streaming OHLCV, catching up on 10M trades: trades/s (target >= 1.0x), peak RSS
	$(MVN) -q -pl bench -am package -DskipTests
	$(BENCH_STREAM_RUN) io.tickpipe.bench.StreamThroughputBench

## -D options of bench-batch, e.g. BENCH_BATCH_OPTS="-Dbench.trades=500000 -Dbench.rounds=1" (see BatchBench for all)
BENCH_BATCH_OPTS ?=

# Both sides as `make analyze` runs the job (spark-submit of spark-batch.jar, BATCH_JAVA_OPTS), on a stack of its own.
bench-batch: $(CLI_JAR) $(BATCH_JAR) ## spark-batch analyze vs plain Spark OHLCV, 10M trades from Kafka and from the archive: trades/s (target >= 0.8x), peak RSS
	$(MVN) -q -pl bench -am package -DskipTests
	$(JAVA) -Xmx512m -Dbench.jvmOpts="$(BATCH_JAVA_OPTS)" $(BENCH_BATCH_OPTS) -cp bench/target/bench.jar:$$(cat bench/target/bench.classpath) io.tickpipe.bench.BatchBench

# ---- fuzzing: each parser's Jazzer @FuzzTest in fuzzing mode (make test replays their corpus); not run by CI ----

## fuzz targets of make fuzz, each module:Class#method (empty: all, as scripts/fuzz.sh lists them)
FUZZ_TARGETS ?=
## seconds make fuzz gives each target at most
FUZZ_SECONDS ?= 900
## executions after which make fuzz ends a target sooner
FUZZ_RUNS    ?= 10000000
## seconds one input may take before make fuzz calls it a hang
FUZZ_TIMEOUT ?= 10
## heap of each fuzzing JVM
FUZZ_HEAP    ?= 1g
## RSS in MB at which libFuzzer calls a fuzzing JVM out of memory
FUZZ_RSS_MB  ?= 2560

fuzz: ## fuzz each parser (FUZZ_TARGETS) for FUZZ_RUNS executions or FUZZ_SECONDS; a table of executions per target at the end
	MVN='$(MVN)' FUZZ_TARGETS='$(FUZZ_TARGETS)' FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_RUNS='$(FUZZ_RUNS)' \
	  FUZZ_TIMEOUT='$(FUZZ_TIMEOUT)' FUZZ_HEAP='$(FUZZ_HEAP)' FUZZ_RSS_MB='$(FUZZ_RSS_MB)' scripts/fuzz.sh
