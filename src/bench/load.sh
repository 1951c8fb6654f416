#!/usr/bin/env bash
# Load benchmark for POST /api/ask against the packaged jar, with wrk (Debian: apt-get install wrk).
#   src/bench/load.sh            # 50 clients for 30 s, then 256 clients for 30 s
#   DURATION=60s src/bench/load.sh
# Per-client rate limits are turned off for the run: every wrk connection comes from 127.0.0.1, and the
# limits would otherwise answer most requests with 429. The answer gate (HELPDESK_WORK_*) stays as configured.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-7480}
DURATION=${DURATION:-30s}
DATA=$(mktemp -d)
LOG=target/load-server.log
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
[ -f target/cip-helpdesk.jar ] || mvn -q -DskipTests package
# A warm vector cache, if the tests left one, saves embedding the knowledge again.
[ -f target/test-helpdesk/vectors.bin ] && cp target/test-helpdesk/vectors.bin "$DATA/"

HELPDESK_RATE_ASK_PER_MINUTE=0 java -Xmx512m -jar target/cip-helpdesk.jar --port="$PORT" --data-dir="$DATA" > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; kill $SAMPLER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null || { echo "server did not start; see $LOG"; exit 1; }

# Resident memory of the server, sampled every 0.2 s; the largest value is reported.
RSS_FILE=$(mktemp)
( while kill -0 $SERVER 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$SERVER/status; sleep 0.2; done ) > "$RSS_FILE" 2>/dev/null &
SAMPLER=$!

echo "== warm-up: 8 clients, 10 s"
wrk -t2 -c8 -d10s -s src/bench/ask.lua "http://127.0.0.1:$PORT" > /dev/null
echo "== 50 clients, no think time, $DURATION"
wrk -t2 -c50 -d"$DURATION" -s src/bench/ask.lua "http://127.0.0.1:$PORT" | sed -n '/^latency p50/,$p'
echo "== 256 clients, no think time, $DURATION"
wrk -t2 -c256 -d"$DURATION" --timeout 10s -s src/bench/ask.lua "http://127.0.0.1:$PORT" | sed -n '/^latency p50/,$p'
echo "== after the load"
sleep 1
ok=0
for i in $(seq 1 20); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"question":"May I mine texts for research?"}' "http://127.0.0.1:$PORT/api/ask")
  [ "$code" = 200 ] && ok=$((ok + 1))
done
echo "20 requests after the load: $ok answered with 200"
echo "largest resident memory during the run: $(sort -n "$RSS_FILE" | tail -1 | awk '{printf "%.0f MB", $1 / 1024}')"
