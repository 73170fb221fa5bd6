<?php
/**
 * Plugin Name: Palaver test knobs
 * Description: Test-only mu-plugin for the throwaway WordPress of scripts/wordpress.sh.
 * Never install it on a real site. It makes a few WordPress behaviours reachable on
 * purpose from the integration tests, without changing how WordPress answers:
 * - every test request comes from 127.0.0.1, so WordPress's flood check (one comment per
 *   IP every 15 s) would refuse most of them: it runs only for emails at flood.test;
 * - the post with the slug "members-only" refuses anonymous comments, as WordPress does
 *   without the Palaver plugin (401 rest_comment_login_required);
 * - no mail leaves (moderation notices, the install notice);
 * - POST /wp-json/palaver-test/v1/approve/ID approves a held comment, as a moderator would.
 */

// check_comment_flood_db() adds wp_check_comment_flood() for each comment; it stays out.
remove_action('check_comment_flood', 'check_comment_flood_db', 10);
add_filter('wp_is_comment_flood', function ($is_flood, $ip, $email, $date, $avoid_die = false) {
    if (!str_ends_with((string) $email, '@flood.test')) return $is_flood;
    return wp_check_comment_flood($is_flood, $ip, $email, $date, $avoid_die);
}, 10, 5);

add_filter('rest_allow_anonymous_comments', function ($allow, $request) {
    $post = get_post((int) $request['post']);
    return ($post && $post->post_name === 'members-only') ? false : $allow;
}, 20, 2);

add_filter('pre_wp_mail', '__return_false');

// A moderator's "Approve" without an account: POST /wp-json/palaver-test/v1/approve/ID.
add_action('rest_api_init', function () {
    register_rest_route('palaver-test/v1', '/approve/(?P<id>\d+)', array(
        'methods' => 'POST',
        'permission_callback' => '__return_true',
        'callback' => function ($request) {
            return array('approved' => wp_set_comment_status((int) $request['id'], 'approve'));
        },
    ));
});
