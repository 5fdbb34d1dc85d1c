import { randomUUID } from 'node:crypto';
import type { BusinessCalendar } from '../../src/core/calendar/business-calendar.ts';
import { addDays, datesBetween, instantOf, localDateOf, type LocalDate } from '../../src/core/calendar/local-date.ts';
import type { ServiceItem } from '../../src/core/catalog.ts';
import type { CaseDocument } from '../../src/core/cases.ts';
import { idCheckChar, maskIdNumber, maskName } from '../../src/core/id-number.ts';
import { quarterRange, superviseCase, type Quarter, type SuspensionSpan } from '../../src/core/supervision.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { holderHash, randomToken } from '../../src/server/security.ts';
import { seededRandom, type Random } from '../../src/server/demo/quarter-cases.ts';

/**
 * A quarter of cases for the report bench (report-quarter.ts), made by a seeded generator so that
 * every run loads the same quarter: window cases (manual, supervised) across the hall's
 * departments, windows and staff, accepted on the quarter's working days, mostly finished on
 * time, some a day late (yellow) or later (red), a few paused for a supplement, a few still
 * open; the rest from terminals and smart approval (exempt), at any hour of any day. Also what
 * the report must say of them, judged case by case with the supervision rule (src/core).
 */

export interface QuarterMix {
  cases: number;
  year: number;
  quarter: Quarter;
  /** The hall's clock, after the quarter: cases still open are judged at it. */
  now: number;
  /** Shares of all cases (the rest is manual window cases). */
  terminalShare: number;
  smartShare: number;
  seed: number;
}

export interface HallShape {
  calendar: BusinessCalendar;
  pepper: string;
  items: readonly ServiceItem[];
  /** Window number → the queue categories it serves. */
  windows: ReadonlyMap<number, readonly string[]>;
  /** Window number → the staff who work at it. */
  staffByWindow: ReadonlyMap<number, readonly string[]>;
}

/** Manual cases by what the report must count them as; exempt cases by channel. */
export interface ExpectedCounts {
  manual: number;
  onTime: number;
  inProgress: number;
  yellow: number;
  red: number;
  exemptTerminal: number;
  exemptSmartApproval: number;
}

export interface GeneratedQuarter {
  cases: Database['cases'][];
  suspensions: Database['case_suspensions'][];
  expected: ExpectedCounts;
  /** Manual cases with a yellow card only, for appeals: whether each is finished. */
  yellowOnly: { caseId: string; finished: boolean }[];
}

const MINUTE = 60_000;
const SECOND = 1000;
const TERMINALS = 12;
const APPLICANTS = 20_000;


const at = (day: LocalDate, minuteOfDay: number) => instantOf(day, '00:00') + minuteOfDay * MINUTE;

interface Applicant {
  hash: string;
  masked: string;
}

