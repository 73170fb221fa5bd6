/**
 * The moderation page's script, dist/palaver-admin.js (`vite build --mode admin`): defines
 * <palaver-admin> and its parts; the page /admin holds one. Never loaded by readers.
 */
import './palaver-admin/palaver-admin.js'
