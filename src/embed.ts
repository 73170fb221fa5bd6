/**
 * The script-tag entry (dist/palaver.js): defines <palaver-comments> and
 * <palaver-count> and does nothing else.
 * Configuration comes only from the element's attributes and properties.
 */
import './widget/palaver-comments/palaver-comments.js'
import './widget/palaver-count/palaver-count.js'
