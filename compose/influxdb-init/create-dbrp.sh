#!/bin/sh
# Run once by the influxdb:2.7 image after its setup (mounted into /docker-entrypoint-initdb.d).
# Grafana queries with InfluxQL, which InfluxDB 2.x answers only through a DBRP mapping: database
# `market`, retention policy `autogen` -> the bucket of the same name. The image's entrypoint exports
# the bucket's id and configures the influx CLI with the admin token.
set -eu
influx v1 dbrp create \
  --org "$DOCKER_INFLUXDB_INIT_ORG" \
  --bucket-id "$DOCKER_INFLUXDB_INIT_BUCKET_ID" \
  --db "$DOCKER_INFLUXDB_INIT_BUCKET" \
  --rp autogen \
  --default
