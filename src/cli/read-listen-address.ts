import { refusal } from './usage-error.js';

/**
 * `HOST:PORT` (`0.0.0.0:9443`, `[::1]:9443`, `callbacks.internal:9443`): the host as given (an IPv6 address in
 * brackets), the port a whole number from 0 to 65535. Undefined when not given; refused with what to type otherwise.
 */
export function readListenAddress(name: string, text: string | undefined): { host: string; port: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):([0-9]{1,5})$/.exec(text);
  const port = match ? Number(match[3]) : Number.NaN;
  if (!match || !(port >= 0 && port <= 65_535)) {
    throw refusal(name, `${name} must be HOST:PORT, e.g. 0.0.0.0:8788 or [::1]:8788 (port 0 to 65535)`);
  }
  return { host: match[1] ?? match[2], port };
}
