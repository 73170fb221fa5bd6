// With ?engine=purify the strict page plays a browser without the HTML Sanitizer API:
// the widget then loads DOMPurify on demand (src/content/load-purify.ts).
if (new URLSearchParams(location.search).get('engine') === 'purify') delete Element.prototype.setHTML
