/**
 * Plain text as a reader typed it → the small HTML the sanitizer allows.
 * A pure string function (no DOM), so adapters and the server can use it too.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

/**
 * Escapes `& < > " '`, then makes a paragraph of each block separated by blank lines
 * (lines holding only spaces or tabs count as blank) and a `<br>` of each single line
 * break inside a block. Empty or blank text gives ''.
 *
 * @example textToHtml('Hi <b>\n\nline 1\nline 2') === '<p>Hi &lt;b&gt;</p>\n<p>line 1<br>line 2</p>'
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\s+|\s+$/g, ''))
    .filter((block) => block !== '')
    .map((block) => `<p>${escapeHtml(block).replace(/[ \t]*\n[ \t]*/g, '<br>')}</p>`)
    .join('\n')
}
