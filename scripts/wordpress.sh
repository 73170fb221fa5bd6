#!/usr/bin/env bash
# A throwaway WordPress for the integration tests, from Debian's packages, on loopback.
#
#   scripts/wordpress.sh up     install into a fresh database and serve; prints the seed JSON
#   scripts/wordpress.sh down   stop the server, drop the database, remove the files
#
# Needs: Debian's `wordpress`, `php-cli` and `php-mysql` (.ci/run installs them) and the
# MariaDB server on 127.0.0.1:3306 (root, no password). PHP's built-in server serves
# WordPress through scripts/wordpress/router.php with 4 workers (the adapter loads pages
# in parallel). The site gets the Palaver plugin (wordpress/palaver.php) and the test
# knobs (scripts/wordpress/test-knobs.php) as must-use plugins.
#
# Environment: PALAVER_WP_PORT (8767), PALAVER_WP_ORIGINS (the wtr origins allowed by
# CORS), PALAVER_WP_DB (palaver_wp_test), PALAVER_WP_DIR (/tmp/palaver-wp-$PORT).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
port="${PALAVER_WP_PORT:-8767}"
origins="${PALAVER_WP_ORIGINS:-http://localhost:8766,http://127.0.0.1:8766}"
db="${PALAVER_WP_DB:-palaver_wp_test}"
dir="${PALAVER_WP_DIR:-/tmp/palaver-wp-$port}"
url="http://127.0.0.1:$port"
wordpress=/usr/share/wordpress
mysql=(mysql --protocol=tcp -h 127.0.0.1 -P 3306 -u root)

down() {
  if [ -f "$dir/server.pid" ]; then
    local pid
    pid="$(cat "$dir/server.pid")"
    # The server's workers are its children: end the process group it leads.
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  "${mysql[@]}" -e "DROP DATABASE IF EXISTS \`$db\`" 2>/dev/null || true
  rm -rf "$dir"
}

up() {
  for need in php "$wordpress/wp-settings.php"; do
    command -v "$need" >/dev/null 2>&1 || [ -e "$need" ] || {
      echo "wordpress.sh: $need is missing: apt-get install -y wordpress php-cli php-mysql" >&2
      exit 1
    }
  done
  php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' || { echo "wordpress.sh: PHP has no mysqli: apt-get install -y php-mysql" >&2; exit 1; }
  "${mysql[@]}" -e 'SELECT 1' >/dev/null || { echo "wordpress.sh: no MariaDB on 127.0.0.1:3306 (root, no password)" >&2; exit 1; }

  # Another run's site is left alone (the machine is shared); a crashed run's leftovers go.
  if [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; then
    echo "wordpress.sh: a test WordPress already runs on $url (pid $(cat "$dir/server.pid")); '$0 down' stops it" >&2
    exit 1
  fi
  down
  mkdir -p "$dir/root/wp-content/mu-plugins"
  for entry in "$wordpress"/* "$wordpress"/.htaccess; do
    case "$(basename "$entry")" in wp-config.php | wp-content | .htaccess) ;; *) ln -s "$entry" "$dir/root/" ;; esac
  done
  cp "$repo/wordpress/palaver.php" "$dir/root/wp-content/mu-plugins/palaver.php"
  cp "$here/wordpress/test-knobs.php" "$dir/root/wp-content/mu-plugins/palaver-test-knobs.php"
  salt="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  cat >"$dir/root/wp-config.php" <<PHP
<?php
// Written by scripts/wordpress.sh for a throwaway test site.
define('DB_NAME', '$db');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:3306');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
foreach (array('AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT') as \$key) define(\$key, '$salt' . \$key);
\$table_prefix = 'wp_';
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', '$url/wp-content');
define('PALAVER_ORIGINS', '$origins');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
define('WP_ENVIRONMENT_TYPE', 'local'); // application passwords over plain HTTP: the tests read the moderation queue
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP
  "${mysql[@]}" -e "CREATE DATABASE \`$db\` CHARACTER SET utf8mb4"

  local ini=(-d display_errors=0 -d log_errors=1 -d "error_log=$dir/php.log" -d memory_limit=256M)
  php "${ini[@]}" "$here/wordpress/setup.php" "$dir/root" "$url" >"$dir/seed.json"

  # setsid: the server leads its own process group, so `down` ends it and its workers.
  PHP_CLI_SERVER_WORKERS=4 setsid php "${ini[@]}" -S "127.0.0.1:$port" -t "$dir/root" "$here/wordpress/router.php" \
    >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/server.pid"
  for _ in $(seq 1 100); do
    if php -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "$url/wp-json/wp/v2/posts?per_page=1"; then
      cat "$dir/seed.json"
      return 0
    fi
    sleep 0.1
  done
  echo "wordpress.sh: WordPress did not answer on $url; server log:" >&2
  tail -n 20 "$dir/server.log" "$dir/php.log" >&2 2>/dev/null || true
  down
  exit 1
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
