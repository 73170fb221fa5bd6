// nanostores reads process.env.NODE_ENV; a strict page cannot set it inline.
window.process = { env: { NODE_ENV: 'development' } }
