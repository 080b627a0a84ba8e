import fc from 'fast-check';
import { csvCell, toCsv } from '../../src/core';

/** An RFC 4180 reader written from the RFC's grammar (records end with CRLF; quoted fields double their quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (text[i] !== ',' && !text.startsWith('\r\n', i)) throw new Error(`text after a closing quote at ${i}`);
    } else if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '"' || text[i] === '\r' || text[i] === '\n') throw new Error(`unquoted ${JSON.stringify(text[i])} at ${i}`);
      field += text[i++];
    }
  }
  if (field !== '' || record.length) throw new Error('last record without CRLF');
  return records;
}

describe('toCsv (RFC 4180, safe in spreadsheets)', () => {
  it('quotes fields with commas, quotes and line breaks, and ends every record with CRLF', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\rx']])).toBe('a,"b,c","say ""hi""","two\nlines","cr\rx"\r\n');
    expect(toCsv([['x'], ['']])).toBe('x\r\n\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+2", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", `"'\rx"`]);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Numbers are numbers, not formulas; text that merely contains the characters is left alone.
    expect([csvCell(-3), csvCell(12), csvCell('a=b'), csvCell('R/A'), csvCell(null)]).toEqual(['-3', '12', 'a=b', 'R/A', '']);
  });

  it('round-trips any text through an RFC 4180 reader (formula-like cells come back with the apostrophe)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const expected = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
        expect(parseCsv(toCsv(rows))).toEqual(expected);
      }),
      { numRuns: 300, seed: 4180 },
    );
  });
});
