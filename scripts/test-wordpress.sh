#!/usr/bin/env bash
# npm run test:wordpress: a throwaway WordPress up, the real-WordPress tests (the plugin's
# HTTP behaviour with node:test, the widget in Chromium with wtr), WordPress down again
# whatever happened; exits with the tests' status.
set -uo pipefail
cd "$(dirname "$0")/.."

started=$EPOCHREALTIME
seed="$(scripts/wordpress.sh up)" || exit 1
trap 'scripts/wordpress.sh down' EXIT
awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "test:wordpress: WordPress up in %.1f s\n", b - a }'

export PALAVER_WP_SEED="$seed"
status=0
node --import tsx --test --test-reporter=spec test/wordpress/*.node.test.ts || status=$?
npx wtr --config web-test-runner.wordpress.config.js || status=$?
exit "$status"
