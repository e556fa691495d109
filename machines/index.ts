/** Every machine of precheck: the docs generator and the path-coverage test walk all of them. */
export { precheckMachine } from './precheck.machine.js';
export { circuitBreakerMachine } from './circuit-breaker.machine.js';
