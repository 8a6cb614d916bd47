import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { minutesToOdt, minutesToPdf, pdfSafe } from './minutes-documents.ts';

/** The text a pdf-lib PDF draws: its content streams inflated, their hex strings decoded (Windows-1252). */
function pdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let body: string;
    try {
      body = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      body = match[1] ?? '';
    }
    for (const hex of body.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) {
      texts.push(new TextDecoder('windows-1252').decode(Buffer.from(hex[1] ?? '', 'hex')));
    }
  }
  return texts.join(' ');
}

const MINUTES = [
  '# Compte rendu — Cercle « Évaluation »',
  '',
  '## Prochains pas',
  '',
  '- **Créer** le sondage (Thérèse, échéance 2026-12-20)',
  '- Relire [le pad](https://pad.example/p) et _noter_ les idées 🌱',
  '',
  'Deux séances de travail à prévoir.',
].join('\n');

describe('the minutes as files', () => {
  it('writes an OpenDocument text: mimetype first and stored, a manifest, content with the accents', () => {
    const odt = minutesToOdt(MINUTES, 'Évaluation');
    // The first local file header names "mimetype", stored (method 0), its content right after.
    const head = Buffer.from(odt.subarray(0, 100)).toString('latin1');
    expect(head.slice(0, 4)).toBe('PK\u0003\u0004');
    expect(odt[8]).toBe(0);
    expect(head.slice(30, 38)).toBe('mimetype');
    expect(head.slice(38, 38 + 39)).toBe('application/vnd.oasis.opendocument.text');
    const files = unzipSync(odt);
    expect(Object.keys(files)).toEqual([
      'mimetype',
      'META-INF/manifest.xml',
      'content.xml',
      'styles.xml',
      'meta.xml',
    ]);
    const content = strFromU8(files['content.xml'] as Uint8Array);
    expect(content).toContain(
      '<text:h text:style-name="Heading_20_2" text:outline-level="2">Prochains pas</text:h>',
    );
    expect(content).toContain('Cercle « Évaluation »');
    expect(content).toContain('<text:span text:style-name="Bold">Créer</text:span> le sondage (Thérèse');
    expect(content).toContain(
      '<text:a xlink:type="simple" xlink:href="https://pad.example/p">le pad</text:a>',
    );
    expect(content).toContain('<text:list text:style-name="Bullets">');
    expect(strFromU8(files['META-INF/manifest.xml'] as Uint8Array)).toContain('content.xml');
  });

  it('escapes markup in the text, and keeps unsafe links as their text', () => {
    const content = strFromU8(
      unzipSync(minutesToOdt('<script>alert("x")</script> & [clic](javascript:alert(1))', 'x'))[
        'content.xml'
      ] as Uint8Array,
    );
    expect(content).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; [clic](javascript:alert(1))',
    );
    expect(content).not.toContain('xlink:href="javascript');
  });

  it('writes a PDF whose pages hold the text, French accents included', async () => {
    const pdf = await minutesToPdf(MINUTES, 'Évaluation');
    expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toMatch(/^%PDF-1\.\d/);
    expect(Buffer.from(pdf.subarray(-8)).toString('latin1')).toContain('%%EOF');
    const text = pdfText(pdf);
    expect(text).toContain('Prochains');
    expect(text).toContain('Thérèse,');
    expect(text).toContain('«');
    expect(text).toContain('Évaluation');
    expect(text).toContain('séances');
    // What the standard fonts cannot draw becomes a "?" rather than an error.
    expect(pdfSafe('idées 🌱\u202f!')).toBe('idées ? !');
  });
});

describe.each(testDialects())('minutes downloads on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let outsider: TestUser;
  let sessionId: string;
  const as = (user: TestUser) => ({ cookie: user.cookie });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, facilitator);
    const circle = await buildCircle(t.app, facilitator, community.slug, {
      visibility: 'private',
      name: 'Équipe',
    });
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/sessions`,
      headers: as(facilitator),
      payload: {
        title: 'Séance « évaluation »',
        startsAt: '2026-12-15T09:00:00+01:00',
        endsAt: '2026-12-15T11:00:00+01:00',
      },
    });
    sessionId = created.json().id;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/sessions/${sessionId}`,
      headers: as(facilitator),
      payload: { synthesis: 'Préparer deux séances de travail : https://framadate.org/abc' },
    });
  });
  afterAll(() => t.close());

  it('serves the minutes as ODT and PDF to members, and 404 to others', async () => {
    const odt = await t.app.inject({
      url: `/api/v1/sessions/${sessionId}/minutes.odt`,
      headers: as(facilitator),
    });
    expect(odt.statusCode).toBe(200);
    expect(odt.headers['content-type']).toBe('application/vnd.oasis.opendocument.text');
    expect(odt.headers['content-disposition']).toBe('attachment; filename="compte-rendu-2026-12-15.odt"');
    const content = strFromU8(unzipSync(odt.rawPayload)['content.xml'] as Uint8Array);
    expect(content).toContain('Séance « évaluation »');
    expect(content).toContain('Préparer deux séances de travail');
    expect(content).toContain('xlink:href="https://framadate.org/abc"');

    const pdf = await t.app.inject({
      url: `/api/v1/sessions/${sessionId}/minutes.pdf?lang=en`,
      headers: as(facilitator),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf.rawPayload)).toContain('Synthesis');
    expect(pdfText(pdf.rawPayload)).toContain('séances');

    for (const format of ['odt', 'pdf']) {
      for (const headers of [as(outsider), {}]) {
        const refused = await t.app.inject({
          url: `/api/v1/sessions/${sessionId}/minutes.${format}`,
          headers,
        });
        expect(refused.statusCode).toBe(404);
      }
    }
    const bad = await t.app.inject({
      url: `/api/v1/sessions/${sessionId}/minutes.pdf?lang=de`,
      headers: as(facilitator),
    });
    expect(bad.statusCode).toBe(400);
  });
});
