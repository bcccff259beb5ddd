import fc from 'fast-check';
import { csvLine, inertCell, liveCell } from '../http/spreadsheet';
import { change, ratePercent } from './report-rules';

describe('ratePercent', () => {
  it('gives the article’s figures', () => {
    expect(ratePercent(2751, 2896)).toBe(94.99);
    expect(ratePercent(1, 3)).toBe(33.33);
    expect(ratePercent(2, 3)).toBe(66.67);
    expect(ratePercent(0, 10)).toBe(0);
    expect(ratePercent(5, 0)).toBe(0);
    expect(ratePercent(7, 7)).toBe(100);
  });

  it('rounds half up on the exact fraction, to two decimals', () => {
    // 1/8 = 12.5 %, 1/16 = 6.25 %, 1/32 = 3.125 % → 3.13, 1/160 = 0.625 % → 0.63
    expect(ratePercent(1, 32)).toBe(3.13);
    expect(ratePercent(1, 160)).toBe(0.63);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 0, max: 200_000 }), (headcount, extra) => {
        const participants = extra % (headcount + 1);
        const got = ratePercent(participants, headcount);
        // Exact: the nearest hundredth, ties up, checked in integers.
        const hundredths = Math.round(got * 100);
        const twice = 2 * participants * 10_000;
        expect(hundredths * 2 * headcount - twice).toBeLessThanOrEqual(headcount);
        expect(twice - hundredths * 2 * headcount).toBeLessThan(headcount);
      }),
    );
  });
});

describe('export cells', () => {
  it('makes every formula start inert and can undo it', () => {
    for (const danger of ['=1+1', '+33', '-2', '@SUM(A1)', '\tx', '\ry', '=HYPERLINK("http://x","y")']) {
      expect(inertCell(danger)).toBe(`'${danger}`);
      expect(liveCell(inertCell(danger))).toBe(danger);
    }
    expect(inertCell('Nguyễn Văn A')).toBe('Nguyễn Văn A');
    expect(liveCell("'bình thường")).toBe("'bình thường");
  });

  it('writes CSV lines with quoting and inert text', () => {
    expect(csvLine(['a', 1, null, 'b,c', 'say "hi"', '=1+2'])).toBe('a,1,,"b,c","say ""hi""",\'=1+2\r\n');
    expect(csvLine(['-5 km'])).toBe("'-5 km\r\n");
  });

  it('reports a change only when there is something to compare with', () => {
    expect(change(95.5, 90.25)).toBe(5.25);
    expect(change(3, null)).toBeNull();
  });
});
