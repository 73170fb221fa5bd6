/**
 * The languages shipped as files beside the script-tag builds (dist/locales/<file>.js,
 * built from src/i18n/locales/<file>.ts by scripts/build-locales.js), each found by the
 * primary language a page's `lang` names: "pt-PT" and "pt" load pt-BR. English and German
 * are built in and not listed. A test checks this list against the folder.
 */
export const LOCALE_FILES: readonly string[] = ['es', 'fr', 'it', 'nl', 'pl', 'pt-BR', 'sv', 'tr']
