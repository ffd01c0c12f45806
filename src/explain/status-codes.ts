// Lessons for every registered muc#user status code, on top of the model's STATUS_CODES — XEP-0045 §12 and the §16.6.2 registry
import { STATUS_CODES } from '../muc/model/status-codes.js';
import { formatExamples } from './sections.js';
import type { Explanation, Note } from './types.js';
import { STATUS_CODE_EXAMPLES } from './xep-sections.js';

interface StatusNote extends Note {
  /** Sections besides the one STATUS_CODES names. */
  alsoIn?: readonly string[];
  /** Registered codes that the XEP shows in no example: examples of the surrounding exchange. */
  relatedExamples?: readonly number[];
}

const NOTES: Record<string, StatusNote> = {
  '100': {
    text: 'Sent to you when you enter a non-anonymous room: every occupant, not only the moderators, will see your real full JID in the <item jid=…> of your presence. Clients are expected to warn the user. It appears in your own presence, next to 110.',
    prosody:
      'Prosody adds 100 to the self-presence on join when the room is configured with whois=anyone.',
    alsoIn: ['§14.5'],
    seeAlso: ['172', '§7.2.3', '§7.2.4'],
  },
  '101': {
    text: 'Your affiliation changed while you were not in the room. A service may tell you with a message sent from the room to your bare JID; that courtesy message carries 101.',
    prosody:
      'Prosody never sends 101. When the affected user is absent it sends a <message from=room> carrying the new <item> to the occupants who may see real JIDs instead.',
    seeAlso: ['§9.3', '§10.3'],
  },
  '102': {
    text: 'A configuration-change notice: from now on the room shows the presence of members who are not currently in it (unavailable members).',
    prosody:
      'Prosody can broadcast absent affiliated members (presence broadcast including "none") but never sends 102.',
    alsoIn: ['§16.6.2'],
    seeAlso: ['103', '104', '§10.2.1'],
  },
  '103': {
    text: 'A configuration-change notice: the room stopped showing members who are not in it.',
    prosody: 'Prosody never sends 103.',
    alsoIn: ['§16.6.2'],
    seeAlso: ['102', '104', '§10.2.1'],
  },
  '104': {
    text: 'The owner changed a room setting that has nothing to do with privacy (name, moderation, members-only, …). The room sends a groupchat message from its bare JID whose only content is this code, so clients can fetch the new configuration. Privacy changes use 170–173 instead.',
    prosody:
      'Prosody sends the 104 message to every occupant after the iq result, and only if some field really changed; an instant-room submit that keeps the defaults sends nothing. When whois changes it sends 172 or 173, plus 104 if another field changed too.',
    alsoIn: ['§16.6.2'],
    relatedExamples: [171],
    seeAlso: ['§10.2', '172', '173'],
  },
  '110': {
    text: 'This presence is about you. The room sends everyone the same kind of presence for an occupant; your own copy carries 110 so your client can tell "me" from "someone with the same nick". You get it on joining, on every change of your own role or affiliation, on a nick change, and when you leave or are removed.',
    prosody:
      'Prosody puts 110 last inside <x>, after the other codes and the <item>. Unlike XEP Example 202 it also adds 110 (and your real affiliation) to the presence that announces the room was destroyed.',
    alsoIn: ['§7.6', '§7.14', '§17.3'],
    seeAlso: ['§7.2.2', '§7.1'],
  },
  '170': {
    text: 'The room is now logged publicly (or, in the join presence, it is logged): what you say may be archived where others can read it. It is a privacy-related code, so it is sent instead of 104.',
    prosody:
      'Prosody never puts 170 in the join presence. With mod_muc_mam it sends 170 as a configuration-change message when message archiving is switched on: archiving, not public logging.',
    alsoIn: ['§10.2.1'],
    seeAlso: ['171', '§7.2.12'],
  },
  '171': {
    text: 'The room is no longer logged: a privacy-related configuration change.',
    prosody: 'Prosody sends 171 only when mod_muc_mam archiving is switched off (see 170).',
    alsoIn: ['§16.6.2'],
    relatedExamples: [171],
    seeAlso: ['170', '§10.2.1'],
  },
  '172': {
    text: "The room became non-anonymous: from now on every occupant can see every other occupant's real JID. Clients should warn their users, because a setting they agreed to when joining just changed under them.",
    prosody:
      'Prosody sends 172 when muc#roomconfig_whois is set to anyone, in the same message as 104 if another field changed.',
    alsoIn: ['§14.5', '§16.6.2'],
    relatedExamples: [171],
    seeAlso: ['173', '100', '§10.2.1'],
  },
  '173': {
    text: 'The room became semi-anonymous: only moderators can see real JIDs again.',
    prosody: 'Prosody sends 173 when muc#roomconfig_whois is set back to moderators.',
    alsoIn: ['§16.6.2'],
    relatedExamples: [171],
    seeAlso: ['172', '§10.2.1'],
  },
  '201': {
    text: 'Your presence created a new room and you are its owner. Until you configure it the room is locked: nobody else can enter. Either accept the defaults (an empty submitted form makes an instant room) or fetch the configuration form and submit it (a reserved room).',
    prosody:
      'Prosody sends 201 before the <item> and 110 last, then an empty subject from the room. The room stays locked until the owner submits a form (or 5 minutes pass).',
    alsoIn: ['§10.1.2', '§10.1.3'],
    seeAlso: ['§10.1', '§7.2.10', 'item-not-found'],
  },
  '210': {
    text: 'The service did not keep the nickname you asked for: it assigned or changed it (for example to your registered nick, or a normalised form). Look at the from of your self-presence to learn your real nick.',
    prosody:
      'Prosody sends 210 only when the room enforces registered nicknames and rewrites yours.',
    alsoIn: ['§7.6', '§7.10'],
    seeAlso: ['§7.12', '110'],
  },
  '301': {
    text: 'The occupant was banned: an admin or owner made their bare JID an outcast. They get an unavailable presence with affiliation outcast, role none and 301 (with the actor and reason when given), everyone else gets the same news, and they cannot come back until the ban is lifted.',
    prosody:
      "Prosody sends all the presences first and the iq result last; the XEP puts the result between the banned user's copy and the others'.",
    alsoIn: ['§9.2'],
    seeAlso: ['§9.1', 'outcast', 'forbidden'],
  },
  '303': {
    text: 'The occupant changed nickname. The room announces it as a leave under the old nick (type unavailable, 303, and nick=… on the <item> giving the new one) followed at once by an ordinary presence from the new nick. Clients use 303 to rename instead of showing a leave and a join.',
    prosody: "Prosody sends both presences to everybody, with 110 in the changer's own copies.",
    seeAlso: ['§7.6', '210', 'conflict'],
  },
  '307': {
    text: 'The occupant was kicked: a moderator set their role to none. It is a removal for this visit only; unlike a ban, they may enter again. The presence is unavailable with role none and 307, with the <actor> and <reason> when given.',
    prosody:
      'Prosody informs the remaining occupants first, the kicked user last (with 110), then sends the iq result; the XEP puts the kicked user first. Prosody also kicks with 307 someone squatting a nick that an admin has just reserved ("This nickname is reserved").',
    alsoIn: ['§7.2.18'],
    seeAlso: ['§8.2', '333', 'not-allowed'],
  },
  '321': {
    text: 'The occupant was removed because their affiliation changed: typically a members-only room revoked their membership, or they deregistered. Outside members-only rooms losing membership does not remove anybody.',
    prosody:
      "Prosody sends a single unavailable presence with 321 (and an <actor> when an admin did it; the removed user's own copy has 110). Deregistering from a members-only room gives the same 321.",
    alsoIn: ['§9.5'],
    seeAlso: ['§9.4', '322', '§7.2.6'],
  },
  '322': {
    text: 'The occupant was removed because the owner switched the room to members-only and they are not a member. Every occupant should see the same 322 presence.',
    prosody:
      'Prosody removes non-members while it processes the form, before the iq result and the 104 message. Only the removed user gets the 322 presence, not the remaining occupants (the notify-322 extra of mucsim tells them too).',
    alsoIn: ['§16.6.2'],
    seeAlso: ['321', '§10.2', '§7.2.6'],
  },
  '332': {
    text: 'Everyone is being removed because the MUC service is shutting down. Clients may try to rejoin later.',
    prosody:
      'Prosody never sends 332: it saves occupants at shutdown and restores them after a restart.',
    seeAlso: ['§11.2', '333'],
  },
  '333': {
    text: 'The occupant was removed because their client (or their server) answered the room with an error: the room treats them as a ghost who is no longer really there. Since XEP-0045 1.33 a service should not combine it with 307.',
    prosody:
      'Prosody removes the occupant with 333 when it gets an error that means "gone" (service-unavailable, remote-server-not-found, …) and puts a <status> text such as "Kicked: service unavailable" in the presence.',
    alsoIn: ['§7.2.18', '§18.1.2'],
    seeAlso: ['§11.1', '307', 'gone'],
  },
};

function aliasesOf(code: string, short: string): string[] {
  return [`status ${code}`, `code ${code}`, `status code ${code}`, short];
}

export function statusExplanations(): Explanation[] {
  return [...STATUS_CODES.values()].map((info) => {
    const note = NOTES[info.code];
    if (!note) throw new Error(`no lesson for status code ${info.code}`);
    const own = STATUS_CODE_EXAMPLES[info.code];
    const shown = own ?? note.relatedExamples ?? [];
    const text =
      own === undefined && shown.length > 0
        ? `${note.text} No XEP example carries ${info.code}; ${formatExamples(shown)} shows the same kind of stanza with another code.`
        : note.text;
    return {
      kind: 'status',
      topic: info.code,
      title: `Status ${info.code}: ${info.short}`,
      summary: `${info.code} ${info.short} (${info.section}): ${info.meaning}`,
      text,
      sections: [info.section, ...(note.alsoIn ?? [])],
      examples: [...shown],
      prosody: note.prosody,
      seeAlso: note.seeAlso ?? [],
      aliases: aliasesOf(info.code, info.short),
    };
  });
}
