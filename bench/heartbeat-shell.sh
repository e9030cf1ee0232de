#!/bin/sh
# The shell heartbeat drygate replaces: flock + printf + mv, as an operations repo's cron job
# would have it. With SYNC=1 it also fsyncs the files and the directory, as drygate does.
set -eu
dir=$1
exec 9>>"$dir/.duri_textfile_heartbeat.lock"
flock -n 9 || { echo "lock busy" >&2; exit 1; }
seq=$(sed -n 's/^duri_textfile_heartbeat_seq{[^}]*} //p' "$dir/duri_textfile_heartbeat_seq.prom" 2>/dev/null || true)
seq=$(( ${seq:-0} + 1 ))
now=$(date +%s)
printf '# HELP duri_textfile_heartbeat_ts Unix time in seconds of the last heartbeat.\n# TYPE duri_textfile_heartbeat_ts gauge\nduri_textfile_heartbeat_ts{metric_realm="prod"} %s\n' "$now" >"$dir/.ts.prom.tmp"
printf '# HELP duri_textfile_heartbeat_seq Heartbeats written.\n# TYPE duri_textfile_heartbeat_seq counter\nduri_textfile_heartbeat_seq{metric_realm="prod"} %s\n' "$seq" >"$dir/.seq.prom.tmp"
if [ "${SYNC:-0}" = 1 ]; then sync "$dir/.ts.prom.tmp" "$dir/.seq.prom.tmp"; fi
mv "$dir/.ts.prom.tmp" "$dir/duri_textfile_heartbeat_ts.prom"
mv "$dir/.seq.prom.tmp" "$dir/duri_textfile_heartbeat_seq.prom"
if [ "${SYNC:-0}" = 1 ]; then sync "$dir"; fi
