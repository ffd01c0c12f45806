// What a client's stanza asks the MUC service for, read once per step from the trace's input entry — the requests of XEP-0045 §7–§10 as the oracle understands them
import type { Element } from 'ltx';
import type { Affiliation } from '../../muc/model/affiliation.js';
import type { Role } from '../../muc/model/role.js';
import { prepJid, resourceOf } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { firstChild, firstElement } from '../../xmpp/xml.js';
import type { Addresses, Target } from './addresses.js';
import { isAffiliationName, isRoleName } from './prosody-rules.js';

export const DESTROY_NODE = 'http://prosody.im/protocol/muc#destroy';

/** A muc#admin item: at most one is read (Prosody reads the first). */
export interface AdminItem {
  /** Prepared bare JID, or undefined (absent or invalid). */
  jid: string | undefined;
  nick: string | undefined;
  role: Role | undefined;
  affiliation: Affiliation | undefined;
  /** Raw values, for items that name something unknown. */
  rawRole: string | undefined;
  rawAffiliation: string | undefined;
}

export type Request =
  | { kind: 'presence'; type: string | undefined; password: string | undefined; hasMucX: boolean }
  | { kind: 'admin-set'; item: AdminItem | undefined }
  | { kind: 'admin-get'; item: AdminItem | undefined }
  | { kind: 'config-submit'; form: Element; formType: string | undefined }
  | { kind: 'config-get' }
  | { kind: 'destroy' }
  | { kind: 'register'; remove: boolean }
  | { kind: 'invite'; to: string | undefined }
  | { kind: 'decline'; to: string | undefined }
  | { kind: 'voice-form'; fields: Map<string, string[]> }
  | { kind: 'service-destroy'; rooms: string[] }
  | { kind: 'other' };

/** One input of the step, with its address read once. */
export interface StepInput extends Target {
  seq: number;
  sender: string;
  origin: 'client' | 'server';
  stanza: Element;
  request: Request;
}

/** prepJid, for an address that may be absent (prepJid remembers the cast's few addresses). */
export function prep(jid: string | undefined): string | undefined {
  return jid === undefined ? undefined : prepJid(jid);
}

function formFields(form: Element): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const field of form.getChildren('field')) {
    const name = field.attrs.var;
    if (typeof name !== 'string') continue;
    fields.set(
      name,
      field.getChildren('value').map((value) => value.getText()),
    );
  }
  return fields;
}

function adminItem(query: Element): AdminItem | undefined {
  const item = firstElement(query);
  if (item?.name !== 'item') return undefined;
  const rawJid = item.attrs.jid as string | undefined;
  const jid = rawJid === undefined ? undefined : prep(rawJid);
  const rawRole = item.attrs.role as string | undefined;
  const rawAffiliation = item.attrs.affiliation as string | undefined;
  return {
    jid: jid !== undefined && resourceOf(jid) === undefined ? jid : undefined,
    nick: item.attrs.nick as string | undefined,
    role: isRoleName(rawRole) ? rawRole : undefined,
    affiliation: isAffiliationName(rawAffiliation) ? rawAffiliation : undefined,
    rawRole,
    rawAffiliation,
  };
}

function iqRequest(stanza: Element): Request {
  const type = stanza.attrs.type;
  const payload = firstElement(stanza);
  if (!payload || (type !== 'get' && type !== 'set')) return { kind: 'other' };
  const ns = payload.attrs.xmlns;
  if (ns === NS.mucAdmin && payload.name === 'query') {
    return { kind: type === 'set' ? 'admin-set' : 'admin-get', item: adminItem(payload) };
  }
  if (ns === NS.mucOwner && payload.name === 'query') {
    if (type === 'get') return { kind: 'config-get' };
    const child = firstElement(payload);
    if (child?.name === 'destroy') return { kind: 'destroy' };
    if (child?.name === 'x' && child.attrs.xmlns === NS.dataForms) {
      const formType = child.attrs.type as string | undefined;
      return { kind: 'config-submit', form: child, formType };
    }
    return { kind: 'other' };
  }
  if (ns === NS.register && payload.name === 'query' && type === 'set') {
    return { kind: 'register', remove: payload.getChild('remove') !== undefined };
  }
  if (ns === NS.commands && payload.attrs.node === DESTROY_NODE && type === 'set') {
    const form = payload.getChild('x', NS.dataForms);
    const rooms = form ? (formFields(form).get('rooms') ?? []) : [];
    return { kind: 'service-destroy', rooms: rooms.map((room) => prep(room) ?? room) };
  }
  return { kind: 'other' };
}

function messageRequest(stanza: Element): Request {
  const x = firstChild(stanza, 'x', NS.mucUser);
  const invite = x && firstChild(x, 'invite');
  if (invite) return { kind: 'invite', to: prep(invite.attrs.to as string | undefined) };
  const decline = x && firstChild(x, 'decline');
  if (decline) return { kind: 'decline', to: prep(decline.attrs.to as string | undefined) };
  const form = firstChild(stanza, 'x', NS.dataForms);
  if (form) {
    const fields = formFields(form);
    if (fields.get('FORM_TYPE')?.[0] === NS.mucRequest) return { kind: 'voice-form', fields };
  }
  return { kind: 'other' };
}

function request(stanza: Element): Request {
  switch (stanza.name) {
    case 'presence': {
      const x = firstChild(stanza, 'x', NS.muc);
      const password = x?.getChildText('password') ?? undefined;
      return {
        kind: 'presence',
        type: stanza.attrs.type as string | undefined,
        password: password === null || password === '' ? undefined : password,
        hasMucX: x !== undefined,
      };
    }
    case 'iq':
      return iqRequest(stanza);
    case 'message':
      return messageRequest(stanza);
    default:
      return { kind: 'other' };
  }
}

/** Reads an input entry of the trace for the MUC service whose addresses `addresses` reads. */
export function readInput(
  entry: { seq: number; sender: string; origin: 'client' | 'server'; stanza: Element },
  addresses: Addresses,
): StepInput {
  const { to, room, nick, toService } = addresses.target(
    entry.stanza.attrs.to as string | undefined,
  );
  return {
    seq: entry.seq,
    sender: entry.sender,
    origin: entry.origin,
    stanza: entry.stanza,
    to,
    room,
    nick,
    toService,
    request: request(entry.stanza),
  };
}
