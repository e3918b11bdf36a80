import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatMinutes, formatNumber, formatRelativeTime, minutesFromMs } from '../../src/output/format';

const now = new Date('2026-03-15T12:00:00Z');

describe('formatRelativeTime', () => {
  it.each([
    ['2026-03-15T11:59:30Z', 'less than a minute ago'],
    ['2026-03-15T11:59:00Z', 'about 1 minute ago'],
    ['2026-03-15T09:00:00Z', 'about 3 hours ago'],
    ['2026-03-13T12:00:00Z', 'about 2 days ago'],
    ['2026-01-10T12:00:00Z', 'about 2 months ago'],
    ['2024-01-10T12:00:00Z', 'about 2 years ago'],
    ['2026-03-17T12:00:00Z', 'in about 2 days'],
  ])('%s → %s', (date, text) => {
    expect(formatRelativeTime(date, now)).toBe(text);
  });

  it('gives nothing for a missing or invalid date', () => {
    expect(formatRelativeTime(undefined, now)).toBe('');
    expect(formatRelativeTime('not a date', now)).toBe('');
  });
});

describe('absolute dates', () => {
  it('are UTC, the same on every machine', () => {
    expect(formatDate('2026-03-01T23:30:00-05:00')).toBe('2026-03-02');
    expect(formatDateTime(new Date('2026-03-01T14:05:59Z'))).toBe('2026-03-01 14:05 UTC');
    expect(formatDate(undefined)).toBe('');
  });
});

describe('sizes and amounts', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(950)).toBe('950 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(20_000_000_000)).toBe('20 GB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
  });

  it('formats compute minutes and counts with fixed separators', () => {
    expect(minutesFromMs(90_000)).toBe(1.5);
    expect(formatMinutes(1.5)).toBe('1.5 min');
    expect(formatMinutes(2000)).toBe('2,000 min');
    expect(formatMinutes(123.456)).toBe('123 min');
    expect(formatNumber(1234567)).toBe('1,234,567');
  });
});
