import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const root = new URL('../', import.meta.url);

/** What the publiccode.yml standard v0.4 requires (and bounds), for the keys this project uses. */
const description = z.object({
  shortDescription: z.string().min(1).max(150),
  longDescription: z.string().min(150).max(10_000),
  features: z.array(z.string().min(1).max(100)).min(1),
});
const publiccodeSchema = z.object({
  publiccodeYmlVersion: z.literal('0.4'),
  name: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
  softwareVersion: z.string().min(1),
  releaseDate: z.iso.date(),
  platforms: z.array(z.string()).min(1),
  categories: z.array(z.string()).min(1),
  developmentStatus: z.enum(['concept', 'development', 'beta', 'stable', 'obsolete']),
  softwareType: z.enum([
    'standalone/mobile',
    'standalone/iot',
    'standalone/desktop',
    'standalone/web',
    'standalone/backend',
    'standalone/other',
    'addon',
    'library',
    'configurationFiles',
  ]),
  description: z.object({ fr: description, en: description }),
  legal: z.object({ license: z.string().min(1) }),
  maintenance: z.object({
    type: z.enum(['internal', 'contract', 'community', 'none']),
    contacts: z.array(z.object({ name: z.string().min(1) })).min(1),
  }),
  localisation: z.object({ localisationReady: z.boolean(), availableLanguages: z.array(z.string()).min(1) }),
  dependsOn: z.object({
    open: z.array(z.object({ name: z.string(), versionMin: z.string().optional(), optional: z.boolean() })),
  }),
});

describe('publiccode.yml', () => {
  const document = parse(readFileSync(new URL('publiccode.yml', root), 'utf8'));
  const packageJson = z
    .object({ version: z.string(), license: z.string() })
    .parse(JSON.parse(readFileSync(new URL('package.json', root), 'utf8')));

  it('has every key the standard requires, within its bounds', () => {
    const result = publiccodeSchema.safeParse(document);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('agrees with package.json and names PostgreSQL as optional', () => {
    const code = publiccodeSchema.parse(document);
    expect(code.legal.license).toBe(packageJson.license);
    expect(code.softwareVersion).toBe(packageJson.version);
    expect(code.dependsOn.open).toContainEqual(
      expect.objectContaining({ name: 'PostgreSQL', optional: true }),
    );
    expect(code.localisation.availableLanguages).toEqual(['fr', 'en']);
  });
});
