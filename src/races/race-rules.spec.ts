import fc from 'fast-check';
import { innerSubtree, playsIn, runsRace, seesRace } from './race-rules';

const district = null;
const school = '/1/4/';
const classroom = '/1/4/9/';
const otherSchool = '/1/5/';
// Paths are prefixes ending in a slash: `/1/4/` must not hold `/1/40/`.
const lookalike = '/1/40/';

describe('race rules', () => {
  it('lets a district-wide organiser run every race', () => {
    for (const race of [district, school, classroom, otherSchool]) expect(runsRace(district, race)).toBe(true);
  });

  it('lets a unit organiser run the races of their subtree only', () => {
    expect(runsRace(school, school)).toBe(true);
    expect(runsRace(school, classroom)).toBe(true);
    expect(runsRace(school, district)).toBe(false);
    expect(runsRace(school, otherSchool)).toBe(false);
    expect(runsRace(school, lookalike)).toBe(false);
    expect(runsRace(classroom, school)).toBe(false);
  });

  it('lets a unit organiser see the races above them but not beside them', () => {
    expect(seesRace(classroom, district)).toBe(true);
    expect(seesRace(classroom, school)).toBe(true);
    expect(seesRace(school, classroom)).toBe(true);
    expect(seesRace(school, otherSchool)).toBe(false);
    expect(seesRace(school, lookalike)).toBe(false);
    expect(seesRace(district, otherSchool)).toBe(true);
  });

  it('lets everyone play a district race and only the subtree play a unit race', () => {
    expect(playsIn(otherSchool, district)).toBe(true);
    expect(playsIn(school, school)).toBe(true);
    expect(playsIn(classroom, school)).toBe(true);
    expect(playsIn(otherSchool, school)).toBe(false);
    expect(playsIn(lookalike, school)).toBe(false);
    expect(playsIn(school, classroom)).toBe(false);
  });

  it('finds the subtree inside two, or none', () => {
    expect(innerSubtree(null, null)).toBeNull();
    expect(innerSubtree(null, school)).toBe(school);
    expect(innerSubtree(school, null)).toBe(school);
    expect(innerSubtree(school, classroom)).toBe(classroom);
    expect(innerSubtree(classroom, school)).toBe(classroom);
    expect(innerSubtree(school, otherSchool)).toBe(false);
    expect(innerSubtree(school, lookalike)).toBe(false);
  });

  it('never lets anyone run a race they cannot see, and sees a race where they can play it', () => {
    const path = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }).map((ids) => (ids.length ? `/${ids.join('/')}/` : null));
    fc.assert(
      fc.property(path, path, (scope, race) => {
        if (runsRace(scope, race)) expect(seesRace(scope, race)).toBe(true);
        if (scope !== null && playsIn(scope, race)) expect(seesRace(scope, race)).toBe(true);
        const inner = innerSubtree(scope, race);
        // A subtree inside both is within each of them.
        if (typeof inner === 'string') for (const outer of [scope, race]) if (outer !== null) expect(inner.startsWith(outer)).toBe(true);
      }),
    );
  });
});
