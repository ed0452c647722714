#!/usr/bin/env bash
# Smoke tests of the materialized products through ./lightbox, as a user or a script would use them.
# Run after the build (run-tests does). Prints "smoke: N passed, N failed" and fails if any failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

check() { # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "smoke ok:   $name"; else failed=$((failed + 1)); echo "smoke FAIL: $name"; fi
}

export LIGHTBOX_HOME="$work/home"

version_without_display() {
  env -u DISPLAY -u WAYLAND_DISPLAY "$root/lightbox" version >"$work/version.out" 2>"$work/version.err" &&
    grep -Eq '^Lightbox [0-9]+\.[0-9]+\.[0-9]+ \(build [0-9]{12}\)$' <(head -n 1 "$work/version.out") &&
    grep -q "^Data folder $work/home\$" "$work/version.out"
}
check "version prints the release and build without a display" version_without_display

help_lists_commands() {
  "$root/lightbox" help >"$work/help.out" && grep -Eq '^  version +print the Lightbox version' "$work/help.out"
}
check "help lists the commands" help_lists_commands

unknown_command_fails() {
  "$root/lightbox" no-such-command >/dev/null 2>"$work/unknown.err"
  local status=$?
  [[ $status -eq 2 && $(wc -l <"$work/unknown.err") -eq 1 ]] && grep -q "unknown command 'no-such-command'" "$work/unknown.err"
}
check "an unknown command exits 2 with a one-line reason" unknown_command_fails

home_option_wins() {
  "$root/lightbox" --home "$work/other" version | grep -q "^Data folder $work/other\$"
}
check "--home overrides LIGHTBOX_HOME" home_option_wins

commands_run_side_by_side() {
  local pids=() i
  for i in 1 2 3; do "$root/lightbox" version --short >"$work/par.$i" 2>&1 & pids+=($!); done
  for i in "${pids[@]}"; do wait "$i" || return 1; done
  [[ $(cat "$work"/par.* | sort -u | wc -l) -eq 1 ]] && grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' "$work/par.1"
}
check "three commands run at the same time" commands_run_side_by_side

dump_reads_good_and_rejects_bad() {
  printf '(0008,0016) UI =CTImageStorage\n(0008,0018) UI [2.25.7]\n(0010,0010) PN [Smoke^Test]\n(0020,000d) UI [2.25.8]\n(0020,000e) UI [2.25.9]\n' >"$work/s.dump"
  dump2dcm -q "$work/s.dump" "$work/s.dcm" || return 1
  "$root/lightbox" dump "$work/s.dcm" >"$work/dump.out" && grep -q '(0010,0010) PN \[Smoke^Test\]' "$work/dump.out" || return 1
  head -c 200 "$work/s.dcm" >"$work/truncated.dcm"
  "$root/lightbox" dump "$work/truncated.dcm" >/dev/null 2>"$work/dump.err"
  local status=$?
  [[ $status -eq 1 && $(wc -l <"$work/dump.err") -eq 1 ]] && grep -q 'offset' "$work/dump.err"
}
check "dump prints a file and rejects a truncated one with a one-line reason" dump_reads_good_and_rejects_bad

echo_and_store_reach_storescp() {
  local port=$((20000 + RANDOM % 20000))
  mkdir -p "$work/scp"
  TCP_NODELAY=1 storescp -aet SMOKESCP -od "$work/scp" "$port" >"$work/scp.log" 2>&1 &
  local scp=$! ok=1 i
  for i in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  "$root/lightbox" echo "SMOKESCP@127.0.0.1:$port" >"$work/echo.out" 2>&1 &&
    "$root/lightbox" store "SMOKESCP@127.0.0.1:$port" "$work/s.dcm" >"$work/store.out" 2>&1 &&
    grep -q 'sent 1, warnings 0, failed 0' "$work/store.out" && [[ $(ls "$work/scp" | wc -l) -eq 1 ]] && ok=0
  kill "$scp" 2>/dev/null; wait "$scp" 2>/dev/null
  [[ $ok -eq 0 ]] || { cat "$work/echo.out" "$work/store.out" "$work/scp.log" | sed 's/^/  | /'; }
  return $ok
}
check "echo and store reach dcmtk's storescp" echo_and_store_reach_storescp

node_receives_and_stops_cleanly() {
  local port=$((20000 + RANDOM % 20000)) i ok=1
  LIGHTBOX_HOME="$work/node" "$root/lightbox" node --port "$port" >"$work/node.out" 2>&1 &
  local node=$!
  for i in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  "$root/lightbox" echo "LIGHTBOX@127.0.0.1:$port" >/dev/null 2>&1 &&
    "$root/lightbox" store "LIGHTBOX@127.0.0.1:$port" "$work/s.dcm" 2>&1 | grep -q 'sent 1, warnings 0, failed 0' && ok=0
  # what was stored is found by C-FIND (once the association is released the catalog has it) ...
  "$root/lightbox" find --json "LIGHTBOX@127.0.0.1:$port" >"$work/find.out" 2>&1 && grep -q '2\.25\.8' "$work/find.out" ||
    { ok=1; sed 's/^/  find | /' "$work/find.out"; }
  # ... and an import into the data folder the running node holds says why it cannot, without harm
  if LIGHTBOX_HOME="$work/node" "$root/lightbox" import "$work/s.dcm" >"$work/import.out" 2>&1 ||
    ! grep -q 'in use by another Lightbox' "$work/import.out"; then ok=1; sed 's/^/  import | /' "$work/import.out"; fi
  kill -TERM "$node"; wait "$node" 2>/dev/null # the script's pid: it passes the signal on to the JVM
  if pgrep -f "lightbox.home=$work/node" >/dev/null; then
    echo "  | SIGTERM to the lightbox script left the JVM running"; ok=1
    pkill -KILL -f "lightbox.home=$work/node"
  fi
  grep -q 'received 2.25.7' "$work/node.out" && grep -q 'catalog and store closed' "$work/node.out" || ok=1
  # with the node stopped, the catalog is free for the headless study list
  LIGHTBOX_HOME="$work/node" "$root/lightbox" studies >"$work/studies.out" 2>&1 &&
    grep -q '^1 study(ies), 1 image(s)' "$work/studies.out" || { ok=1; sed 's/^/  studies | /' "$work/studies.out"; }
  [[ $ok -eq 0 ]] || sed 's/^/  | /' "$work/node.out" | tail -15
  return $ok
}
check "the node receives an image, finds it, refuses a concurrent import clearly, stops cleanly on SIGTERM to the script, and lists it headless" node_receives_and_stops_cleanly

workbench_opens_window() {
  [[ -n ${DISPLAY:-} ]] || { echo "  (no DISPLAY: run under xvfb-run)"; return 1; }
  "$root/lightbox" >"$work/wb.log" 2>&1 &
  local pid=$! i
  for i in $(seq 1 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"Lightbox"'; then break; fi
    sleep 1
  done
  local found=1
  xwininfo -root -tree 2>/dev/null | grep -q '"Lightbox"' && [[ -d $work/home/workbench/.metadata ]] && found=0
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  [[ $found -eq 0 ]] || { echo "  workbench log:"; sed 's/^/  | /' "$work/wb.log" | tail -20; }
  return $found
}
check "the workbench opens a window titled Lightbox and keeps its state in the data folder" workbench_opens_window

echo "smoke: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
