#!/usr/bin/env bash
# Runs the whole network on this machine: builds if needed, then starts Kafka (KRaft) and the three
# services on loopback, drives one trade through them (credit, shipment, eBL, presentation, honour), prints where to look, and keeps
# running until Ctrl-C, which stops everything it started. Needs only a JDK 17+.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${TRADENET_SKIP_BUILD:-}" != "1" ]; then
  echo "building (the first run downloads Maven and the dependencies: a few minutes) ..."
  ./mvnw -q -B -DskipTests install
fi
exec java -jar deploy/target/tradenet.jar local-network "$@"
