import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.ts';

describe('environment', () => {
  it('has working defaults for a zero-configuration start', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      ARCHIPEL_DEMO: true,
      AUTH_RATE_LIMIT: 10,
      TRUST_PROXY: false,
      PUBLIC_URL: 'http://localhost:3000',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads every documented variable', () => {
    const env = parseEnv({
      PORT: '8080',
      DATA_DIR: '/var/lib/archipel',
      DATABASE_URL: 'postgres://archipel@db/archipel',
      PUBLIC_URL: 'https://cercles.example.org/',
      SMTP_URL: 'smtp://mail.example.org:587',
      ARCHIPEL_DEMO: '0',
      AUTH_SECRET: 'a'.repeat(40),
      AUTH_RATE_LIMIT: '25',
      TRUST_PROXY: '1',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      PUBLIC_URL: 'https://cercles.example.org',
      ARCHIPEL_DEMO: false,
      AUTH_RATE_LIMIT: 25,
      TRUST_PROXY: true,
    });
  });

  it('keeps inactive accounts 36 months by default, and refuses fewer than 2', () => {
    expect(parseEnv({}).INACTIVE_MONTHS).toBe(36);
    expect(parseEnv({ INACTIVE_MONTHS: '24' }).INACTIVE_MONTHS).toBe(24);
    expect(() => parseEnv({ INACTIVE_MONTHS: '1' })).toThrow(/INACTIVE_MONTHS/);
    expect(() => parseEnv({ INACTIVE_MONTHS: 'trois ans' })).toThrow(/INACTIVE_MONTHS/);
  });

  it('takes only plain decimal numbers', () => {
    expect(() => parseEnv({ PORT: '0x0DB0' })).toThrow(/PORT/);
    expect(() => parseEnv({ AUTH_RATE_LIMIT: '1e1' })).toThrow(/AUTH_RATE_LIMIT/);
    expect(parseEnv({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('refuses bad values with one clear line per variable', () => {
    const attempt = () =>
      parseEnv({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        AUTH_RATE_LIMIT: '1.5',
        ARCHIPEL_DEMO: 'maybe',
        PUBLIC_URL: 'ftp://x',
        AUTH_SECRET: 'short',
        REDIS_URL: 'http://redis:6379',
        REDIS_KEY_PREFIX: 'has spaces',
      });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = String((error as Error).message);
      for (const name of [
        'PORT',
        'DATABASE_URL',
        'AUTH_RATE_LIMIT',
        'ARCHIPEL_DEMO',
        'PUBLIC_URL',
        'AUTH_SECRET',
        'REDIS_URL',
        'REDIS_KEY_PREFIX',
      ]) {
        expect(message).toContain(name);
      }
    }
  });

  it('takes a Redis URL for several instances, with a key prefix of its own', () => {
    const env = parseEnv({ REDIS_URL: 'rediss://user:secret@redis.internal:6380/2' });
    expect(env.REDIS_URL).toBe('rediss://user:secret@redis.internal:6380/2');
    expect(env.REDIS_KEY_PREFIX).toBe('archipel:');
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
  });

  describe('single sign-on', () => {
    const sso = {
      OIDC_ISSUER: 'https://auth.example.gouv.fr/api/v2',
      OIDC_CLIENT_ID: 'archipel',
      OIDC_CLIENT_SECRET: 's3cret',
    };

    it('is off by default and reads its settings when the issuer is set', () => {
      expect(parseEnv({}).OIDC_ISSUER).toBeUndefined();
      expect(parseEnv({ ...sso, OIDC_ACR_VALUES: 'eidas1', OIDC_ONLY: '1' })).toMatchObject({
        ...sso,
        OIDC_SCOPES: 'openid email profile',
        OIDC_ACR_VALUES: 'eidas1',
        OIDC_ONLY: true,
        OIDC_ASSUME_EMAIL_VERIFIED: false,
      });
    });

    it('refuses an incomplete or unsafe configuration, naming each variable', () => {
      expect(() => parseEnv({ OIDC_ISSUER: sso.OIDC_ISSUER })).toThrow(
        /OIDC_CLIENT_ID[\s\S]*OIDC_CLIENT_SECRET/,
      );
      expect(() => parseEnv({ OIDC_ONLY: '1' })).toThrow(/OIDC_ONLY: needs OIDC_ISSUER/);
      expect(() => parseEnv({ ...sso, OIDC_ISSUER: 'http://sso.example.org' })).toThrow(/OIDC_ISSUER/);
      expect(() => parseEnv({ ...sso, OIDC_SCOPES: 'email profile' })).toThrow(
        /OIDC_SCOPES: must include openid/,
      );
      expect(parseEnv({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:8080/realms/x' }).OIDC_ISSUER).toBe(
        'http://127.0.0.1:8080/realms/x',
      );
    });
  });
});
