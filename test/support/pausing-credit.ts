let phones = 0;

/** A credit to a customer B-MO does not know: it pauses for names. Each call a number no other call gives. */
export const pausingCredit = () =>
  ({ provider: 'bmo', intent: 'credit', phone: `+2290197${String(300_000 + (phones++ % 300_000)).padStart(6, '0')}` }) as const;
