/**
 * Writing XML by hand, safely: text and attribute values escaped, and characters XML 1.0
 * cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) left out — a
 * comment may contain them, a feed or WXR file must not. Used by the WXR export and the
 * Atom feeds.
 */

/** Everything outside XML 1.0's Char production. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: XML's Char production names control characters
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

export const xmlChars = (text: string): string => text.replace(NOT_XML, '')

export function escapeXml(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** A CDATA section (as WordPress writes its exports); "]]>" inside is split across two. */
export function cdata(text: string): string {
  return `<![CDATA[${xmlChars(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
}

/** `<name>escaped text</name>` */
export const element = (name: string, text: string): string => `<${name}>${escapeXml(text)}</${name}>`
