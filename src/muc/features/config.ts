// The owner's configuration form: get, submit (instant and reserved rooms), cancel, and the 104/172/173 notice — XEP-0045 §10.1.2–10.2.1
import { Element } from 'ltx';
import { buildForm, type FormField, findForm, readForm } from '../../xmpp/data-form.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature, IqContext } from '../hooks.js';
import type { RoomConfig } from '../model/config.js';
import { broadcastMessage } from '../presence.js';
import type { Room } from '../room.js';
import { iqResult } from './admin.js';
import { handleDestroyRequest } from './destroy.js';

const BY = 'config';

function configForm(room: Room): Element {
  const fields: FormField[] = [{ var: 'FORM_TYPE', type: 'hidden', values: [NS.mucRoomconfig] }];
  for (const { field } of room.bus.configFields) {
    fields.push({ ...field.field, values: field.read(room.config) });
  }
  return buildForm({
    type: 'form',
    title: `Configuration for ${room.jid}`,
    instructions: 'Complete and submit this form to configure the room.',
    fields,
  });
}

function copyConfig(config: RoomConfig): RoomConfig {
  return { ...config, presenceBroadcast: new Set(config.presenceBroadcast) };
}

function getForm({ room, stanza }: IqContext): void {
  if (room.affiliationOf(stanza.attrs.from) !== 'owner') {
    return room.sendError(
      stanza,
      { type: 'auth', condition: 'forbidden', text: 'Only owners can configure rooms' },
      BY,
    );
  }
  const reply = iqResult(stanza);
  reply.c('query', { xmlns: NS.mucOwner }).cnode(configForm(room));
  room.send(reply, BY);
}

function submitForm(context: IqContext): void {
  const { room, stanza, payload } = context;
  // §10 preamble: "If the sender is not an owner … <forbidden/>".
  if (room.affiliationOf(stanza.attrs.from) !== 'owner') {
    return room.sendError(
      stanza,
      { type: 'auth', condition: 'forbidden', text: 'Only owners can configure rooms' },
      BY,
    );
  }
  if (payload.getChild('destroy')) return handleDestroyRequest(context);
  const form = findForm(payload);
  if (!form) return room.sendError(stanza, { type: 'modify', condition: 'bad-request' }, BY);
  const submitted = readForm(form);
  // §10.1.3: a cancelled form leaves the room as it was (the XEP destroys a new room; Prosody does not).
  if (submitted.type === 'cancel') return room.send(iqResult(stanza), BY);
  if (
    submitted.type !== 'submit' ||
    (submitted.formType && submitted.formType !== NS.mucRoomconfig)
  ) {
    return room.sendError(
      stanza,
      { type: 'modify', condition: 'bad-request', text: 'Not a submitted room configuration form' },
      BY,
    );
  }
  const before = copyConfig(room.config);
  const draft = copyConfig(room.config);
  const changed = new Set<string>();
  for (const { field } of room.bus.configFields) {
    const name = field.field.var ?? '';
    const values = submitted.values.get(name);
    if (values === undefined) continue;
    const refusal = field.write(draft, values);
    if (refusal) return room.sendError(stanza, refusal, BY);
    if (field.read(before).join('\n') !== field.read(draft).join('\n')) changed.add(name);
  }
  room.state.config = draft;
  const statusCodes = new Set<string>();
  if ([...changed].some((name) => name !== 'muc#roomconfig_whois')) statusCodes.add('104');
  room.bus.fire('muc-config-submitted', {
    room,
    actor: stanza.attrs.from,
    before,
    after: draft,
    statusCodes,
  });
  room.send(iqResult(stanza), BY);
  if (statusCodes.size === 0) return;
  // §10.2.1: "the room MUST send notice to all occupants" — a message carrying only status codes.
  const notice = new Element('message', { type: 'groupchat', from: room.jid });
  const x = notice.c('x', { xmlns: NS.mucUser });
  for (const code of statusCodes) x.c('status', { code });
  broadcastMessage(room, notice, undefined, BY);
}

export const config: Feature = {
  name: BY,
  section: '§10.2',
  iq: {
    [`get ${NS.mucOwner}`]: getForm,
    [`set ${NS.mucOwner}`]: submitForm,
  },
};
