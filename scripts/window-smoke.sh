#!/usr/bin/env bash
# Opens the real window under a virtual display on a fresh sample tracker,
# waits until the page reports that it painted the dashboard with the eight
# recommendations from the database, and saves a screenshot to
# test-artifacts/. Fails if the window does not get there in time.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=target/debug/followthrough
[ -x "$bin" ] || cargo build --locked
work=$(mktemp -d)
artifacts=test-artifacts
mkdir -p "$artifacts"
trap 'rm -rf "$work"' EXIT

"$bin" sample --db "$work/sample.sqlite3"

cat > "$work/inner.sh" <<'INNER'
#!/usr/bin/env bash
set -u
bin=$1 db=$2 log=$3 shot=$4
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
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
exit 0
INNER
chmod +x "$work/inner.sh"

xvfb-run -a -s "-screen 0 1280x900x24" "$work/inner.sh" "$bin" "$work/sample.sqlite3" "$work/app.log" "$artifacts/window-dashboard.png"

if grep -q "ui-ready rows=8" "$work/app.log"; then
  echo "window: painted the dashboard with 8 recommendations (screenshot: $artifacts/window-dashboard.png)"
  echo "1 passed, 0 failed"
else
  echo "window: the dashboard did not appear; application log:" >&2
  cat "$work/app.log" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
