// The parts of the core as the trace names them (each outgoing stanza's `by`), with where XEP-0045 describes them: the flows every room has, beside the plugins of features/ (§7.2, §7.5, §10.9, §11.1, §17.3)

/** A part of the core that decides what a room sends, named as the trace's `by` and verdicts name it. */
export interface CorePart {
  name: string;
  section: string;
}

export const CORE_PARTS: readonly CorePart[] = [
  { name: 'disco', section: '§6.4' },
  { name: 'enter', section: '§7.2' },
  { name: 'private-messages', section: '§7.5' },
  { name: 'config', section: '§10.2' },
  { name: 'destroy', section: '§10.9' },
  { name: 'kickable', section: '§11.1' },
  { name: 'presence-probe', section: '§17.3' },
];
