import type { BusinessCalendar } from '../../core/calendar/business-calendar.ts';
import { addDays, datesBetween, instantOf, localDateOf, type LocalDate } from '../../core/calendar/local-date.ts';
import type { ServiceItem } from '../../core/catalog.ts';
import type { CaseChannel, CaseStatus } from '../../core/cases.ts';
import { idCheckChar } from '../../core/id-number.ts';
import { superviseCase, type SuspensionSpan } from '../../core/supervision.ts';

/**
 * The cases of a fictional stretch of time for the demo hall, made by a seeded random generator:
 * the same demo date gives the same cases. Window cases are mostly on time, some a day late
 * (yellow), a few later (red), some paused for a supplement; terminal and smart-approval cases
 * (exempt) come at any hour. Pure: the caller turns these into rows.
 */

const MINUTE = 60_000;

/** mulberry32: small, fast and good enough to make demo data look random. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof seededRandom>;

export interface DemoApplicant {
  idNumber: string;
  name: string;
}

export interface PlannedCase {
  item: ServiceItem;
  channel: CaseChannel;
  applicant: DemoApplicant;
  submittedAt: number;
  acceptedAt: number;
  finishedAt: number | null;
  status: CaseStatus;
  decision: 'approved' | 'refused' | null;
  windowNumber: number | null;
  staffId: string | null;
  suspensions: SuspensionSpan[];
  /** Days the rule gives the card days from, for issue times. */
  overdueDays: LocalDate[];
}

