#!/bin/sh
# Makes sure influxd (InfluxDB 1.x) is installed, which the local stack runs as its time-series store.
# As root on Debian/Ubuntu it installs the distribution's `influxdb` package (1.6.x on Debian 12);
# otherwise it says what to install and fails.
set -eu

if command -v influxd >/dev/null 2>&1 || [ -x /usr/bin/influxd ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "influxd not found: installing the Debian package influxdb ..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq influxdb >&2
    # Where systemd runs, the package also starts a system-wide influxd on :8086, the stack's port.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet influxdb 2>/dev/null; then
        echo "note: the package started the system service influxdb on :8086;" \
             "stop it (systemctl disable --now influxdb) or run the stack with INFLUX_PORT=<other port>" >&2
    fi
    exit 0
fi

echo "influxd (InfluxDB 1.x) is not installed. Install it with:  sudo apt-get install influxdb" >&2
exit 1
