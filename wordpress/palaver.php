<?php
/**
 * Plugin Name: Palaver
 * Description: Lets the Palaver comment widget (<palaver-comments adapter="wordpress">) show and post this site's comments on pages served from other origins.
 * Version: 0.1.0
 * Requires at least: 6.1
 * Requires PHP: 7.4
 * License: MIT
 *
 * INSTALL
 *   Copy this one file to wp-content/mu-plugins/palaver.php (create the folder when it
 *   does not exist). Must-use plugins load by themselves: there is nothing to activate.
 *
 * CONFIGURE
 *   List the origins (scheme://host[:port], no path) of the pages that embed the widget,
 *   comma-separated, in wp-config.php:
 *       define('PALAVER_ORIGINS', 'https://docs.example.org,https://shop.example.org');
 *   or, without editing wp-config.php, as the option `palaver_origins` in the same format.
 *   The constant wins. The site's own origin is always allowed.
 *
 * WHAT IT CHANGES (and nothing else)
 *   1. Anonymous visitors may post comments through the REST API, as they may through
 *      the theme's form (WordPress refuses with 401 rest_comment_login_required unless
 *      the filter rest_allow_anonymous_comments says yes). Every check of the theme's
 *      form still applies: name and email required, moderation, link limit, disallowed
 *      words, flood and duplicate checks, closed posts.
 *   2. CORS for the whole REST API answers only the listed origins (WordPress answers
 *      every origin, with credentials). A comment POST that names any other origin is
 *      refused with 403 palaver_origin_not_allowed, so a page elsewhere cannot post in a
 *      reader's browser either. Requests without an Origin header (servers, curl) are
 *      untouched.
 *   3. GET /wp-json/wp/v2/comments?palaver=1 lists approved pingbacks and trackbacks
 *      along with comments, as a theme shows them (WordPress lists only type=comment to
 *      anonymous readers and refuses ?type=pingback with 401 rest_forbidden_param).
 *      Held, spam and trashed comments stay private.
 *   4. Posts and pages gain a read-only field `palaver`: { "open": bool, "requires":
 *      ["name","email"] }: whether a guest may comment right now (comments_open(), which
 *      also knows "close comments on posts older than N days", and "users must be
 *      registered" off) and whether name and email are required (Settings → Discussion).
 */

if (!defined('ABSPATH')) exit;

/** The origins allowed to use the REST API from a browser: the listed ones and the site's own. */
function palaver_allowed_origins(): array {
    $list = defined('PALAVER_ORIGINS') ? PALAVER_ORIGINS : get_option('palaver_origins', '');
    $origins = array();
    foreach (explode(',', (string) $list) as $origin) {
        $origin = strtolower(rtrim(trim($origin), '/'));
        if ($origin !== '') $origins[] = $origin;
    }
    foreach (array(home_url(), site_url()) as $url) {
        $parts = wp_parse_url($url);
        if (!empty($parts['scheme']) && !empty($parts['host'])) {
            $origins[] = strtolower($parts['scheme'] . '://' . $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : ''));
        }
    }
    return array_values(array_unique($origins));
}

function palaver_origin_allowed(string $origin): bool {
    return in_array(strtolower(rtrim($origin, '/')), palaver_allowed_origins(), true);
}

/** Replaces rest_send_cors_headers(): the same headers, for listed origins only. */
function palaver_send_cors_headers($value) {
    $origin = get_http_origin();
    if ($origin && $origin !== 'null' && palaver_origin_allowed($origin)) {
        header('Access-Control-Allow-Origin: ' . esc_url_raw($origin));
        header('Access-Control-Allow-Methods: OPTIONS, GET, POST, PUT, PATCH, DELETE');
        header('Access-Control-Allow-Credentials: true');
    }
    header('Vary: Origin', false);
    return $value;
}

// WordPress adds its own CORS filter on rest_api_init at priority 10: swap it afterwards.
add_action('rest_api_init', function () {
    remove_filter('rest_pre_serve_request', 'rest_send_cors_headers');
    add_filter('rest_pre_serve_request', 'palaver_send_cors_headers');

    register_rest_field(array('post', 'page'), 'palaver', array(
        'get_callback' => function ($post) {
            return array(
                // Palaver posts as a guest: a site that wants accounts is closed to it.
                'open' => comments_open($post['id']) && !get_option('comment_registration'),
                'requires' => get_option('require_name_email') ? array('name', 'email') : array(),
            );
        },
        'schema' => array(
            'description' => 'Whether comments are open now and which author fields are required.',
            'type' => 'object',
            'context' => array('view', 'embed'),
            'readonly' => true,
        ),
    ));
}, 100);

// The widget reads the totals of a list.
add_filter('rest_exposed_cors_headers', function ($headers) {
    return array_values(array_unique(array_merge($headers, array('X-WP-Total', 'X-WP-TotalPages', 'Link'))));
});

add_filter('rest_allow_anonymous_comments', '__return_true');

// A browser posting a comment from an origin that is not listed is refused before WordPress looks at it.
add_filter('rest_pre_dispatch', function ($result, $server, $request) {
    if ($result !== null || $request->get_method() !== 'POST' || $request->get_route() !== '/wp/v2/comments') return $result;
    $origin = get_http_origin();
    if ($origin && !palaver_origin_allowed($origin)) {
        return new WP_Error('palaver_origin_not_allowed', 'Comments cannot be posted from this origin.', array('status' => 403));
    }
    return $result;
}, 5, 3);

// ?palaver=1: approved pingbacks and trackbacks join the public list.
add_filter('rest_comment_collection_params', function ($params) {
    $params['palaver'] = array(
        'description' => 'List approved pingbacks and trackbacks along with comments, as a theme shows them.',
        'type' => 'boolean',
        'default' => false,
    );
    return $params;
});

add_filter('rest_comment_query', function ($args, $request) {
    if (!empty($request['palaver']) && isset($args['type']) && $args['type'] === 'comment') {
        unset($args['type']);
        $args['type__in'] = array('comment', 'pingback', 'trackback');
    }
    return $args;
}, 10, 2);
