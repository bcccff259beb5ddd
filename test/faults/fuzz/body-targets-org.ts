import fc from 'fast-check';
import { BAD_CODES, aroundLimit, freshCode, goodName, idIn, numberNear, segmentIn, text } from './arbitraries';
import { BodyTarget } from './body-target';
import { onePerSuccess, sameRows, sameValue, treeConsistent } from './checks';

// Units, clans, participants, organisers and screen tokens.

export const CATEGORIES = fc.constantFrom('district_office', 'commune', 'school', 'other');
const BAD_CATEGORIES = fc.constantFrom('xã', 'Commune', 'COMMUNE', '', 'district office', 'school ', 'others', 'trường');
const goodHeadcount = fc.integer({ min: 0, max: 1_000_000 });
export const goodPin = fc.stringMatching(/^\d{4,8}$/);
export const badPin = fc.constantFrom('123', '123456789', '12a4', ' 1234', '1234 ', '١٢٣٤', '', '0000\n');

export const ORG_BODY_TARGETS: BodyTarget[] = [
  {
    name: 'POST /api/units',
    method: 'POST',
    path: () => fc.constant('/api/units'),
    fields: (f) => ({
      code: { good: freshCode, bad: BAD_CODES },
      name: { good: goodName, bad: text(200) },
      category: { good: CATEGORIES, bad: BAD_CATEGORIES },
      parentCode: {
        good: fc.constantFrom(...f.unitCodes),
        bad: fc.oneof(BAD_CODES, fc.constantFrom(null, 'fz-a', ' FZ-B ', f.mergeUnits[0].code)),
        optional: true,
      },
      headcount: { good: goodHeadcount, bad: numberNear(0, 1_000_000) },
    }),
    watch: () => [onePerSuccess('unit')],
    expectSuccess: true,
  },
  {
    name: 'PATCH /api/units/:id',
    method: 'PATCH',
    path: (f) => segmentIn(f.patchUnits.map((unit) => unit.id)).map((id) => `/api/units/${id}`),
    fields: (f) => ({
      name: { good: goodName, bad: text(200), optional: true },
      category: { good: CATEGORIES, bad: BAD_CATEGORIES, optional: true },
      parentCode: { good: fc.oneof(fc.constantFrom(...f.patchUnits.map((unit) => unit.code), 'FZ'), fc.constant(null)), bad: BAD_CODES, optional: true },
      headcount: { good: goodHeadcount, bad: numberNear(0, 1_000_000), optional: true },
    }),
    watch: () => [sameRows('unit'), treeConsistent],
    expectSuccess: true,
  },
  {
    name: 'POST /api/units/:id/merge',
    method: 'POST',
    path: (f) => segmentIn(f.mergeUnits.map((unit) => unit.id)).map((id) => `/api/units/${id}/merge`),
    fields: (f) => ({
      intoCode: { good: fc.constantFrom(...f.mergeUnits.map((unit) => unit.code)), bad: fc.oneof(BAD_CODES, fc.constantFrom('FZ', 'fzm00', ' FZM01 ')) },
    }),
    // A merge moves people and headcount; it never makes or loses any.
    watch: () => [sameRows('unit'), sameRows('participant'), sameValue('total headcount', 'SELECT SUM(headcount) AS n FROM unit'), treeConsistent],
    expectSuccess: true,
  },
  {
    name: 'POST /api/clans',
    method: 'POST',
    path: () => fc.constant('/api/clans'),
    fields: (f) => ({
      code: { good: freshCode, bad: BAD_CODES },
      name: { good: goodName, bad: text(200) },
      unitCode: { good: fc.constantFrom(...f.unitCodes), bad: BAD_CODES, optional: true },
    }),
    watch: () => [onePerSuccess('clan')],
    expectSuccess: true,
  },
  {
    name: 'POST /api/participants',
    method: 'POST',
    path: () => fc.constant('/api/participants'),
    fields: (f) => ({
      staffCode: { good: freshCode, bad: BAD_CODES },
      fullName: { good: goodName, bad: text(200) },
      unitCode: { good: fc.constantFrom(...f.unitCodes), bad: fc.oneof(BAD_CODES, fc.constant(f.mergeUnits[0].code)) },
      clanCode: { good: fc.constantFrom(...f.clanCodes), bad: BAD_CODES, optional: true },
      pin: { good: goodPin, bad: badPin, optional: true },
      active: { good: fc.boolean(), bad: fc.constantFrom('true', 1, 'có'), optional: true },
    }),
    watch: () => [onePerSuccess('participant')],
    expectSuccess: true,
  },
  {
    name: 'PATCH /api/participants/:id',
    method: 'PATCH',
    path: (f) => segmentIn(f.patchParticipantIds).map((id) => `/api/participants/${id}`),
    fields: (f) => ({
      fullName: { good: goodName, bad: text(200), optional: true },
      unitCode: { good: fc.constantFrom(...f.unitCodes), bad: BAD_CODES, optional: true },
      clanCode: { good: fc.oneof(fc.constantFrom(...f.clanCodes), fc.constant(null)), bad: BAD_CODES, optional: true },
      pin: { good: goodPin, bad: badPin, optional: true },
      active: { good: fc.boolean(), bad: fc.constantFrom('false', 0, null), optional: true },
      timeMultiplier: { good: fc.constantFrom(1, 1.5, 2, 3), bad: fc.constantFrom(2.5, '2', 0, null), optional: true },
    }),
    watch: () => [sameRows('participant')],
    expectSuccess: true,
  },
  {
    name: 'POST /api/organisers',
    method: 'POST',
    path: () => fc.constant('/api/organisers'),
    fields: (f) => ({
      username: { good: fc.stringMatching(/^[a-z][a-z0-9._-]{5,11}$/), bad: fc.oneof(text(50), fc.constantFrom('ab', 'Admin', 'a b c', 'x'.repeat(51))) },
      password: { good: fc.string({ minLength: 10, maxLength: 40 }), bad: fc.oneof(fc.string({ maxLength: 9 }), aroundLimit(200)) },
      role: { good: fc.constantFrom('admin', 'organiser'), bad: fc.constantFrom('Admin', 'root', 'participant', 'screen', '') },
      unitId: { good: fc.constantFrom(...f.unitIds), bad: idIn([f.mergeUnits[0].id]), optional: true },
    }),
    // A created organiser costs an argon2 hash (about 20 ms): keep those few.
    costly: true,
    watch: () => [onePerSuccess('organiser')],
    expectSuccess: true,
  },
  {
    name: 'POST /api/screen-tokens',
    method: 'POST',
    path: () => fc.constant('/api/screen-tokens'),
    fields: () => ({ label: { good: goodName.filter((label) => label.length <= 100), bad: fc.oneof(text(100), aroundLimit(100)) } }),
    // Each token created draws a QR code (several ms).
    costly: true,
    watch: () => [onePerSuccess('screen_token')],
    expectSuccess: true,
  },
];
