#!/bin/bash
# Network benchmark for org.lightbox.dicom.net (issue 4), ratios against dcmtk measured in one run:
#   send:    Lightbox SCU -> storescp      vs  storescu -> storescp        ratio = t(storescu) / t(lightbox)
#   receive: storescu -> Lightbox SCP      vs  storescu -> storescp        ratio = t(storescp) / t(lightbox)
# 1,000 CT images 512x512x16 over one association each way; receivers write Part 10 files to disk.
# Compiles dicom.core + dicom.net with javac into a temp folder, so it does not need the Tycho build.
# Usage: releng/bench/net-bench.sh [N]   (images are generated once into $BENCH_DATA, default /tmp/lightbox-net-bench)
# ROUNDS=k repeats the four phases k times, dcmtk and lightbox alternating, each lightbox run in a fresh JVM, and
# reports every round's ratios and their medians: on a machine shared with other work one run swings by 20 %.
set -euo pipefail
N=${1:-1000}
ROUNDS=${ROUNDS:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${BENCH_DATA:-/tmp/lightbox-net-bench}
# received files go to RAM when possible (both receivers alike), so disk writeback noise does not decide the ratio
WORK=$(mktemp -d -p "${BENCH_TMP:-$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )}")
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
export TCP_NODELAY=1
for t in storescp storescu dump2dcm javac awk; do command -v $t >/dev/null || { echo "missing $t (install dcmtk and a JDK 17)"; exit 2; }; done

echo "compiling core + net ..."
mkdir -p "$WORK/classes"
javac -nowarn --release 17 -d "$WORK/classes" \
  $(find "$ROOT/bundles/org.lightbox.dicom.core/src" "$ROOT/bundles/org.lightbox.dicom.net/src" -name '*.java') \
  "$ROOT/releng/bench/net/NetBench.java" 2>&1 | grep -v '^Note:' || true
(cd "$ROOT/bundles/org.lightbox.dicom.core/src" && find . -type f ! -name '*.java' -exec cp --parents {} "$WORK/classes/" \;)
JAVA="java -cp $WORK/classes"

IMAGES="$DATA/ct-$N"
if [ ! -f "$IMAGES.done" ]; then
  echo "generating $N CT images 512x512x16 in $IMAGES ..."
  mkdir -p "$IMAGES"
  head -c $((512*512*2)) /dev/urandom > "$WORK/pix"
  cat > "$WORK/ct.dump" <<DUMP
(0002,0010) UI =LittleEndianExplicit
(0008,0016) UI =CTImageStorage
(0008,0018) UI [1.2.826.0.1.3680043.10.1457.99.000000]
(0008,0060) CS [CT]
(0010,0010) PN [Bench^Network]
(0010,0020) LO [BENCH]
(0020,000d) UI [1.2.826.0.1.3680043.10.1457.99.1]
(0020,000e) UI [1.2.826.0.1.3680043.10.1457.99.2]
(0028,0002) US 1
(0028,0004) CS [MONOCHROME2]
(0028,0010) US 512
(0028,0011) US 512
(0028,0100) US 16
(0028,0101) US 16
(0028,0102) US 15
(0028,0103) US 0
(7fe0,0010) OW =$WORK/pix
DUMP
  dump2dcm -q +te "$WORK/ct.dump" "$WORK/template.dcm"
  $JAVA NetBench generate "$WORK/template.dcm" "$IMAGES" "$N"
  touch "$IMAGES.done"
fi

free_port() { $JAVA NetBench port; }
wait_port() { for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.05; done; echo "port $1 not open"; exit 1; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
settle() { rm -rf "$WORK"/r*; sync; sleep 1; } # each phase starts with a clean page cache writeback
start_storescp() { # dir -> sets PORT
  settle
  PORT=$(free_port); mkdir -p "$1"
  storescp -aet STORESCP -od "$1" "$PORT" >"$WORK/storescp.log" 2>&1 & PIDS+=($!); SCP_PID=$!
  wait_port "$PORT"
}
run_storescu() { # port -> seconds
  local t0 t1; t0=$(now)
  storescu -aec STORESCP +sd 127.0.0.1 "$1" "$IMAGES" >"$WORK/storescu.log" 2>&1 || { echo "storescu failed" >&2; cat "$WORK/storescu.log" >&2; exit 1; }
  t1=$(now); calc "$t1 - $t0"
}

send_dcmtk() {
  echo "send: storescu -> storescp" >&2
  start_storescp "$WORK/r1"; T_DCMTK_SEND=$(run_storescu "$PORT"); kill $SCP_PID; wait $SCP_PID 2>/dev/null || true
}
send_ours() {
  echo "send: lightbox SCU -> storescp" >&2
  start_storescp "$WORK/r2"
  T0=$(now); T_OUR_SEND=$($JAVA NetBench send 127.0.0.1 "$PORT" "$IMAGES"); T1=$(now)
  T_OUR_SEND_JVM=$(calc "$T1 - $T0")
  kill $SCP_PID; wait $SCP_PID 2>/dev/null || true
  [ "$(ls "$WORK/r2" | wc -l)" -eq "$N" ] || { echo "storescp did not receive $N files from lightbox"; exit 1; }
}
receive_dcmtk() {
  echo "receive: storescu -> storescp" >&2
  start_storescp "$WORK/r3"; T_DCMTK_RECV=$(run_storescu "$PORT"); kill $SCP_PID; wait $SCP_PID 2>/dev/null || true
}
receive_ours() {
  echo "receive: storescu -> lightbox SCP" >&2
  settle
  rm -f "$WORK/port"; mkfifo "$WORK/port"
  $JAVA NetBench receive "$WORK/r4" >"$WORK/port" 2>"$WORK/lightbox-scp.log" & PIDS+=($!); OUR_PID=$!
  read -r OUR_PORT <"$WORK/port"
  wait_port "$OUR_PORT"
  T_OUR_RECV=$(run_storescu "$OUR_PORT")
  kill $OUR_PID; wait $OUR_PID 2>/dev/null || true
  [ "$(ls "$WORK/r4" | wc -l)" -eq "$N" ] || { echo "lightbox SCP did not write $N files"; exit 1; }
}
median() { printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

MB=$(du -sm "$IMAGES" | cut -f1)
SEND_RATIOS=(); RECV_RATIOS=()
for round in $(seq "$ROUNDS"); do
  send_dcmtk; send_ours; receive_dcmtk; receive_ours
  SEND_RATIOS+=("$(calc "$T_DCMTK_SEND / $T_OUR_SEND")"); RECV_RATIOS+=("$(calc "$T_DCMTK_RECV / $T_OUR_RECV")")
  printf "\n%d images, %d MB%s\n" "$N" "$MB" "$([ "$ROUNDS" -gt 1 ] && echo ", round $round of $ROUNDS")"
  printf "send    storescu->storescp %7.3f s | lightbox->storescp %7.3f s (%.3f s with JVM start) | ratio %.2f\n" \
    "$T_DCMTK_SEND" "$T_OUR_SEND" "$T_OUR_SEND_JVM" "${SEND_RATIOS[-1]}"
  printf "receive storescu->storescp %7.3f s | storescu->lightbox %7.3f s | ratio %.2f\n" \
    "$T_DCMTK_RECV" "$T_OUR_RECV" "${RECV_RATIOS[-1]}"
done
if [ "$ROUNDS" -gt 1 ]; then
  printf "\nmedian of %d rounds: send ratio %.2f, receive ratio %.2f\n" "$ROUNDS" \
    "$(median "${SEND_RATIOS[@]}")" "$(median "${RECV_RATIOS[@]}")"
fi
