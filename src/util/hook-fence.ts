/**
 * The old name of HookIsolation, kept only for src/engine/run-check.ts (the engine's run path, changed on another
 * branch at the time of the rename): remove once it imports hook-isolation.ts. "Fence" is the store's word
 * (store fencing: a lease's version refuses a late write); hooks are isolated.
 */
export { HookIsolation as HookFence } from './hook-isolation.js';
