import { idCheckChar } from '../../core/id-number.ts';

/**
 * Fictional citizens of the demo hall. Their ID numbers use the area code of the fictional
 * 示例市 (990101 is no real area) and carry a correct check character, so every rule that
 * validates a number treats them as real ones.
 */
export interface DemoPerson {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
}

function person(name: string, gender: DemoPerson['gender'], birthDate: string, sequence: string): DemoPerson {
  const first17 = `990101${birthDate.replaceAll('-', '')}${sequence}`;
  return { name, gender, birthDate, idNumber: first17 + idCheckChar(first17) };
}

export const DEMO_PEOPLE = {
  /** Seventy-plus: gets the priority lane automatically. */
  elder: person('林示范', 'male', '1948-06-15', '013'),
  /** Holds an appointment in the current hour of the demo. */
  booked: person('周样例', 'female', '1986-03-08', '024'),
  /** Holds an appointment later today. */
  early: person('吴演示', 'male', '1992-11-20', '035'),
  /** Missed an appointment earlier today. */
  late: person('郑测试', 'female', '1979-01-30', '046'),
  /** An ordinary citizen with no appointment. */
  citizen: person('王虚构', 'male', '2001-07-04', '057'),
} as const;
