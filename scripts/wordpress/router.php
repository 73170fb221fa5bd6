<?php
/**
 * Router for PHP's built-in server running the test WordPress (scripts/wordpress.sh).
 * The document root holds symlinks to Debian's WordPress plus its own wp-config.php and
 * wp-content, so ABSPATH is pinned here: WordPress's files resolve their own symlinks,
 * and would otherwise find Debian's /usr/share/wordpress/wp-config.php.
 * Static files are served as they are, PHP files run, everything else goes through
 * index.php as Apache's rewrite rules would send it (pretty permalinks, /wp-json/).
 */
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/') . '/';
define('ABSPATH', $root);

$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (str_contains($path, '..')) {
    http_response_code(400);
    return true;
}
$file = $root . ltrim($path, '/');
if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) $file = rtrim($file, '/') . '/index.php';

if ($path !== '/' && is_file($file) && !str_ends_with($file, '.php')) return false;

$script = is_file($file) ? $file : $root . 'index.php';
$_SERVER['SCRIPT_FILENAME'] = $script;
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/' . substr($script, strlen($root));
chdir(dirname($script));
require $script;
return true;
