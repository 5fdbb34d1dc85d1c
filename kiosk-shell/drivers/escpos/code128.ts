/**
 * CODE128 as an ESC/POS printer builds it from `GS k 73` data, for the virtual printer to draw
 * the bars a real one would. In that data "{A" "{B" "{C" choose the code set (the first one gives
 * the start symbol, later ones switch), "{S" shifts one character between sets A and B, "{1".."{4"
 * are the function characters and "{{" is a brace. In set C each byte is one value 0–99 (two
 * digits). The printer adds the check symbol and the stop pattern.
 */

/** Bar and space widths in modules of symbol values 0–105, each starting with a bar; 106 is the stop. */
export const CODE128_PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

type CodeSet = 'A' | 'B' | 'C';

const START: Record<CodeSet, number> = { A: 103, B: 104, C: 105 };
/** The switch symbol to each set; the same value in whichever set it is read. */
const SWITCH: Record<CodeSet, number> = { A: 101, B: 100, C: 99 };
const SHIFT = 98;
const STOP = 106;
/** FNC1..FNC4; FNC4 is 101 in set A and 100 in set B, and does not exist in set C. */
const FUNCTION = (set: CodeSet, n: number): number | null => {
  if (n === 1) return 102;
  if (set === 'C') return null;
  if (n === 2) return 97;
  if (n === 3) return 96;
  return set === 'A' ? 101 : 100;
};

/** A character's value in set A (control characters and upper case) or B (printable ASCII). */
function characterValue(set: 'A' | 'B', byte: number): number | null {
  if (set === 'A') {
    if (byte < 0x20) return byte + 64;
    return byte <= 0x5f ? byte - 0x20 : null;
  }
  return byte >= 0x20 && byte <= 0x7f ? byte - 0x20 : null;
}

export interface Code128Symbol {
  /** Every symbol value in print order: start, data, check, stop. */
  symbols: number[];
  /** The human-readable text: the characters, and set C values as two digits each. */
  text: string;
}

const BRACE = 0x7b;
const isSet = (byte: number | undefined): CodeSet | null => (byte === 0x41 ? 'A' : byte === 0x42 ? 'B' : byte === 0x43 ? 'C' : null);

/** The symbol for `GS k 73` data; null when a printer would refuse it (no leading set, a byte its set cannot hold). */
export function code128FromEscPos(data: Uint8Array): Code128Symbol | null {
  let set = data[0] === BRACE ? isSet(data[1]) : null;
  if (!set) return null;
  const values = [START[set]];
  let text = '';
  for (let i = 2; i < data.length; i++) {
    const byte = data[i]!;
    if (byte === BRACE && data[i + 1] !== BRACE) {
      const code = data[++i];
      const next = isSet(code);
      if (next) {
        values.push(SWITCH[next]);
        set = next;
        continue;
      }
      const fnc = code !== undefined && code >= 0x31 && code <= 0x34 ? FUNCTION(set, code - 0x30) : null;
      if (fnc !== null) values.push(fnc);
      else if (code === 0x53 && set !== 'C' && i + 1 < data.length) {
        // Shift: the next character only is read in the other of sets A and B.
        const shifted = characterValue(set === 'A' ? 'B' : 'A', data[++i]!);
        if (shifted === null) return null;
        values.push(SHIFT, shifted);
        text += String.fromCharCode(data[i]!);
      } else return null;
      continue;
    }
    if (byte === BRACE) i++;
    if (set === 'C') {
      if (byte > 99) return null;
      values.push(byte);
      text += String(byte).padStart(2, '0');
    } else {
      const value = characterValue(set, byte);
      if (value === null) return null;
      values.push(value);
      text += String.fromCharCode(byte);
    }
  }
  const check = values.reduce((sum, value, index) => sum + value * Math.max(1, index), 0) % 103;
  return { symbols: [...values, check, STOP], text };
}

/** Bar, space, bar… widths in modules for a symbol sequence (from code128FromEscPos). */
export function code128Bars(symbols: readonly number[]): number[] {
  return symbols.flatMap((value) => Array.from(CODE128_PATTERNS[value] ?? '', Number));
}
