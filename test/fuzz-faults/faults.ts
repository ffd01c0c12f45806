// Bugs written into a copy of the MUC core, one per invariant the fuzzer checks: each must be reported — XEP-0045 §5 (rights), §7.2 (entry, anonymity), §10.2 (configuration), §17
import type { InvariantName } from '../../src/fuzz/index.js';
import type { Fault } from './core-copy.js';

export interface InjectedFault extends Fault {
  /** What the bug is, as a sentence. */
  what: string;
  /**
   * The invariants that may report it: a configuration changed in place shows wherever the
   * room acts on it first (who enters with which role, who sees real JIDs, what disco says).
   */
  invariants: readonly InvariantName[];
}

export const FAULTS: readonly InjectedFault[] = [
  {
    name: 'bare-domain',
    what: "a domain's member, admin or owner record applies to every user of that domain",
    // Whoever it lifts acts beyond its rights, is shown with an affiliation it should not have,
    // or enters a members-only room.
    invariants: ['privileges', 'affiliations', 'occupancy'],
    edits: [
      {
        file: 'muc/room.ts',
        find: `    return this.state.affiliations.get(domainOf(jid))?.affiliation === 'outcast'
      ? 'outcast'
      : 'none';`,
        replace: "    return this.state.affiliations.get(domainOf(jid))?.affiliation ?? 'none';",
      },
    ],
  },
  {
    name: 'unchecked-actor',
    what: "an affiliation change is made, and reported, in the name of the room's first owner instead of its sender",
    invariants: ['privileges'],
    edits: [
      {
        file: 'muc/features/admin.ts',
        find: '  const actor = stanza.attrs.from;\n  changes.push({',
        replace:
          "  const actor = [...room.state.affiliations].find(([, record]) => record.affiliation === 'owner')?.[0] ?? stanza.attrs.from;\n  changes.push({",
      },
    ],
  },
  {
    name: 'config-in-place',
    what: "a non-owner's configuration form is applied to the room's configuration in place, then refused",
    invariants: ['privileges', 'roles', 'anonymity', 'occupancy', 'affiliations'],
    edits: [
      {
        file: 'muc/core/owner.ts',
        find: `function ownerSet(context: CoreIqContext): IqAnswer | undefined {
  const { room, out, stanza, payload } = context;
  if (room.affiliationOf(stanza.attrs.from) !== 'owner') return { reply: ONLY_OWNERS };`,
        replace: `function ownerSet(context: CoreIqContext): IqAnswer | undefined {
  const { room, out, stanza, payload } = context;
  if (room.affiliationOf(stanza.attrs.from) !== 'owner') {
    const form = findForm(payload);
    if (form?.attrs.type === 'submit') {
      const fields = layout(room);
      const submitted = readFormData(fields.map(({ field }) => field), form);
      for (const field of fields) {
        const name = field.field.var;
        if (name !== undefined && submitted.values.has(name)) field.write(room.state.config, submitted.values.get(name));
      }
    }
    return { reply: ONLY_OWNERS };
  }`,
      },
    ],
  },
  {
    name: 'jids-to-all',
    what: 'every occupant is shown the real JIDs in a semi-anonymous room',
    invariants: ['anonymity'],
    edits: [
      {
        file: 'muc/room.ts',
        find: "    return this.config.whois === 'anyone' || viewer?.role === 'moderator';",
        replace: '    return viewer !== undefined;',
      },
    ],
  },
  {
    name: 'outcasts-enter',
    what: 'outcasts are let in',
    invariants: ['occupancy'],
    edits: [
      {
        file: 'muc/features/banned.ts',
        find: "        affiliation === 'outcast'\n          ? { veto",
        replace: "        affiliation === 'king'\n          ? { veto",
      },
    ],
  },
  {
    name: 'voice-is-moderation',
    what: 'granting voice makes a moderator',
    invariants: ['roles'],
    edits: [
      {
        file: 'muc/core/room-changes.ts',
        find: '  room.changeRole(out, occupant, role, codes, by);\n  publiciseOccupantStatus(',
        replace:
          "  room.changeRole(out, occupant, role === 'participant' ? 'moderator' : role, codes, by);\n  publiciseOccupantStatus(",
      },
    ],
  },
  {
    name: 'double-disco',
    what: 'a room answers disco#info twice',
    invariants: ['request-reply'],
    edits: [
      {
        file: 'muc/core/disco.ts',
        find: "  if (node === undefined || node === '') return { reply: roomInfo(room, out, stanza) };",
        replace:
          "  if (node === undefined || node === '') {\n    out.send(roomInfo(room, out, stanza), 'disco');\n    return { reply: roomInfo(room, out, stanza) };\n  }",
      },
    ],
  },
  {
    name: 'stale-recipients',
    what: "a session that leaves its occupant stays on the room's broadcast list",
    invariants: ['delivery'],
    edits: [
      {
        file: 'muc/room.ts',
        find: '  removeSession(occupant: Occupant, realJid: string): boolean {\n    this.recipientList = undefined;',
        replace: '  removeSession(occupant: Occupant, realJid: string): boolean {',
      },
    ],
  },
  {
    name: 'crash',
    what: 'the service throws on a greeting',
    invariants: ['no-crash'],
    edits: [
      {
        file: 'muc/core/publicise.ts',
        find: '  out.sendCopies(message, room.recipients(), by);',
        replace:
          "  if (message.getChildText('body') === 'Hi all') throw new Error('boom');\n  out.sendCopies(message, room.recipients(), by);",
      },
    ],
  },
];
