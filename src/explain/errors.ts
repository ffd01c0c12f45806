// Lessons for the stanza error conditions a MUC answers with, and where Prosody picks another one — XEP-0045 §7.2.17, §17, and the error cases of §6–§10
import type { Explanation, Note } from './types.js';
import { ERROR_CONDITION_EXAMPLES } from './xep-sections.js';

interface ErrorNote extends Note {
  /** The error type(s) the XEP's examples use (RFC 6120 §8.3.2): what the sender should do next. */
  type: string;
  summary: string;
  sections: readonly string[];
  /** Examples beyond those generated from the XEP (none for conditions the XEP never shows). */
  examples?: readonly number[];
}

export const ERROR_CONDITIONS = [
  'bad-request',
  'conflict',
  'feature-not-implemented',
  'forbidden',
  'item-not-found',
  'jid-malformed',
  'not-acceptable',
  'not-allowed',
  'not-authorized',
  'registration-required',
  'service-unavailable',
  'gone',
  'policy-violation',
  'internal-server-error',
] as const;
export type ErrorCondition = (typeof ERROR_CONDITIONS)[number];

const NOTES: Record<ErrorCondition, ErrorNote> = {
  'bad-request': {
    type: 'modify',
    summary: 'the request itself is malformed: fix it and send again',
    sections: ['§7.5', '§7.10', '§17.4', '§17.2', '§6.6'],
    text: 'The room understood what you were trying to do, but the stanza is wrong. In MUC that means: a private message sent with type groupchat (§7.5), a registration form that is missing fields or invalid (§7.10), a muc#admin <item> that sets both a role and an affiliation at once (§17.4: send one or the other), or a message to the room with the wrong type (§17.2, optional). The XEP also uses it for a disco query to an occupant JID from someone who is not in the room (§6.6).',
    prosody:
      'Prosody answers bad-request for an admin item with both role and affiliation (or neither), and for a room configuration that is not a submitted form. For a query to an occupant from a non-occupant it answers not-acceptable, not bad-request.',
    seeAlso: ['not-acceptable', '§17.4'],
  },
  conflict: {
    type: 'cancel',
    summary:
      "the request clashes with the room's current state (a nick in use, the last owner, yourself)",
    sections: ['§7.2.8', '§7.6', '§7.10', '§7.12', '§8.2', '§9.1', '§10.4'],
    text: 'What you asked for collides with something that already exists. Most often: the nickname is already used, or reserved, by another user (joining §7.2.8, changing nick §7.6, registering §7.10). It is also the answer when you act against yourself in a way the room cannot allow: banning yourself (§9.1, required), kicking yourself (§8.2, optional), or the last owner giving up ownership, which would leave the room without an owner (§10.4, §10.5).',
    prosody:
      'Prosody lets one user enter the same nick from several resources (one occupant, many sessions) and only refuses a different bare JID. The last owner lowering their own affiliation gets conflict; an owner who has co-owners may ban themself, and an admin banning themself gets not-allowed instead. Owners and admins who are moderators may kick themselves.',
    seeAlso: ['§7.2.8', '§7.6', 'not-allowed'],
  },
  'feature-not-implemented': {
    type: 'cancel',
    summary: 'the room does not support this optional feature',
    sections: ['§7.12', '§18.1.1'],
    text: 'The room does not implement the optional feature you used. XEP-0045 names two: asking for your reserved nickname with the x-roomuser-item disco node (§7.12), and asking which kinds of traffic the room allows (§18.1.1).',
    prosody:
      'Prosody supports x-roomuser-item, so it never answers feature-not-implemented there (ejabberd answers item-not-found).',
    seeAlso: ['§7.12'],
  },
  forbidden: {
    type: 'auth',
    summary:
      'you are not allowed to do this (a banned user, a visitor talking, a non-owner configuring)',
    sections: ['§7.2.7', '§7.4', '§8.1', '§9.5', '§10.2', '§10.9', '§17.2'],
    text: 'You lack the privilege. Typical cases: an outcast trying to enter (§7.2.7), a visitor sending a message to everyone in a moderated room (§7.4), changing the subject without permission (§8.1), a mere member inviting people into a members-only room (§9.5), someone who is not an owner asking for the configuration form, an owner or admin list, or destroying the room (§10.2, §10.5, §10.8, §10.9). The preambles of §8, §9 and §10 say that any moderator, admin or owner action attempted without the right affiliation or role gets forbidden. A role of none (not in the room) sending to the room is also forbidden (§17.2).',
    prosody:
      "Prosody answers not-allowed, not forbidden, when someone without the right changes a role or an affiliation (kick, voice, ban, membership): the XEP's preamble says forbidden. List requests and owner actions do get forbidden. An outcast trying to enter a members-only room gets registration-required, because the members-only check runs before the ban check.",
    seeAlso: ['not-allowed', 'registration-required', 'outcast', 'visitor'],
  },
  'item-not-found': {
    type: 'cancel',
    summary: 'there is no such room (yet), occupant or user',
    sections: ['§7.2.10', '§7.5', '§7.8.2', '§7.10', '§17.2'],
    text: 'The thing you addressed does not exist from your point of view. The classic MUC case is a room that was just created and is still locked: for everyone but its owner it does not exist yet, until the owner configures it (§7.2.10). It is also the answer to a message or registration request for a room that does not exist (§7.10, §17.2), a private message to a nick nobody uses (§7.5), and an invitation to a JID that does not exist (§7.8.2).',
    prosody:
      "Prosody also answers item-not-found when a presence without <x xmlns='http://jabber.org/protocol/muc'/> is sent to a room that does not exist (it only creates rooms for MUC-aware joins), and when someone who is not in the room sends it a presence update (the XEP recommends kicking with 110+307+333 there, §7.2.18). The lock lifts by itself after 5 minutes.",
    seeAlso: ['§7.2.10', '201', '§10.1'],
  },
  'jid-malformed': {
    type: 'modify',
    summary: 'the address is wrong: usually a join without a nickname',
    sections: ['§7.2.1', '§17.1'],
    text: 'The JID you used is not acceptable. In MUC it is the answer to a join presence sent to room@service without a nickname as resource (§7.2.1): you enter a room as room@service/nick. Nicknames must also be valid resourceprep strings (§17.1).',
    prosody:
      'Prosody refuses a nickname that fails strict validation (for example unassigned code points or a variation selector) with jid-malformed and the text "Nickname must pass strict validation", before any other join check. For a join without a nick (a presence to the bare room JID) it answers service-unavailable: its MUC has no handler for it. An invitation to an address that is not a JID gets jid-malformed.',
    seeAlso: ['§7.2.1', '§17.1'],
  },
  'not-acceptable': {
    type: 'cancel or modify',
    summary:
      "refused by the room's policy: a locked-down nick, a non-occupant talking, an unacceptable configuration",
    sections: ['§7.2.17', '§7.4', '§7.5', '§7.6', '§7.12', '§10.1.3'],
    text: 'The room will not accept this as it stands. The XEP uses it when the room insists on your reserved nickname or does not let you change nicks (§7.6, §7.12), when someone who is not in the room sends a message to everyone or a private message (§7.4, §7.5), and when an owner submits a configuration the service does not accept, for example an empty password for a password-protected room (§10.1.3).',
    prosody:
      'Prosody also answers not-acceptable to a presence probe or an IQ to an occupant from someone who is not in the room (§6.6 says bad-request). A nick with no visible character gets not-allowed instead, and an invalid nick in a registration form bad-request ("Invalid Nickname").',
    seeAlso: ['bad-request', '§7.4', '§7.12'],
  },
  'not-allowed': {
    type: 'cancel',
    summary: 'the room refuses this action (creating rooms, acting on a higher affiliation)',
    sections: [
      '§7.2.11',
      '§7.10',
      '§8.2',
      '§8.4',
      '§8.5',
      '§9.1',
      '§9.2',
      '§9.7',
      '§9.8',
      '§10.1.1',
    ],
    text: 'The action is not permitted here, whoever you are. The XEP uses it when the service restricts who may create rooms (§7.2.11, §10.1.1), when registration is closed (§7.10), and when a moderator or admin tries to kick, silence or ban someone whose affiliation is higher than their own, or to take moderation away from an admin or owner, one at a time or by editing the voice, ban or moderator list (§8.2, §8.4, §8.5, §9.1, §9.2, §9.7, §9.8).',
    prosody:
      "Prosody uses not-allowed for every refused role or affiliation change, including those from people who are not moderators or admins at all, where the XEP's preambles say forbidden. When an unaffiliated user tries to register it answers registration-required instead of not-allowed.",
    seeAlso: ['forbidden', '§5.1.3', '§5.2.2'],
  },
  'not-authorized': {
    type: 'auth',
    summary: 'you did not prove you may enter: a missing or wrong room password',
    sections: ['§7.2.5', '§10.4'],
    text: "The room needs credentials you did not give. In MUC that is the password of a password-protected room, sent as <password/> inside the <x xmlns='http://jabber.org/protocol/muc'> of the join presence (§7.2.5); without it, or with a wrong one, you stay outside. The XEP also mentions it for an owner who may not demote another owner (§10.4).",
    prosody:
      'Prosody has no bypass: even an owner must send the password to re-enter (ejabberd lets owners in).',
    seeAlso: ['§7.2.5'],
  },
  'registration-required': {
    type: 'auth',
    summary: 'members only: you are not on the member list',
    sections: ['§7.2.6'],
    text: 'The room is members-only and your bare JID is not a member (nor admin or owner), so you may not enter (§7.2.6). Ask an admin to add you to the member list, or register with the room if it allows that (§7.10).',
    prosody:
      'Prosody also answers registration-required when an unaffiliated user tries to register with a room that only lets affiliated users register (the XEP says not-allowed), and when an outcast tries to enter a members-only room (the XEP says forbidden): its members-only check comes before its ban check.',
    seeAlso: ['§7.2.6', 'member', '§7.10', '321'],
  },
  'service-unavailable': {
    type: 'wait or cancel',
    summary: 'the room cannot serve this now: full, or the feature is not offered',
    sections: ['§7.2.9', '§7.10', '§18.1.1'],
    text: 'The room cannot do what you ask. XEP-0045 uses it when the room is full because its occupant limit is met (§7.2.9, type wait: try later; admins and owners should still get in), when the room does not support registration (§7.10), and when a room that filters no traffic is asked for its allowed traffic (§18.1.1). In XMPP in general it is also the answer to any request nobody handles.',
    prosody:
      'Core Prosody has no occupant limit, so it never refuses for a full room. Stanzas its room does not handle (an unknown IQ, a presence to the bare room JID, a chat message to the room) get service-unavailable from the server.',
    seeAlso: ['§7.2.9'],
  },
  gone: {
    type: 'cancel',
    summary: 'the room was destroyed and no longer exists here (maybe it moved)',
    sections: ['§10.9', '§18.1.2'],
    text: 'XEP-0045 does not make a room answer gone, but the condition matters in two places. A client that answers the room with gone is treated as a ghost and may be removed with status 333 (§18.1.2). And a destroyed room can leave a forwarding address: the <destroy jid=…> of §10.9 names an alternate venue.',
    prosody:
      'When a persistent room is destroyed, Prosody keeps a tombstone: for 31 days, anyone trying to use the room gets gone, with xmpp:new-room@service?join as the new address when the owner gave an alternate venue.',
    seeAlso: ['§10.9', '333', '§18.1.2'],
  },
  'policy-violation': {
    type: 'cancel',
    summary: "refused by local policy: Prosody's answer to a blocked private message",
    sections: ['§7.5'],
    text: "XEP-0045 defines no error for a private message that the room's configuration forbids (muc#roomconfig_allowpm limits who may send them, §7.5). Servers had to choose one.",
    prosody:
      'Prosody answers policy-violation, with a text such as "Private messages are restricted to moderators", when the sender\'s role may not send private messages; ejabberd answers forbidden.',
    seeAlso: ['§7.5', 'forbidden'],
  },
  'internal-server-error': {
    type: 'cancel',
    summary: 'the server failed while handling the stanza (a bug, not your fault)',
    sections: ['§18.1.2'],
    text: 'Something broke inside the server. It is not a MUC answer the XEP prescribes; when a client returns it to the room, the room may treat that client as a ghost (§18.1.2) and remove it with 333.',
    prosody:
      'Prosody counts internal-server-error among the errors that remove an occupant (status 333). In mucsim, the simulated world answers internal-server-error when the MUC core throws, and puts the stack in the trace: please report it.',
    seeAlso: ['333', '§18.1.2'],
  },
};

export function errorExplanations(): Explanation[] {
  return ERROR_CONDITIONS.map((condition) => {
    const note = NOTES[condition];
    return {
      kind: 'error',
      topic: condition,
      title: `Error <${condition}/> (type ${note.type})`,
      summary: `${condition}: ${note.summary}`,
      text: note.text,
      sections: note.sections,
      examples: [...(ERROR_CONDITION_EXAMPLES[condition] ?? note.examples ?? [])],
      prosody: note.prosody,
      seeAlso: note.seeAlso ?? [],
      aliases: [`<${condition}/>`, `error ${condition}`, condition.replace(/-/g, ' ')],
    };
  });
}
