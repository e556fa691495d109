import { phoneLibrary } from '../core/phone-number.js';
import { openTelemetry } from './telemetry.js';
import type { ProviderPools } from '../transport/provider-pools.js';

/**
 * What the first checks of a process load, loaded before a check's clocks (its deadline, its attempts' bounds) start,
 * so that none of a check's time is spent on it: libphonenumber-js (for a request with a phone number), the
 * OpenTelemetry API when it is installed (for the check's span, after its decision), undici (for its requests).
 * Undefined once there is nothing to wait for: a check then starts at once.
 */
export function warmUp(pools: ProviderPools, request?: unknown): Promise<void> | undefined {
  if (request === undefined || hasPhone(request)) phoneLibrary();
  openTelemetry();
  return pools.ready();
}

const hasPhone = (request: unknown) => typeof request === 'object' && request !== null && 'phone' in request;
