import { describe, expect, it } from 'vitest';
import { extendTimer, type MeetingTimer, pauseTimer, remainingMs, resumeTimer } from './meeting-timer.ts';

const start = Date.parse('2026-12-05T09:00:00.000Z');
const timer: MeetingTimer = {
  startedAt: new Date(start).toISOString(),
  pausedAt: null,
  pausedMs: 0,
  extendedMs: 0,
};
const tenMinutes = 600_000;

describe('meeting timer', () => {
  it('counts down from the planned duration', () => {
    expect(remainingMs(timer, tenMinutes, start + 60_000)).toBe(540_000);
    expect(remainingMs(timer, tenMinutes, start + 660_000)).toBe(-60_000);
  });

  it('stands still while paused and resumes where it stopped', () => {
    const paused = pauseTimer(timer, start + 120_000);
    expect(remainingMs(paused, tenMinutes, start + 120_000)).toBe(480_000);
    expect(remainingMs(paused, tenMinutes, start + 500_000)).toBe(480_000);
    expect(pauseTimer(paused, start + 300_000)).toBe(paused);
    const resumed = resumeTimer(paused, start + 300_000);
    expect(resumed.pausedMs).toBe(180_000);
    expect(remainingMs(resumed, tenMinutes, start + 360_000)).toBe(420_000);
    expect(resumeTimer(resumed, start + 400_000)).toBe(resumed);
  });

  it('adds minutes with +2 min, bounded', () => {
    const extended = extendTimer(timer, 2);
    expect(remainingMs(extended, tenMinutes, start)).toBe(720_000);
    let many = timer;
    for (let i = 0; i < 200; i++) many = extendTimer(many, 30);
    expect(many.extendedMs).toBe(4 * 3600_000);
  });
});
