import ky from 'ky';
import { assign, fromPromise, sendTo, setup } from 'xstate';
import type { BmoSettings, Decision, Precheck } from '../../src/index.js';

export interface Transfer {
  phone: string;
  amount: number;
  partnerReference: string;
}

/**
 * A credit transfer as an orchestrator runs it: pre-check the payee with precheck's machine as a child, ask the user
 * for names when B-MO does not know the customer, then credit (which creates the account) or stop.
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
      context: { transfer: Transfer; decision?: Decision; credit?: { accountCreated: boolean } };
      events: { type: 'NAMES'; firstName: string; lastName: string };
    },
    actors: {
      precheck: precheck.machine,
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
        return (await response.json()) as { accountCreated: boolean };
      }),
    },
    guards: {
      mayProceed: ({ context }) => context.decision?.status === 'proceed',
    },
    actions: {
      forgetLookup: ({ context }) => {
        // The account exists now: the cached "not found" must not outlive it, in this instance or any other.
        // (Never rejects; with a fleet store it resolves once every instance will see it.)
        void precheck.invalidate({ provider: 'bmo', intent: 'credit', phone: context.transfer.phone });
      },
    },
  }).createMachine({
    id: 'transfer',
    context: ({ input }) => ({ transfer: input }),
    initial: 'prechecking',
    states: {
      prechecking: {
        invoke: {
          id: 'precheck',
          src: 'precheck',
          input: ({ context }) => ({
            provider: 'bmo',
            intent: 'credit',
            phone: context.transfer.phone,
            transactionId: context.transfer.partnerReference,
          }),
          onDone: { target: 'deciding', actions: assign({ decision: ({ event }) => event.output }) },
        },
        on: {
          // Our user answered "what is the recipient's name?": hand it to the waiting pre-check.
          NAMES: { actions: sendTo('precheck', ({ event }) => event) },
        },
      },
      deciding: {
        always: [{ guard: 'mayProceed', target: 'crediting' }, { target: 'stopped' }],
      },
      crediting: {
        invoke: {
          src: 'creditCustomer',
          input: ({ context }) => ({ transfer: context.transfer, decision: context.decision! }),
          onDone: { target: 'credited', actions: [assign({ credit: ({ event }) => event.output }), 'forgetLookup'] },
          onError: { target: 'creditFailed' },
        },
      },
      credited: { type: 'final' },
      stopped: { type: 'final' },
      creditFailed: { type: 'final' },
    },
  });
}
