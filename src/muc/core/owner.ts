// The owner's configuration form: get, submit (instant and reserved rooms), cancel, and the 104/170–173 notice — XEP-0045 §10.1.2–10.2.1, as Prosody's get_form_layout and process_form
import { Element } from 'ltx';
import {
  buildForm,
  type FieldValue,
  type FormField,
  findForm,
  readFormData,
} from '../../xmpp/data-form.js';
import { iqResult } from '../../xmpp/iq-result.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import type { Effects } from '../effects.js';
import type { HookBus } from '../hook-bus.js';
import type { ConfigField, IqAnswer } from '../hooks.js';
import { raiseLuaError } from '../lua-error.js';
import type { RoomConfig } from '../model/config.js';
import type { Room } from '../room.js';
import type { CoreIqContext, CoreIqHandler } from './core-iq.js';
import { handleDestroyRequest } from './destroy.js';

const BY = 'config';

/** Prosody's config_form_sections: a fixed header before each group of fields. */
const SECTIONS: readonly [number, string][] = [
  [100, 'Room information'],
  [90, 'Access to the room'],
  [80, 'Permissions in the room'],
  [70, 'Other options'],
];

function section(priority: number, title: string): ConfigField {
  return {
    priority,
    field: { type: 'fixed' },
    read: () => title,
    write: () => false,
  };
}

/** Each set of features' form layout: the features' fields never change once their bus is made. */
const layouts = new WeakMap<HookBus, readonly ConfigField[]>();

/** Every field of the form in Prosody's order: by priority, highest first, the headers first in their group. */
function layout(room: Room): readonly ConfigField[] {
  const known = layouts.get(room.bus);
  if (known) return known;
  const fields = [
    ...SECTIONS.map(([priority, title]) => section(priority, title)),
    ...room.bus.configFields.map(({ field }) => field),
  ];
  const ordered = fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => b.field.priority - a.field.priority || a.index - b.index)
    .map(({ field }) => field);
  layouts.set(room.bus, ordered);
  return ordered;
}

function formFields(room: Room): FormField[] {
  return [
    { var: 'FORM_TYPE', type: 'hidden', value: NS.mucRoomconfig },
    ...layout(room).map(({ field, options, read }) => ({
      ...field,
      ...(options && { options: options(room.config) }),
      value: read(room.config),
    })),
  ];
}

const ONLY_OWNERS: StanzaErrorSpec = {
  type: 'auth',
  condition: 'forbidden',
  text: 'Only owners can configure rooms',
};

function getForm({ room, stanza }: CoreIqContext): IqAnswer {
  // §10 preamble: "If the sender is not an owner … <forbidden/>".
  if (room.affiliationOf(stanza.attrs.from) !== 'owner') return { reply: ONLY_OWNERS };
  const form = buildForm({
    type: 'form',
    title: `Configuration for ${room.jid}`,
    instructions: 'Complete and submit this form to configure the room.',
    fields: formFields(room),
  });
  return { reply: iqResult(stanza).c('query', { xmlns: NS.mucOwner }).cnode(form).root() };
}

function copyConfig(config: RoomConfig): RoomConfig {
  return { ...config, presenceBroadcast: new Set(config.presenceBroadcast) };
}

/** Prosody's handle_owner_query_set_to_room: destroy, or a configuration form, owners only. */
function ownerSet(context: CoreIqContext): IqAnswer | undefined {
  const { room, out, stanza, payload } = context;
  if (room.affiliationOf(stanza.attrs.from) !== 'owner') return { reply: ONLY_OWNERS };
  const child = payload.getChildElements()[0];
  if (!child) return { reply: { type: 'modify', condition: 'bad-request' } };
  if (child.name === 'destroy') return handleDestroyRequest(context);
  if (child.name !== 'x' || child !== findForm(payload)) {
    return { reply: { type: 'cancel', condition: 'service-unavailable' } };
  }
  return processForm(room, out, stanza, child);
}

/**
 * §10.1.2–10.2: a cancelled form changes nothing (the XEP destroys a new room; Prosody does not);
 * an empty submission is an instant room; each submitted field is applied, and a notice with
 * the status codes follows the result when something changed (§10.2.1).
 */
function processForm(room: Room, out: Effects, stanza: Element, form: Element): IqAnswer {
  const type = form.attrs.type;
  if (type === 'cancel') return { reply: iqResult(stanza) };
  if (type !== 'submit') {
    return { reply: { type: 'cancel', condition: 'bad-request', text: 'Not a submitted form' } };
  }
  const fields = layout(room);
  const instant = form.getChildElements().length === 0;
  const submitted = readFormData(
    fields.map(({ field }) => field),
    form,
  );
  if (!instant && submitted.formType !== NS.mucRoomconfig) {
    const text = 'Form is not of type room configuration';
    return { reply: { type: 'cancel', condition: 'bad-request', text } };
  }
  const before = copyConfig(room.config);
  const raised = instant ? undefined : firstRaise(fields, submitted.values);
  if (raised !== undefined) {
    // Prosody fires muc-config-submitted (the lock lifts) before the per-field events, then a
    // setter raises: no field is applied here (Prosody applies those its Lua table order put
    // first, which no one can predict), nothing is announced, and no reply is sent.
    room.fire('muc-config-submitted', {
      room,
      out,
      actor: stanza.attrs.from,
      before,
      after: copyConfig(room.config),
      statusCodes: new Set(),
    });
    raiseLuaError(BY, raised);
  }
  const draft = copyConfig(room.config);
  const statusCodes = new Set<string>();
  for (const field of fields) {
    const name = field.field.var;
    if (instant || name === undefined || !submitted.values.has(name)) continue;
    const value = submitted.values.get(name);
    const changed = field.write(draft, value);
    for (const code of field.codes?.(value, changed) ?? (changed ? ['104'] : [])) {
      statusCodes.add(code);
    }
  }
  room.state.config = draft;
  room.fire('muc-config-submitted', {
    room,
    out,
    actor: stanza.attrs.from,
    before,
    after: draft,
    statusCodes,
  });
  if (statusCodes.size === 0) return { reply: iqResult(stanza) };
  // §10.2.1: "the room MUST send notice to all occupants" — a message carrying only status codes.
  const notice = new Element('message', { type: 'groupchat', from: room.jid });
  const x = notice.c('x', { xmlns: NS.mucUser });
  for (const code of statusCodes) x.c('status', { code });
  return { reply: iqResult(stanza), changes: [{ kind: 'broadcast', stanza: notice }] };
}

/** The Lua error the first submitted value a setter rejects raises (see `ConfigField.raises`). */
function firstRaise(
  fields: readonly ConfigField[],
  values: ReadonlyMap<string, FieldValue>,
): string | undefined {
  for (const field of fields) {
    const name = field.field.var;
    if (name === undefined || !values.has(name)) continue;
    const message = field.raises?.(values.get(name));
    if (message !== undefined) return message;
  }
  return undefined;
}

/** The core's answers to muc#owner queries: the configuration form, its submission, and destroy. */
export const OWNER_IQ: Record<string, CoreIqHandler> = {
  [`get ${NS.mucOwner}`]: getForm,
  [`set ${NS.mucOwner}`]: ownerSet,
};
