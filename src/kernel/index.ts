/**
 * The spec kernel: everything derived from spec/openapi.yaml that more than one part needs. Every
 * part may import it; it imports nothing of ours but generated code. Node-only helpers (files.ts),
 * the closed validators of the drift check (closed-validators.ts) and peer loading (peers.ts) are
 * imported from their own modules, so they stay out of the client's import graph.
 */
export * from './facts.js';
export * from './helpers.js';
export * from './validators.js';
