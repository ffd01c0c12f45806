// What the room says in the stanzas it sends, checked against the model: occupants' roles and affiliations in presences, sessions, configuration values, lists — XEP-0045 §7.2, §9.5, §10.2
import type { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import {
  applySubmittedForm,
  fieldsNamedBy,
  passwordShownWhereNone,
  reconcile,
  type Shown,
  shownByConfigForm,
  shownByDisco,
} from './config-model.js';
import { type Oracle, type Violation, violation } from './context.js';
import type { StepInput } from './inputs.js';
import { defaultRole, mayGetAffiliationList, mayGetRoleList } from './prosody-rules.js';
import {
  addSession,
  affiliationIn,
  bareOf,
  type ModelConfig,
  type ModelRoom,
  removeSession,
  roleOfSession,
} from './room-model.js';
import type { StanzaFacts } from './stanza-facts.js';

/** An input of the step that is a configuration form: what it would set, once accepted. */
export function noteSubmission(oracle: Oracle, input: StepInput): void {
  if (input.request.kind !== 'config-submit' || input.room === undefined) return;
  const room = oracle.rooms.get(input.room);
  if (!room) return;
  oracle.step.submissions.set(input.seq, {
    room: room.jid,
    sender: input.sender,
    byOwner: affiliationIn(room, input.sender) === 'owner',
    form: input.request.form,
    next: applySubmittedForm(room.config, input.request.form),
  });
}

/** A presence from room/nick: sessions (110), and the role and affiliation its item states. */
function checkPresence(
  oracle: Oracle,
  room: ModelRoom,
  nick: string,
  stanza: Element,
  facts: StanzaFacts,
  to: string,
): Violation | undefined {
  if (!facts.mucUser || stanza.attrs.type === 'error') return undefined;
  const { codes } = facts;
  const unavailable = stanza.attrs.type === 'unavailable';
  const occupant = room.occupants.get(nick);
  if (codes.has('110')) {
    if (unavailable) {
      if (occupant?.sessions.has(to) && !codes.has('303')) removeSession(room, occupant, to);
    } else if (!occupant || occupant.bare !== bareOf(to)) {
      return violation(
        'occupancy',
        `${to} got a self-presence as ${room.jid}/${nick}, where the oracle has ${occupant?.bare ?? 'nobody'}`,
      );
    } else addSession(room, occupant, to);
  }
  // Whom the presence is about: who just left that nick, or who holds it. (An unavailable
  // presence for a nick nobody left lists an absent affiliated user, by the `jid` it may show.)
  const holder = unavailable ? oracle.step.vacated.get(room.jid)?.get(nick) : occupant?.bare;
  if (!unavailable && !occupant) {
    return violation(
      'occupancy',
      `${room.jid} sent ${to} the presence of ${nick}, who is not in the room`,
    );
  }
  oracle.checks += 1;
  for (const item of facts.items) {
    const role = item.attrs.role as string | undefined;
    // An unavailable presence grants nothing: its role is not checked; its affiliation is.
    const shownRole = occupant?.role ?? 'none';
    if (!unavailable && role !== undefined && role !== shownRole) {
      return violation(
        'roles',
        `${room.jid}/${nick}'s presence to ${to} says role ${role}; the oracle has ${shownRole}`,
      );
    }
    const affiliation = item.attrs.affiliation as string | undefined;
    const shown = item.attrs.jid as string | undefined;
    const bare = shown === undefined ? holder : bareOf(shown);
    if (
      affiliation !== undefined &&
      bare !== undefined &&
      affiliation !== affiliationIn(room, bare)
    ) {
      return violation(
        'affiliations',
        `${room.jid}/${nick}'s presence to ${to} says ${bare} is ${affiliation}; by Prosody's rules it is ${affiliationIn(room, bare)}`,
      );
    }
  }
  return undefined;
}

function disagreement(room: ModelRoom, before: ModelConfig, shown: Shown): Violation {
  return violation(
    'privileges',
    `${room.jid} shows ${shown.where} = ${JSON.stringify(shown.value)}, but the last configuration its owners submitted says ${JSON.stringify(before[shown.field])}: it changed without an owner's accepted form (§10.2)`,
  );
}

function checkShown(room: ModelRoom, shown: readonly Shown[]): Violation | undefined {
  const before = { ...room.config };
  const differs = reconcile(room.config, shown);
  return differs ? disagreement(room, before, differs) : undefined;
}

/** An iq result or error from the room to the sender of the input it answers. */
function checkAnswer(
  oracle: Oracle,
  room: ModelRoom,
  stanza: Element,
  facts: StanzaFacts,
  input: StepInput,
): Violation | undefined {
  const submission = oracle.step.submissions.get(input.seq);
  if (submission) {
    if (stanza.attrs.type === 'result') {
      if (!submission.byOwner)
        return violation(
          'privileges',
          `${room.jid} accepted the configuration form of ${input.sender}, who is not an owner (§10.2)`,
        );
      room.config = submission.next;
    } else if (submission.byOwner && submission.form.attrs.type === 'submit') {
      // A form refused part-way may have set some of its fields: they are unknown until shown.
      for (const field of fieldsNamedBy(submission.form)) room.config[field] = undefined;
    }
    return undefined;
  }
  if (stanza.attrs.type !== 'result') return undefined;
  const query = facts.payload;
  if (!query) return undefined;
  if (query.attrs.xmlns === NS.discoInfo && query.attrs.node === undefined) {
    if (passwordShownWhereNone(room.config, query)) {
      return disagreement(room, room.config, {
        field: 'password',
        value: '(a password)',
        where: 'disco#info feature muc_passwordprotected',
      });
    }
    return checkShown(room, shownByDisco(query));
  }
  if (query.attrs.xmlns === NS.mucOwner && input.request.kind === 'config-get') {
    return checkShown(room, shownByConfigForm(query));
  }
  if (query.attrs.xmlns === NS.mucAdmin && input.request.kind === 'admin-get') {
    return listRefusal(room, input);
  }
  return undefined;
}

/** §9.5, §8.5 and Prosody's handle_admin_query_get_command: who may read which list. */
function listRefusal(room: ModelRoom, input: StepInput): Violation | undefined {
  if (input.request.kind !== 'admin-get') return undefined;
  const item = input.request.item;
  const requester = affiliationIn(room, input.sender);
  const allowed =
    item?.affiliation !== undefined
      ? mayGetAffiliationList(requester, item.affiliation, room.config)
      : mayGetRoleList(
          room.nickBySession.has(input.sender)
            ? roleOfSession(room, input.sender)
            : defaultRole(requester, room.config),
        );
  if (allowed !== false) return undefined;
  const what =
    item?.affiliation !== undefined
      ? `the ${item.affiliation} list`
      : `the ${item?.role ?? '?'} list`;
  return violation('privileges', `${input.sender} (${requester}) was given ${what} of ${room.jid}`);
}

/** A configuration-change notice (104, 170–174) follows only an owner's accepted form. */
function checkNotice(
  oracle: Oracle,
  room: ModelRoom,
  stanza: Element,
  facts: StanzaFacts,
): Violation | undefined {
  if (stanza.attrs.type !== 'groupchat' || !facts.mucUser || facts.hasBody) return undefined;
  const { codes } = facts;
  if (!['104', '170', '171', '172', '173', '174'].some((code) => codes.has(code))) return undefined;
  const accepted = [...oracle.step.submissions.values()].some(
    (submission) => submission.room === room.jid && submission.byOwner,
  );
  if (!accepted)
    return violation(
      'privileges',
      `${room.jid} announced a configuration change (${[...codes].join(' ')}) that no owner submitted`,
    );
  if (codes.has('172') && room.config.whois === 'moderators')
    return disagreement(room, room.config, {
      field: 'whois',
      value: 'anyone',
      where: 'status code 172',
    });
  if (codes.has('173') && room.config.whois === 'anyone')
    return disagreement(room, room.config, {
      field: 'whois',
      value: 'moderators',
      where: 'status code 173',
    });
  return undefined;
}

/** Everything a stanza from a room tells about it, checked and learnt. */
export function observe(
  oracle: Oracle,
  room: ModelRoom,
  nick: string | undefined,
  stanza: Element,
  facts: StanzaFacts,
  to: string,
  input: StepInput | undefined,
): Violation | undefined {
  if (stanza.name === 'presence' && nick !== undefined)
    return checkPresence(oracle, room, nick, stanza, facts, to);
  if (
    stanza.name === 'iq' &&
    nick === undefined &&
    input &&
    to === input.sender &&
    stanza.attrs.id === input.stanza.attrs.id
  ) {
    return checkAnswer(oracle, room, stanza, facts, input);
  }
  if (stanza.name === 'message' && nick === undefined)
    return checkNotice(oracle, room, stanza, facts);
  return undefined;
}
