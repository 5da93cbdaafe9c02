#!/usr/bin/env bash
# Makes sure the services the tests use are installed and running:
# PostgreSQL (127.0.0.1:5432), Redis (127.0.0.1:6379) and Chromium.
# Installs missing ones with apt when run as root; starts stopped ones.
set -euo pipefail

apt_updated=""
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "services: $* missing and not root: install it with apt-get install -y $*" >&2
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_port() {
  for _ in $(seq 1 60); do
    port_open "$1" && return 0
    sleep 0.5
  done
  echo "services: nothing listens on 127.0.0.1:$1" >&2
  return 1
}

# PostgreSQL
if ! port_open 5432; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql | sort -n | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_port 5432
fi

# Redis
if ! port_open 6379; then
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_port 6379
fi

# Chromium, for the pages rendered through scrapy-playwright
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
echo "services: PostgreSQL, Redis and Chromium ready"
