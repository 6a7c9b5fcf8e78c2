#!/usr/bin/env bash
# Opens the real window under a virtual display on a fresh sample tracker,
# waits until the page reports that it painted the dashboard with the eight
# recommendations from the database, and saves a screenshot to
# test-artifacts/. Fails if the window does not get there in time. Then,
# while that window runs, starts a second one on the same file: it must exit
# at once with a non-zero status and say that the file is already open,
# without opening a window.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${FOLLOWTHROUGH_BIN:-target/release/followthrough}
[ -x "$bin" ] || cargo build --release --locked
work=$(mktemp -d)
artifacts=test-artifacts
mkdir -p "$artifacts"
trap 'rm -rf "$work"' EXIT

"$bin" sample --db "$work/sample.sqlite3"

cat > "$work/inner.sh" <<'INNER'
#!/usr/bin/env bash
set -u
bin=$1 db=$2 log=$3 shot=$4 second=$5
FOLLOWTHROUGH_READY_MARK=1 XDG_CONFIG_HOME="$(dirname "$db")/config" \
  "$bin" --db "$db" 2>"$log" &
app=$!
for _ in $(seq 1 120); do
  if grep -q "ui-ready" "$log"; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then break; fi
  sleep 0.5
done
sleep 1
import -window root "$shot" 2>/dev/null || true
# A second window on the same file, while the first runs. A window that
# opened would keep running until `timeout` ends it (status 124), and the
# display would list more Followthrough windows than before.
windows() { xwininfo -root -tree 2>/dev/null | grep -c '"Followthrough"' || true; }
before=$(windows)
FOLLOWTHROUGH_READY_MARK=1 XDG_CONFIG_HOME="$(dirname "$db")/config" \
  timeout 30 "$bin" --db "$db" 2>"$second.log"
echo $? >"$second.status"
echo "$before $(windows)" >"$second.windows"
kill -0 "$app" 2>/dev/null && echo running >"$second.first"
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
exit 0
INNER
chmod +x "$work/inner.sh"

xvfb-run -a -s "-screen 0 1280x900x24" "$work/inner.sh" "$bin" "$work/sample.sqlite3" "$work/app.log" "$artifacts/window-dashboard.png" "$work/second"

passed=0 failed=0
if grep -q "ui-ready rows=8" "$work/app.log"; then
  echo "window: painted the dashboard with 8 recommendations (screenshot: $artifacts/window-dashboard.png)"
  passed=$((passed + 1))
else
  echo "window: the dashboard did not appear; application log:" >&2
  cat "$work/app.log" >&2
  failed=$((failed + 1))
fi

status=$(cat "$work/second.status" 2>/dev/null || echo none)
read -r before after <"$work/second.windows" || true
if [ "$status" != none ] && [ "$status" != 0 ] && [ "$status" != 124 ] \
  && grep -q "Followthrough is already open on $work/sample.sqlite3 in another window; use that window" "$work/second.log" \
  && ! grep -q "ui-ready" "$work/second.log" \
  && [ "${before:-0}" -gt 0 ] && [ "$after" = "$before" ] && [ -f "$work/second.first" ]; then
  echo "window: a second window on the same file was refused (exit status $status) and the first kept running"
  passed=$((passed + 1))
else
  echo "window: a second window on the same file was not refused as it should be (exit status $status; Followthrough windows before and after: ${before:-?} ${after:-?}); its log:" >&2
  cat "$work/second.log" >&2
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
