/**
 * `cem analyze` (npm run manifest) reads this file. The element's JSDoc is the public API;
 * the analyzer also guesses events from `dispatchEvent(new SomeEvent(…))` calls and finds
 * nameless or wrongly named ones there. Only the documented `@fires palaver-*` events are
 * public: keep those, and give each the type of its class in src/widget/events.ts
 * (`palaver-loaded` → `PalaverLoadedEvent`).
 */
const eventClass = (name) =>
  name.split('-').map((word) => word[0].toUpperCase() + word.slice(1)).join('') + 'Event'

/** @type {import('@custom-elements-manifest/analyzer').Plugin} */
const documentedEventsOnly = {
  name: 'palaver-documented-events-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (!declaration.events) continue
        const events = declaration.events.filter((e) => e.name?.startsWith('palaver-') && e.description)
        for (const event of events) event.type = { text: eventClass(event.name) }
        if (events.length) declaration.events = events
        else delete declaration.events
      }
    }
  },
}

export default {
  litelement: true,
  plugins: [documentedEventsOnly],
}
