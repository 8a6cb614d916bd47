import { describe, expect, it } from 'vitest';
import { narrowOffset, offsetToApply } from './server-clock.ts';

describe('server clock offset', () => {
  it('narrows to the true offset as answers arrive at different sub-second phases', () => {
    const trueOffset = 42_300; // the browser is 42.3 s behind
    let bounds: ReturnType<typeof narrowOffset> | undefined;
    for (const sentAt of [1_000_000, 1_003_250, 1_007_600, 1_011_900, 1_020_050]) {
      const receivedAt = sentAt + 80;
      const serverAt = sentAt + 40 + trueOffset;
      bounds = narrowOffset(bounds, Math.floor(serverAt / 1000) * 1000, sentAt, receivedAt);
    }
    expect(bounds?.low).toBeLessThanOrEqual(trueOffset);
    expect(bounds?.high).toBeGreaterThanOrEqual(trueOffset);
    expect(Math.abs(offsetToApply(bounds) - trueOffset)).toBeLessThan(300);
  });

  it('applies nothing to a clock within 1.5 s, and starts again when the clock jumps', () => {
    const near = narrowOffset(undefined, 1_000_000, 999_600, 999_700);
    expect(offsetToApply(near)).toBe(0);
    const jumped = narrowOffset(near, 1_000_000, 1_060_000, 1_060_050);
    expect(jumped.low).toBe(1_000_000 - 1_060_050);
  });
});
