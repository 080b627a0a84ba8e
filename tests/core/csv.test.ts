/** toCsv against RFC 4180 (checked by parsing it back) and against formula injection. */
import fc from 'fast-check';
import { toCsv } from '../../src/core/csv';

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records), to check the writer against. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

const unformula = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

it('quotes commas, quotes and line breaks, and ends every record with CRLF', () => {
  expect(
    toCsv([
      ['Biller', 'Owner'],
      ['Texas Mutual, Inc.', 'Pat "PM" Lee'],
      ['Line\nbreak', 'plain'],
    ]),
  ).toBe('Biller,Owner\r\n"Texas Mutual, Inc.","Pat ""PM"" Lee"\r\n"Line\nbreak",plain\r\n');
});

it('keeps cells that would start a formula as text', () => {
  expect(toCsv([['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', 'a=b']])).toBe(`"'=HYPERLINK(""http://x"")","'+1","'-2","'@SUM(A1)","'\tx",a=b\r\n`);
});

it('reads back as the same rows (formula starts neutralised), whatever the text', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', "'") }), { minLength: 1, maxLength: 5 }),
        { maxLength: 5 },
      ),
      (rows) => {
        const back = parseCsv(toCsv(rows));
        expect(back).toEqual(rows.map((row) => row.map(unformula)));
        for (const row of back) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      },
    ),
  );
});
