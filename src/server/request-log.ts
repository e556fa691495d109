/** What one request's log line says. Never a token, a credential, a name or a whole phone number. */
export interface RequestLogFields {
  method: string;
  /** The route template (`/v1/checks/{checkId}`), or the path when no route matched. */
  route: string;
  status: number;
  durationMs: number;
  /** The caller's short hash. */
  caller?: string;
  checkId?: string;
  decision?: string;
  reason?: string;
  /** Masked: `+22901****0001`. */
  phone?: string;
  replayed?: boolean;
  problem?: string;
}

/**
 * A phone number with its middle hidden: the country and operator prefix (6 characters) and the last 4 digits stay,
 * enough to tell a support case apart, not enough to call anyone. Anything shorter than 10 characters is hidden whole.
 */
export function maskPhone(phone: unknown): string | undefined {
  if (typeof phone !== 'string') return undefined;
  const compact = phone.replace(/[^+0-9]/g, '');
  if (compact.length < 10) return '****';
  return `${compact.slice(0, 6)}****${compact.slice(-4)}`;
}

/** One structured JSON line per request. */
export function requestLogger(write: (line: string) => void) {
  return (fields: RequestLogFields) => write(JSON.stringify({ time: new Date().toISOString(), msg: 'request', ...fields }));
}

export type RequestLogger = ReturnType<typeof requestLogger>;
