import { describe, expect, it } from 'vitest';
import { missingWords } from './import-coverage.ts';
import { emptyImportedSession } from './imported-session.ts';

describe('import coverage', () => {
  it('finds every word of the pad in the session, times and dates included', () => {
    const session = {
      ...emptyImportedSession(),
      dateText: 'Réunion du 15 juin 2021',
      agenda: [{ title: 'Un tour de météo', startTime: '12:00', endTime: '12:10', children: [], notes: '' }],
    };
    expect(missingWords('Réunion du 15 juin 2021\n- [12h00 > 12h10] **Un tour de MÉTÉO**', session)).toEqual(
      [],
    );
  });

  it('names the words the session lost', () => {
    const session = { ...emptyImportedSession(), title: 'Cercle Codev' };
    expect(missingWords('Cercle Codev\nLieu : visio', session)).toEqual(['lieu', 'visio']);
  });
});
