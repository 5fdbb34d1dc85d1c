import { BUDGETS } from './budgets.ts';
import type { CardIdentify } from './card-identify.ts';
import { fineMs, ms } from './format.ts';
import { verdict, type Row } from './table.ts';

/** The ID card rows: the budget is on the whole way to the painted screen; the shell's own part is shown for reference. */
export function cardIdentifyRows(card: CardIdentify): Row[] {
  const wire = `wire time of the ${card.readReplyBytes}-byte read reply at 115,200 baud: ${ms(card.wireMs)} (before the interval starts)`;
  return [
    {
      what: `ID card bytes fully received → identified screen painted, max of ${card.rounds}`,
      measured: fineMs(card.toPainted.max),
      budget: `≤ ${ms(BUDGETS.cardToIdentifiedMs)}`,
      verdict: verdict(card.toPainted.max <= BUDGETS.cardToIdentifiedMs),
      reference: `p50 ${fineMs(card.toPainted.p50)}, p90 ${fineMs(card.toPainted.p90)}; ${wire}`,
    },
    {
      what: `ID card bytes fully received → bridge \`card\` message sent, max of ${card.rounds}`,
      measured: fineMs(card.toMessage.max),
      budget: 'part of the above',
      verdict: 'info',
      reference: `p50 ${fineMs(card.toMessage.p50)}, p90 ${fineMs(card.toMessage.p90)}; real driver on a pty, real bridge`,
    },
  ];
}
