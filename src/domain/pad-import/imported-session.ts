/** What a pad's meeting notes become once imported: the shape the session importer stores. */

export interface ImportedAgendaItem {
  title: string;
  /** `HH:MM` as written in the pad, in the meeting's own local time. */
  startTime: string | null;
  endTime: string | null;
  /** Sub-items written under the item in the agenda, emphasis removed. */
  children: string[];
  /** Markdown from the shared-notes section whose heading names this item. */
  notes: string;
}

export interface ImportedParticipant {
  /** The name as written, with ALL-CAPS or all-lowercase words put in display case. */
  name: string;
  status: 'present' | 'excused';
  /** What was written beside the name, e.g. "CNFPT" in "Nadia Benali (CNFPT)". */
  detail: string | null;
}

export interface ImportedAction {
  title: string;
  /** Participants' full names when the written name designates one of them, else the name as written. */
  ownerNames: string[];
  /** Ticked in a Markdown task list (`- [x]`). */
  isDone: boolean;
  /** The pad lines the action was read from, so the owner's attribution can be checked. */
  sourceLines: string[];
}

export interface ImportedVote {
  title: string;
  sections: { label: string; options: string[] }[];
}

export interface ImportedSession {
  title: string | null;
  subtitle: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  /** The line the date was read from, as written ("Réunion du 15 juin 2021"). */
  dateText: string | null;
  participants: ImportedParticipant[];
  agenda: ImportedAgendaItem[];
  synthesis: string[];
  actions: ImportedAction[];
  announcements: string[];
  votes: ImportedVote[];
  /** Markdown that belongs to no agenda item, unplaced lines included. */
  notes: string;
  /** Lines the parser could not give a meaning to; they are in `notes` too. */
  unplaced: string[];
  /** The section headings recognised, as written, in the pad's order. */
  headings: string[];
}

export function emptyImportedSession(): ImportedSession {
  return {
    title: null,
    subtitle: null,
    date: null,
    dateText: null,
    participants: [],
    agenda: [],
    synthesis: [],
    actions: [],
    announcements: [],
    votes: [],
    notes: '',
    unplaced: [],
    headings: [],
  };
}
