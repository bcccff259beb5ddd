import fc from 'fast-check';
import { normaliseName, searchKey } from './names';
import { changesFromAbove, childPath, isWithin, moveMakesCycle, reachesClan } from './unit-tree';

describe('names', () => {
  it('stores names as NFC with single spaces', () => {
    const decomposed = 'Nguye\u0302\u0303n  Va\u0306n   An '; // "Nguyễn Văn An" typed with combining marks
    expect(normaliseName(decomposed)).toBe('Nguyễn Văn An');
    expect(normaliseName(decomposed)).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('makes search keys without diacritics, đ included', () => {
    expect(searchKey('Nguyễn Văn Đạt')).toBe('nguyen van dat');
    expect(searchKey('LÊ HỮU  Thảo')).toBe('le huu thao');
    expect(searchKey(normaliseName('Trần Thị Ánh'))).toBe(searchKey('Tra\u0302\u0300n Thi\u0323 A\u0301nh'));
  });

  it('gives the same key for any Unicode form of a name', () => {
    fc.assert(fc.property(fc.string(), (text) => searchKey(text.normalize('NFC')) === searchKey(text.normalize('NFD'))));
  });
});

describe('unit tree', () => {
  it('builds paths from the root down', () => {
    expect(childPath(null, 1)).toBe('/1/');
    expect(childPath('/1/', 4)).toBe('/1/4/');
  });

  it('knows a subtree by its prefix, and does not confuse /1/ with /12/', () => {
    expect(isWithin('/1/4/9/', '/1/4/')).toBe(true);
    expect(isWithin('/1/4/', '/1/4/')).toBe(true);
    expect(isWithin('/12/', '/1/')).toBe(false);
    expect(isWithin('/1/', '/1/4/')).toBe(false);
  });

  it('refuses moves under oneself or a descendant', () => {
    expect(moveMakesCycle('/1/4/', '/1/4/')).toBe(true);
    expect(moveMakesCycle('/1/4/', '/1/4/9/')).toBe(true);
    expect(moveMakesCycle('/1/4/', '/1/5/')).toBe(false);
    expect(moveMakesCycle('/1/4/', '/1/')).toBe(false);
  });
});

describe('who changes what', () => {
  it('lets only organisers strictly above a unit change its headcount and parent', () => {
    expect(changesFromAbove(null, '/1/')).toBe(true);
    expect(changesFromAbove('/1/', '/1/4/')).toBe(true);
    expect(changesFromAbove('/1/', '/1/4/9/')).toBe(true);
    expect(changesFromAbove('/1/4/', '/1/4/')).toBe(false);
    expect(changesFromAbove('/1/4/', '/1/')).toBe(false);
    expect(changesFromAbove('/1/4/', '/1/5/')).toBe(false);
    expect(changesFromAbove('/1/', '/12/')).toBe(false);
  });

  it('opens clans of the subtree, of the units above and of the district, not those beside', () => {
    expect(reachesClan(null, '/1/5/')).toBe(true);
    expect(reachesClan('/1/4/', null)).toBe(true);
    expect(reachesClan('/1/4/', '/1/4/')).toBe(true);
    expect(reachesClan('/1/4/', '/1/4/9/')).toBe(true);
    expect(reachesClan('/1/4/', '/1/')).toBe(true);
    expect(reachesClan('/1/4/', '/1/5/')).toBe(false);
    expect(reachesClan('/1/4/', '/1/5/9/')).toBe(false);
    expect(reachesClan('/1/', '/12/')).toBe(false);
  });
});
