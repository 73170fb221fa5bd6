/**
 * Streaming XML for the WXR and Disqus readers: saxes (a strict, well-kept SAX parser)
 * over a file read in chunks, so memory holds one chunk and whatever the reader keeps —
 * never the file. A reader sees elements as a stack of names and gets the text of the
 * elements it asks for; what it emits is handed out after each chunk. Bad XML is one
 * SourceError naming the line and column.
 */
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { SaxesParser, type SaxesTagNS } from 'saxes'
import { SourceError } from './records.js'

/** An element as readers name it: `wp:comment` (any WordPress export version), `dsq:id`, `item`. */
export interface Element {
  name: string
  attributes: Record<string, string>
  line: number
}

export interface XmlReader<T> {
  /** Elements whose text the reader wants at close(); others' text is not kept. */
  wantsText(name: string, stack: readonly Element[]): boolean
  open(element: Element, stack: readonly Element[]): void
  close(element: Element, text: string, stack: readonly Element[]): void
  /** After the last element; may emit what is left. */
  end(): void
  /** Items ready to be handed out. */
  ready: T[]
}

/** Namespace URI → the prefix readers use, whatever prefix the file itself chose. */
function prefixOf(uri: string): string {
  if (uri === '') return ''
  if (uri.startsWith('http://wordpress.org/export/')) return uri.endsWith('/excerpt/') ? 'excerpt:' : 'wp:'
  if (uri === 'http://purl.org/rss/1.0/modules/content/') return 'content:'
  if (uri === 'http://purl.org/dc/elements/1.1/') return 'dc:'
  if (uri === 'http://disqus.com') return ''
  if (uri === 'http://disqus.com/disqus-internals') return 'dsq:'
  return `{${uri}}`
}

const nameOf = (tag: { uri: string; local: string }) => prefixOf(tag.uri) + tag.local

export async function* readXml<T>(file: string, reader: XmlReader<T>, onBytes: (bytes: number) => void = () => {}): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: true, fileName: basename(file) })
  const stack: Element[] = []
  let text: string[] | null = null
  let failure: Error | null = null

  parser.on('error', (error) => {
    failure ??= error
  })
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {}
    for (const attribute of Object.values(tag.attributes)) attributes[nameOf(attribute)] = attribute.value
    const element = { name: nameOf(tag), attributes, line: parser.line }
    reader.open(element, stack)
    stack.push(element)
    text = reader.wantsText(element.name, stack) ? [] : null
  })
  const addText = (chunk: string) => text?.push(chunk)
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    const element = stack.pop()!
    reader.close(element, text ? text.join('') : '', stack)
    text = null
  })

  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk)
      if (failure) break
      onBytes(stream.bytesRead)
      yield* reader.ready.splice(0)
    }
    if (!failure) parser.close()
  } catch (error) {
    failure ??= error as Error
  } finally {
    stream.destroy()
  }
  if (failure instanceof SourceError) throw failure
  if (failure) {
    const { code, message } = failure as NodeJS.ErrnoException
    throw new SourceError(code ? `cannot read ${file}: ${code}` : `not well-formed XML: ${message.split('\n')[0]}`)
  }
  reader.end()
  yield* reader.ready.splice(0)
}
