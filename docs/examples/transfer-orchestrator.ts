import ky from 'ky';
import { assign, fromPromise, setup } from 'xstate';
import type { BmoSettings, Decision, Names, Precheck } from 'precheck';

export interface Transfer {
  phone: string;
  amount: number;
  partnerReference: string;
}

/**
 * A credit transfer as an orchestrator runs it: pre-check the payee, ask the user for names when B-MO does not know
 * the customer, then credit (which creates the account) or stop. It keeps no pre-check actor: a paused pre-check is
 * only its `checkId`, continued with `precheck.resume()` on whichever instance the user's answer reaches.
 */
export function createTransferOrchestrator(precheck: Precheck, bmo: BmoSettings) {
  const http = ky.create({
    prefixUrl: bmo.baseUrl,
    headers: { 'X-Auth-ApiKey': bmo.apiKey, 'X-Auth-ApiSecret': bmo.apiSecret },
    retry: 0,
  });
  return setup({
    types: {} as {
      input: Transfer;
      context: { transfer: Transfer; decision?: Decision; checkId?: string | undefined; credit?: { accountCreated: boolean } };
      events: { type: 'NAMES'; firstName: string; lastName: string };
    },
    actors: {
      precheck: fromPromise(({ input }: { input: Transfer }) =>
        precheck.check({ provider: 'bmo', intent: 'credit', phone: input.phone, transactionId: input.partnerReference }),
      ),
      resumeWithNames: fromPromise(({ input }: { input: { checkId: string; names: Names } }) =>
        precheck.resume(input.checkId, { type: 'NAMES', ...input.names }),
      ),
      creditCustomer: fromPromise(async ({ input }: { input: { transfer: Transfer; decision: Decision } }) => {
        const { transfer, decision } = input;
        const account = decision.status === 'proceed' ? decision.account : {};
        const response = await http.post('external/operations/credit', {
          json: {
            amount: transfer.amount,
            partnerReference: transfer.partnerReference,
            customer: { phone: transfer.phone, firstname: account.firstName, lastname: account.lastName },
          },
        });
        const credit = (await response.json()) as { accountCreated: boolean };
        // The account exists now: the cached "not found" must not outlive it, on any instance.
        await precheck.invalidate({ provider: 'bmo', intent: 'credit', phone: transfer.phone });
        return credit;
      }),
    },
    guards: {
      mayProceed: ({ context }) => context.decision?.status === 'proceed',
      needsNames: ({ context }) => context.decision?.status === 'needs-names' && context.checkId !== undefined,
    },
    actions: {
      keepDecision: assign(({ event }) => {
        const decision = (event as unknown as { output: Decision }).output;
        return { decision, checkId: decision.status === 'needs-names' ? decision.checkId : undefined };
      }),
    },
  }).createMachine({
    id: 'transfer',
    context: ({ input }) => ({ transfer: input }),
    initial: 'prechecking',
    states: {
      prechecking: {
        invoke: { src: 'precheck', input: ({ context }) => context.transfer, onDone: { target: 'deciding', actions: 'keepDecision' } },
      },
      deciding: {
        always: [
          { guard: 'mayProceed', target: 'crediting' },
          { guard: 'needsNames', target: 'askingForNames' },
          { target: 'stopped' },
        ],
      },
      /** Only the checkId is kept while our user is asked "what is the recipient's name?". */
      askingForNames: {
        on: { NAMES: 'resuming' },
      },
      resuming: {
        invoke: {
          src: 'resumeWithNames',
          input: ({ context, event }) => ({
            checkId: context.checkId!,
            names: { firstName: (event as { firstName: string }).firstName, lastName: (event as { lastName: string }).lastName },
          }),
          onDone: { target: 'deciding', actions: 'keepDecision' },
        },
      },
      crediting: {
        invoke: {
          src: 'creditCustomer',
          input: ({ context }) => ({ transfer: context.transfer, decision: context.decision! }),
          onDone: { target: 'credited', actions: assign({ credit: ({ event }) => event.output }) },
          onError: { target: 'creditFailed' },
        },
      },
      credited: { type: 'final' },
      stopped: { type: 'final' },
      creditFailed: { type: 'final' },
    },
  });
}