/** Fictional citizens of 示例市 (area code 990101, no real area), stored as real ones are: hashed and masked. */
function applicants(random: Random, pepper: string): Applicant[] {
  return Array.from({ length: APPLICANTS }, (_, index) => {
    const birth = `${random.int(1950, 2004)}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}`;
    const first17 = `990101${birth}${String(index % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idCheckChar(first17);
    return { hash: holderHash(pepper, idNumber), masked: `${maskName(random.pick(['王示例', '李演示', '张样本', '刘虚构', '陈测试']))} ${maskIdNumber(idNumber)}` };
  });
}

/** Working days after `day` on which the limit's clock runs (outside the pauses), as many as asked. */
function countedDaysAfter(calendar: BusinessCalendar, day: LocalDate, pauses: readonly SuspensionSpan[], count: number): LocalDate[] {
  const paused = pauses.map((p) => [addDays(localDateOf(p.startedAt), 1), p.endedAt === null ? '9999-12-31' : localDateOf(p.endedAt)] as const);
  const days: LocalDate[] = [];
  for (let date = addDays(day, 1); days.length < count; date = addDays(date, 1)) {
    if (calendar.isWorkingDay(date) && !paused.some(([first, last]) => date >= first && date <= last)) days.push(date);
  }
  return days;
}

function documentOf(item: ServiceItem, exempt: boolean): string {
  const document: CaseDocument = {
    itemName: item.name,
    materials: item.materials.filter((material) => material.required).map((material) => ({ name: material.name, provision: exempt && material.certificateType ? 'e-certificate' : 'paper' })),
    formValues: {},
    commitment: null,
    deferred: null,
    result: null,
  };
  return JSON.stringify(document);
}

interface Context {
  mix: QuarterMix;
  hall: HallShape;
  random: Random;
  people: Applicant[];
  workingDays: LocalDate[];
  allDays: LocalDate[];
  nextSeq: Map<LocalDate, number>;
}

function caseRow(c: Context, item: ServiceItem, submittedAt: number, fields: Partial<Database['cases']>): Database['cases'] {
  const day = localDateOf(submittedAt);
  const seq = (c.nextSeq.get(day) ?? 0) + 1;
  c.nextSeq.set(day, seq);
  const exempt = fields.handling === 'non-manual';
  const person = c.random.pick(c.people);
  return {
    id: randomUUID(),
    case_number: `ZW${day.replaceAll('-', '')}${String(seq).padStart(6, '0')}`,
    client_id: randomUUID(),
    item_code: item.code,
    department: item.department,
    channel: 'window',
    handling: 'manual',
    status: 'finished',
    decision: 'approved',
    applicant_hash: person.hash,
    applicant_kind: 'person',
    applicant_masked: person.masked,
    document: documentOf(item, exempt),
    promised_limit_days: item.promisedLimitDays,
    submitted_at: submittedAt,
    accepted_at: submittedAt,
    due_date: null,
    decided_at: null,
    finished_at: null,
    window_number: null,
    staff_id: null,
    terminal_id: null,
    evaluation_token: randomToken(),
    created_at: submittedAt,
    ...fields,
  };
}

type Outcome = 'on-time' | 'yellow' | 'red' | 'open';
const outcomeOf = (r: number): Outcome => (r < 0.88 ? 'on-time' : r < 0.94 ? 'yellow' : r < 0.97 ? 'red' : 'open');

/** A window case: accepted on a working day of the quarter (an open one in its last weeks), finished as its outcome says. */
function manualCase(c: Context, out: GeneratedQuarter): void {
  const { random, hall, mix } = c;
  const item = random.pick(hall.items.filter((candidate) => !candidate.automaticRule));
  const outcome = outcomeOf(random.next());
  const day = outcome === 'open' ? c.workingDays[c.workingDays.length - 1 - random.int(0, 14)]! : random.pick(c.workingDays);
  const acceptedAt = at(day, random.int(9 * 60, 17 * 60));
  const limit = item.promisedLimitDays >= 1 && item.promisedLimitDays <= 20 ? item.promisedLimitDays : random.int(1, 20);
  const pauses: SuspensionSpan[] = [];
  if (random.next() < 0.03) {
    const [asked, , brought] = countedDaysAfter(hall.calendar, day, [], 3);
    pauses.push({ startedAt: at(asked!, random.int(14 * 60, 16 * 60)), endedAt: at(brought!, random.int(9 * 60, 11 * 60)) });
  }
  const judgedAt = Math.max(acceptedAt, ...pauses.map((pause) => pause.endedAt ?? acceptedAt));
  const supervised = { channel: 'window' as const, handling: 'manual' as const, acceptedAt, promisedLimitDays: limit, suspensions: pauses };
  const { dueDate } = superviseCase({ ...supervised, finishedAt: judgedAt }, hall.calendar, judgedAt);
  let finishedAt: number | null = null;
  if (outcome !== 'open') {
    const after = countedDaysAfter(hall.calendar, dueDate, pauses, 4);
    const within = [day, ...datesBetween(addDays(day, 1), dueDate).filter((date) => hall.calendar.isWorkingDay(date))];
    const finishDay = outcome === 'yellow' ? after[0]! : outcome === 'red' ? after[random.int(1, 3)]! : random.pick(within);
    finishedAt = finishDay === day ? acceptedAt + random.int(20, 180) * MINUTE : at(finishDay, random.int(9 * 60 + 30, 17 * 60 + 20));
    if (finishedAt >= mix.now) finishedAt = null;
  }
  const suspensions = pauses.map((pause) => ({ startedAt: pause.startedAt, endedAt: pause.endedAt !== null && pause.endedAt < mix.now ? pause.endedAt : null }));
  const windowNumber = random.pick([...hall.windows].filter(([, categories]) => categories.includes(item.categoryCode)).map(([number]) => number));
  const row = caseRow(c, item, acceptedAt, {
    status: finishedAt !== null ? 'finished' : suspensions.some((pause) => pause.endedAt === null) ? 'supplement-requested' : 'accepted',
    decision: finishedAt === null ? null : random.next() < 0.04 ? 'refused' : 'approved',
    promised_limit_days: limit,
    due_date: dueDate,
    decided_at: finishedAt === null ? null : finishedAt - MINUTE,
    finished_at: finishedAt,
    window_number: windowNumber,
    staff_id: random.pick(hall.staffByWindow.get(windowNumber)!),
  });
  out.cases.push(row);
  for (const pause of suspensions) out.suspensions.push({ id: randomUUID(), case_id: row.id, started_at: pause.startedAt, ended_at: pause.endedAt });
  const { verdict } = superviseCase({ ...supervised, suspensions, finishedAt }, hall.calendar, mix.now);
  out.expected.manual++;
  if (verdict === 'red') out.expected.red++;
  else if (verdict === 'yellow') {
    out.expected.yellow++;
    out.yellowOnly.push({ caseId: row.id, finished: finishedAt !== null });
  } else if (finishedAt === null) out.expected.inProgress++;
  else out.expected.onTime++;
}

/** A terminal case (accepted on arrival, handled in the back office within its limit) or a smart-approval one (decided at once). */
function exemptCase(c: Context, out: GeneratedQuarter, channel: 'self-service-terminal' | 'smart-approval'): void {
  const { random, hall, mix } = c;
  const candidates = hall.items.filter((item) => (channel === 'smart-approval' ? item.automaticRule : item.kioskSubmittable && !item.automaticRule));
  const item = random.pick(candidates);
  const submittedAt = at(random.pick(c.allDays), random.int(0, 24 * 60 - 1));
  const acceptedAt = submittedAt + random.int(1, 5) * SECOND;
  let finishedAt = acceptedAt + random.int(1, 3) * MINUTE;
  if (channel === 'self-service-terminal' && item.promisedLimitDays > 0) {
    const finishDay = countedDaysAfter(hall.calendar, localDateOf(acceptedAt), [], random.int(1, item.promisedLimitDays)).at(-1)!;
    finishedAt = at(finishDay, random.int(10 * 60, 17 * 60));
  }
  const open = finishedAt >= mix.now;
  out.cases.push(
    caseRow(c, item, submittedAt, {
      channel,
      handling: 'non-manual',
      status: open ? 'accepted' : 'finished',
      decision: open ? null : 'approved',
      accepted_at: acceptedAt,
      decided_at: open ? null : finishedAt - SECOND,
      finished_at: open ? null : finishedAt,
      terminal_id: `bench-terminal-${random.int(1, TERMINALS)}`,
    }),
  );
  if (channel === 'smart-approval') out.expected.exemptSmartApproval++;
  else out.expected.exemptTerminal++;
}

export function generateQuarter(mix: QuarterMix, hall: HallShape): GeneratedQuarter {
  const random = seededRandom(mix.seed);
  const range = quarterRange(mix.year, mix.quarter);
  const allDays = datesBetween(range.firstDay, range.lastDay);
  const c: Context = { mix, hall, random, people: applicants(random, hall.pepper), workingDays: allDays.filter((day) => hall.calendar.isWorkingDay(day)), allDays, nextSeq: new Map() };
  const out: GeneratedQuarter = {
    cases: [],
    suspensions: [],
    expected: { manual: 0, onTime: 0, inProgress: 0, yellow: 0, red: 0, exemptTerminal: 0, exemptSmartApproval: 0 },
    yellowOnly: [],
  };
  for (let n = 0; n < mix.cases; n++) {
    const r = random.next();
    if (r < mix.terminalShare) exemptCase(c, out, 'self-service-terminal');
    else if (r < mix.terminalShare + mix.smartShare) exemptCase(c, out, 'smart-approval');
    else manualCase(c, out);
  }
  return out;
}
