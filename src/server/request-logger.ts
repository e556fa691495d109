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

/** One structured JSON line per request. */
export function requestLogger(write: (line: string) => void) {
  return (fields: RequestLogFields) => write(JSON.stringify({ time: new Date().toISOString(), msg: 'request', ...fields }));
}

export type RequestLogger = ReturnType<typeof requestLogger>;
