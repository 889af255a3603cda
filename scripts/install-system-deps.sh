#!/usr/bin/env bash
# Installs the Debian packages the tests need and Maven cannot bring: InfluxDB (a server of the
# local stack) and Confluent's own Python client (the independent implementation the wire-format
# tests compare against). Installs only what is missing; needs root for that.
set -euo pipefail

missing=()
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v influxd >/dev/null 2>&1 || [ -x /usr/bin/influxd ] || missing+=(influxdb)
/usr/bin/python3 -c 'import confluent_kafka, avro, requests' >/dev/null 2>&1 \
  || missing+=(python3-confluent-kafka python3-avro python3-requests)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
