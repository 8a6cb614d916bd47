/** What an agenda item can link (issue 17, item 2): the circle's boards, polls, sign-up sheets, date polls. */
export const agendaLinkKinds = ['board', 'poll', 'signup-sheet', 'date-poll'] as const;
export type AgendaLinkKind = (typeof agendaLinkKinds)[number];

/** The web address of a linked object. */
export function agendaLinkPath(kind: AgendaLinkKind, id: string): string {
  const base = { board: 'boards', poll: 'polls', 'signup-sheet': 'signup-sheets', 'date-poll': 'date-polls' }[
    kind
  ];
  return `/${base}/${encodeURIComponent(id)}`;
}
