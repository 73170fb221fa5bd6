/**
 * `cem analyze` (npm run manifest) reads this file. The element's JSDoc is the public API;
 * the analyzer also guesses events from `dispatchEvent(new SomeEvent(…))` calls and finds
 * nameless or wrongly named ones there. Only the documented `@fires palaver-*` events are
 * public: keep those, and give each the type of its class in src/widget/events.ts
 * (`palaver-loaded` → `PalaverLoadedEvent`).
 */
const eventClass = (name) =>
  name
    .split('-')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('') + 'Event'

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

/**
 * The analyzer keeps what it found as written: a re-export or a `customElements.define`
 * of an imported class points at the import specifier (`/src/….component.js`), and
 * locals of a method body show up as declarations. References are pointed at the module
 * that declares the name, and only exported declarations stay.
 */
const exactReferences = {
  name: 'palaver-exact-references',
  packageLinkPhase({ customElementsManifest }) {
    const modules = customElementsManifest.modules
    const declares = (mod, name) => (mod.declarations ?? []).some((d) => d.name === name)
    for (const mod of modules) {
      for (const exported of mod.exports ?? []) {
        const ref = exported.declaration
        if (!ref?.module) continue
        const path = ref.module.replace(/^\//, '').replace(/\.js$/, '.ts')
        const target = modules.find((m) => m.path === path && declares(m, ref.name)) ?? modules.find((m) => declares(m, ref.name))
        if (target) ref.module = target.path
      }
      const exportedNames = new Set((mod.exports ?? []).map((e) => e.declaration?.name))
      if (mod.declarations) mod.declarations = mod.declarations.filter((d) => exportedNames.has(d.name))
    }
  },
}

export default {
  litelement: true,
  plugins: [documentedEventsOnly, exactReferences],
}
