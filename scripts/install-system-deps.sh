#!/usr/bin/env bash
# Installs the Debian packages that Maven cannot bring, and only those missing:
#   stack: InfluxDB 1.x (`influxdb`, 1.6 on Debian 12), the local stack's time-series store;
#   test:  the stack's, plus Confluent's own Python client, the independent implementation the
#          wire-format tests compare against (run by Debian's /usr/bin/python3), docker-compose,
#          with which compose/'s tests validate the compose file (no Docker engine needed), and
#          Chromium, in which spark-batch's test opens the HTML report (headless, no network).
# Installing needs root; otherwise it says what to install and fails.
set -euo pipefail

what=${1:-test}
missing=()
command -v influxd >/dev/null 2>&1 || [ -x /usr/bin/influxd ] || missing+=(influxdb)
if [ "$what" = test ]; then
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  /usr/bin/python3 -c 'import confluent_kafka, avro, requests' >/dev/null 2>&1 \
    || missing+=(python3-confluent-kafka python3-avro python3-requests)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
elif [ "$what" != stack ]; then
  echo "usage: $0 [stack|test]" >&2
  exit 2
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Where systemd runs, the influxdb package also starts a system-wide influxd on :8086, the stack's port.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet influxdb 2>/dev/null; then
  echo "note: the package started the system service influxdb on :8086; stop it" \
       "(systemctl disable --now influxdb) or run the stack with INFLUX_PORT=<other port>" >&2
fi
