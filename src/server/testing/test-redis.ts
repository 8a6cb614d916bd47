import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

const isCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * The Redis the multi-instance tests use (TEST_REDIS_URL, by default the local one), or undefined
 * with a loud message when none answers. Under CI a missing Redis fails the run instead.
 */
export async function reachableTestRedis(): Promise<string | undefined> {
  const url = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return url;
  } catch (error) {
    const why = `no Redis answers at ${url} (${(error as Error).message})`;
    if (isCi) throw new Error(`${why}: Redis is required in CI`);
    const line = '!'.repeat(78);
    console.warn(`\n${line}\n!! SKIPPED the multi-instance live tests: ${why}\n${line}`);
    return undefined;
  } finally {
    probe.disconnect();
  }
}

/** A key prefix of its own per test run, so runs never see each other's topics. */
export function testRedisPrefix(): string {
  return `archipel-test:${process.pid}-${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key of a test run. */
export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
