/**
 * Every language shipped beside the script, for code that may carry them all: the server
 * (its thread HTML for readers without JavaScript speaks them too) and bundlers that
 * would rather not load them on demand. The widget's script-tag builds never import this;
 * they load one file per language (./load.ts).
 */
import type { Messages } from './en.js'
import es from './locales/es.js'
import fr from './locales/fr.js'
import it from './locales/it.js'
import nl from './locales/nl.js'
import pl from './locales/pl.js'
import ptBR from './locales/pt-BR.js'
import sv from './locales/sv.js'
import tr from './locales/tr.js'

/** By the file's tag, as in LOCALE_FILES. */
export const SHIPPED_LOCALES: Readonly<Record<string, Messages>> = { es, fr, it, nl, pl, 'pt-BR': ptBR, sv, tr }