export interface PlanInput {
  calendar: BusinessCalendar;
  now: number;
  firstDay: LocalDate;
  items: readonly ServiceItem[];
  windowsOf: (categoryCode: string) => number[];
  staffIds: readonly string[];
  random: Random;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['示', '例', '演', '样', '虚', '构', '测', '试', '模', '拟', '范', '本', '仿', '假', '设'];

/** A fictional citizen of 示例市 (area code 990101, no real area), with a correct check character. */
function applicant(random: Random): DemoApplicant {
  const birth = `${random.int(1950, 2004)}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}`;
  const first17 = `990101${birth}${String(random.int(100, 999))}`;
  return { idNumber: first17 + idCheckChar(first17), name: random.pick(SURNAMES) + random.pick(GIVEN) + random.pick(GIVEN) };
}

const at = (day: LocalDate, minuteOfDay: number) => instantOf(day, '00:00') + minuteOfDay * MINUTE;

/** Working days after `day` on which the limit's clock runs (not in a pause), as many as asked. */
function countedDaysAfter(calendar: BusinessCalendar, day: LocalDate, pauses: SuspensionSpan[], count: number): LocalDate[] {
  const paused = pauses.map((p) => [addDays(localDateOf(p.startedAt), 1), p.endedAt === null ? '9999-12-31' : localDateOf(p.endedAt)] as const);
  const days: LocalDate[] = [];
  for (let date = addDays(day, 1), walked = 0; days.length < count && walked < 400; date = addDays(date, 1), walked++) {
    if (calendar.isWorkingDay(date) && !paused.some(([first, last]) => date >= first && date <= last)) days.push(date);
  }
  return days;
}

type Outcome = 'on-time' | 'yellow' | 'red';
interface WindowPlan {
  outcome: Outcome;
  pause?: boolean;
  /** Still open at the demo date, however late. */
  open?: boolean;
}

/** A window case with the outcome asked for, accepted at `acceptedAt`; open if it would finish after now. */
export function windowCase(input: PlanInput, item: ServiceItem, acceptedAt: number, plan: WindowPlan): PlannedCase {
  const { calendar, random, now } = input;
  const { outcome } = plan;
  const acceptanceDay = localDateOf(acceptedAt);
  const pauses: SuspensionSpan[] = [];
  if (plan.pause && item.promisedLimitDays > 0) {
    const [asked, brought] = [countedDaysAfter(calendar, acceptanceDay, [], 1)[0]!, countedDaysAfter(calendar, acceptanceDay, [], 3)[2]!];
    pauses.push({ startedAt: at(asked, random.int(14 * 60, 16 * 60)), endedAt: at(brought, random.int(9 * 60, 11 * 60)) });
  }
  // Judged as if finished when the last pause ended: the due date counts every pause, and the walk stays short.
  const judgedAt = Math.max(acceptedAt, ...pauses.map((pause) => pause.endedAt ?? acceptedAt));
  const { dueDate } = superviseCase({ channel: 'window', handling: 'manual', acceptedAt, promisedLimitDays: item.promisedLimitDays, suspensions: pauses, finishedAt: judgedAt }, calendar, judgedAt);
  const after = countedDaysAfter(calendar, dueDate, pauses, 4);
  let finishDay: LocalDate;
  if (outcome === 'yellow') finishDay = after[0]!;
  else if (outcome === 'red') finishDay = after[random.int(1, 3)]!;
  else {
    const within = [acceptanceDay, ...datesBetween(addDays(acceptanceDay, 1), dueDate).filter((day) => calendar.isWorkingDay(day))];
    finishDay = within[Math.min(within.length - 1, Math.floor(random.next() * random.next() * within.length + within.length / 3))]!;
  }
  let finishedAt: number | null = finishDay === acceptanceDay ? acceptedAt + random.int(20, 180) * MINUTE : at(finishDay, random.int(9 * 60 + 30, 17 * 60 + 20));
  const suspensions = pauses.filter((p) => p.startedAt < now).map((p) => ({ startedAt: p.startedAt, endedAt: p.endedAt !== null && p.endedAt < now ? p.endedAt : null }));
  let status: CaseStatus = 'finished';
  if (finishedAt >= now || plan.open) {
    finishedAt = null;
    status = suspensions.some((p) => p.endedAt === null) ? 'supplement-requested' : 'accepted';
  }
  const windowNumber = random.pick(input.windowsOf(item.categoryCode));
  return {
    item,
    channel: 'window',
    applicant: applicant(random),
    submittedAt: acceptedAt,
    acceptedAt,
    finishedAt,
    status,
    decision: status === 'finished' ? (random.chance(0.04) ? 'refused' : 'approved') : null,
    windowNumber,
    staffId: input.staffIds[windowNumber % input.staffIds.length]!,
    suspensions,
    overdueDays: countedDaysAfter(calendar, dueDate, suspensions, 2),
  };
}

/** A case from a terminal (any hour) or decided by a rule (smart approval): exempt, whatever its time. */
function exemptCase(input: PlanInput, item: ServiceItem, channel: Exclude<CaseChannel, 'window'>, submittedAt: number): PlannedCase {
  const { calendar, random, now } = input;
  let acceptedAt = submittedAt + random.int(1, 5) * 1000;
  let finishedAt: number | null = acceptedAt + random.int(1, 3) * MINUTE;
  if (channel === 'self-service-terminal' && item.handling === 'promised') {
    // The back office accepts terminal applications in the next working morning.
    const day = calendar.isWorkingDay(localDateOf(submittedAt)) && submittedAt < at(localDateOf(submittedAt), 16 * 60) ? localDateOf(submittedAt) : countedDaysAfter(calendar, localDateOf(submittedAt), [], 1)[0]!;
    acceptedAt = Math.max(submittedAt + MINUTE, at(day, random.int(9 * 60, 11 * 60)));
    const finishDay = countedDaysAfter(calendar, day, [], Math.max(1, item.promisedLimitDays + random.int(-1, 2))).at(-1) ?? day;
    finishedAt = at(finishDay, random.int(10 * 60, 17 * 60));
  }
  const open = finishedAt >= now;
  const accepted = acceptedAt < now;
  return {
    item,
    channel,
    applicant: applicant(random),
    submittedAt,
    acceptedAt: accepted ? acceptedAt : submittedAt,
    finishedAt: open ? null : finishedAt,
    status: open ? (accepted ? 'accepted' : 'submitted') : 'finished',
    decision: open ? null : 'approved',
    windowNumber: null,
    staffId: null,
    suspensions: [],
    overdueDays: [],
  };
}

const outcomeOf = (random: Random): WindowPlan => {
  const r = random.next();
  if (r < 0.07) return { outcome: 'yellow', pause: false };
  if (r < 0.09) return { outcome: 'red', pause: false };
  return { outcome: 'on-time', pause: r > 0.93 };
};

/** Every day from `firstDay` to the day before now: window cases on working days, exempt cases on any. */
export function planCases(input: PlanInput): PlannedCase[] {
  const { calendar, random, now, items } = input;
  const windowItems = items.filter((item) => !item.automaticRule);
  const promisedWindowItems = windowItems.filter((item) => item.handling === 'promised');
  const terminalItems = items.filter((item) => item.kioskSubmittable);
  const smartItems = items.filter((item) => item.automaticRule);
  const cases: PlannedCase[] = [];
  for (const day of datesBetween(input.firstDay, addDays(localDateOf(now), -1))) {
    if (calendar.isWorkingDay(day)) {
      for (let n = random.int(2, 3); n > 0; n--) {
        const item = random.chance(0.7) ? random.pick(promisedWindowItems) : random.pick(windowItems);
        cases.push(windowCase(input, item, at(day, random.int(9 * 60, 17 * 60)), outcomeOf(random)));
      }
    }
    for (let n = random.int(0, 2); n > 0 && terminalItems.length > 0; n--) {
      cases.push(exemptCase(input, random.pick(terminalItems), 'self-service-terminal', at(day, random.int(0, 24 * 60 - 1))));
    }
    for (let n = random.int(0, 1); n > 0 && smartItems.length > 0; n--) {
      cases.push(exemptCase(input, random.pick(smartItems), 'smart-approval', at(day, random.int(0, 24 * 60 - 1))));
    }
  }
  return cases;
}

/**
 * Cases the demo shows whatever its date: one finished a day late a few working days ago (its
 * yellow card still open to appeal), and one still open two days past its limit (red).
 */
export function recentShowcase(input: PlanInput): PlannedCase[] {
  const { calendar, now, items, random } = input;
  const today = localDateOf(now);
  const back = (count: number) => {
    let day = today;
    for (let n = 0; n < count; ) {
      day = addDays(day, -1);
      if (calendar.isWorkingDay(day)) n++;
    }
    return day;
  };
  const oneDay = items.find((item) => item.handling === 'promised' && item.promisedLimitDays === 1 && !item.automaticRule) ?? items[0]!;
  const threeDays = items.find((item) => item.handling === 'promised' && item.promisedLimitDays === 3 && !item.automaticRule) ?? items[0]!;
  return [
    windowCase(input, oneDay, at(back(5), 10 * 60 + random.int(0, 50)), { outcome: 'yellow' }),
    windowCase(input, threeDays, at(back(6), 14 * 60 + random.int(0, 50)), { outcome: 'red', open: true }),
  ];
}
