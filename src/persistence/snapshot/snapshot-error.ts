/** A persisted check that cannot be restored: malformed, from another format, inconsistent with the chart, or not signed as configured. */
export class PrecheckSnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrecheckSnapshotError';
  }
}
