<?php
/**
 * Installs the throwaway test WordPress without a browser (wp-cli is not packaged in
 * Debian) and seeds the posts and comments the integration tests read. Run by
 * scripts/wordpress.sh with the document root and the site URL; prints the ids as JSON.
 *
 *   php setup.php /tmp/palaver-wp-8767/root http://127.0.0.1:8767
 */
[$_, $root, $url] = $argv;
$parts = parse_url($url);
$_SERVER['HTTP_HOST'] = $parts['host'] . ':' . $parts['port'];
$_SERVER['SERVER_NAME'] = $parts['host'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
define('ABSPATH', rtrim($root, '/') . '/');
define('WP_INSTALLING', true);

// wp_install() mails the admin; this pluggable function runs instead.
function wp_new_blog_notification() {}

require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$installed = wp_install('Palaver test site', 'admin', 'admin@example.com', false, '', wp_generate_password(24));
if (is_wp_error($installed)) {
    fwrite(STDERR, $installed->get_error_message() . "\n");
    exit(1);
}
update_option('permalink_structure', '/%postname%/');
flush_rewrite_rules(false);
// WordPress's defaults, named here because the tests rely on them:
update_option('require_name_email', 1);
update_option('comment_moderation', 0);
update_option('comment_previously_approved', 1); // a first-time author is held
update_option('comment_max_links', 2);           // two links or more: held
update_option('thread_comments', 1);

function post(string $slug, string $title, string $status = 'open'): int {
    $id = wp_insert_post(array(
        'post_name' => $slug,
        'post_title' => $title,
        'post_content' => "<p>$title.</p>",
        'post_status' => 'publish',
        'post_author' => 1,
        'comment_status' => $status,
        'ping_status' => 'closed',
    ), true);
    if (is_wp_error($id)) throw new RuntimeException($id->get_error_message());
    return $id;
}

$clock = strtotime('2026-03-02 09:00:00 UTC');
function comment(int $post, array $fields): int {
    global $clock;
    $clock += 60;
    $date = gmdate('Y-m-d H:i:s', $clock);
    return wp_insert_comment(array_merge(array(
        'comment_post_ID' => $post,
        'comment_author' => 'Someone',
        'comment_author_email' => 'someone@example.com',
        'comment_author_url' => '',
        'comment_content' => 'A comment.',
        'comment_type' => 'comment',
        'comment_parent' => 0,
        'comment_approved' => 1,
        'comment_date' => $date,
        'comment_date_gmt' => $date,
    ), $fields));
}

$seed = array('url' => $url);
// The tests look into wp-admin's lists (the REST API's edit context) as this admin.
[$password] = WP_Application_Passwords::create_new_application_password(1, array('name' => 'palaver-tests'));
$seed['admin'] = base64_encode("admin:$password");

// The post the reading tests look at: a thread three deep, a pingback, a trackback,
// a held comment and a spam comment (neither visible), a hostile body.
$read = $seed['read'] = post('palaver-meets-wordpress', 'Palaver meets WordPress');
$ann = comment($read, array('comment_author' => 'Ann Example', 'comment_author_email' => 'ann@example.com', 'comment_author_url' => 'https://ann.example', 'comment_content' => "First line.\nSecond line.\n\nA new paragraph with Tom &amp; Jerry."));
$bob = comment($read, array('comment_author' => 'Bob Builder', 'comment_author_email' => 'bob@example.com', 'comment_content' => 'Bob answers Ann.', 'comment_parent' => $ann));
$cleo = comment($read, array('comment_author' => 'Cleo', 'comment_author_email' => 'cleo@example.com', 'comment_content' => 'Cleo answers Bob.', 'comment_parent' => $bob));
$ping = comment($read, array('comment_author' => 'Another blog &raquo; A post that links here', 'comment_author_email' => '', 'comment_author_url' => 'https://blog.example/links-here/', 'comment_content' => '[&#8230;] we read Palaver meets WordPress and liked it [&#8230;]', 'comment_type' => 'pingback'));
$track = comment($read, array('comment_author' => 'Third blog', 'comment_author_email' => '', 'comment_author_url' => 'https://third.example/tb/', 'comment_content' => '<strong>A trackback</strong> excerpt', 'comment_type' => 'trackback'));
$held = comment($read, array('comment_author' => 'Held Harry', 'comment_author_email' => 'harry@example.com', 'comment_content' => 'Held for moderation.', 'comment_approved' => 0));
$spam = comment($read, array('comment_author' => 'Spammer', 'comment_author_email' => 'spam@example.com', 'comment_content' => 'Buy now.', 'comment_approved' => 'spam'));
$xss = comment($read, array('comment_author' => 'Mallory', 'comment_author_email' => 'mallory@example.com', 'comment_content' => '<p>Hostile<img src="x" onerror="window.__palaverWpXss=1"><script>window.__palaverWpXss=2</script></p>'));
$seed['comments'] = compact('ann', 'bob', 'cleo', 'ping', 'track', 'held', 'spam', 'xss');

// More than one REST page (per_page is at most 100): 120 top-level comments and 30 replies.
$long = $seed['long'] = post('a-long-discussion', 'A long discussion');
$roots = array();
for ($i = 1; $i <= 120; $i++) {
    $roots[] = comment($long, array('comment_author' => "Reader $i", 'comment_author_email' => "reader$i@example.com", 'comment_content' => "Comment number $i."));
}
for ($i = 1; $i <= 30; $i++) {
    comment($long, array('comment_author' => "Replier $i", 'comment_author_email' => "replier$i@example.com", 'comment_content' => "Reply number $i.", 'comment_parent' => $roots[$i * 3]));
}
$seed['longCount'] = 150;
$seed['longRoots'] = 120;

$seed['closed'] = post('closed-for-comments', 'Closed for comments', 'closed');
comment($seed['closed'], array('comment_author' => 'Early Bird', 'comment_author_email' => 'early@example.com', 'comment_content' => 'Said before it closed.'));

// Refuses anonymous comments through the test knobs, as WordPress does without the plugin.
$seed['members'] = post('members-only', 'Members only');

// The post the writing tests write to; Ann has an approved comment elsewhere, so hers go through.
$seed['write'] = post('write-here', 'Write here');
comment($seed['write'], array('comment_author' => 'Ann Example', 'comment_author_email' => 'ann@example.com', 'comment_content' => 'Ann was here first.'));

echo json_encode($seed, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
