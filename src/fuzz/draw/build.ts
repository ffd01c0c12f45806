// Small builders for the generator's stanzas: elements without undefined attributes, iqs, data forms, error payloads — XEP-0045 §7–§10 (and XEP-0004 forms)
import { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { FuzzClient } from '../actions.js';
import type { Targets } from '../targets.js';

/** What a draw produces: a stanza from the sender, one from another client, or nothing to send. */
export type Drawn = Element | { by: FuzzClient; stanza: Element } | undefined;

export type Draw = (t: Targets, sender: FuzzClient, online: readonly FuzzClient[]) => Drawn;

export const ROLES = ['moderator', 'participant', 'visitor', 'none'] as const;
export const AFFILIATIONS = ['owner', 'admin', 'member', 'none', 'outcast'] as const;
const KICKABLE = ['gone', 'item-not-found', 'service-unavailable', 'recipient-unavailable'];
const NOT_KICKABLE = ['forbidden', 'not-acceptable', 'bad-request'];

export function el(name: string, attrs: Record<string, string | undefined> = {}): Element {
  const element = new Element(name);
  for (const key in attrs) if (attrs[key] !== undefined) element.attrs[key] = attrs[key];
  return element;
}

export function iq(
  type: string | undefined,
  to: string | undefined,
  id: string | undefined,
): Element {
  return el('iq', { type, to, id });
}

export function form(
  type: string,
  formType: string | undefined,
  fields: readonly [string, readonly string[]][],
): Element {
  const x = el('x', { xmlns: NS.dataForms, type });
  if (formType !== undefined) x.c('field', { var: 'FORM_TYPE' }).c('value').t(formType);
  for (const [name, values] of fields) {
    const field = x.c('field', { var: name });
    for (const value of values) field.c('value').t(value);
  }
  return x;
}

/** An error payload a client sends back: mostly conditions Prosody kicks for (§17.4), sometimes none. */
export function addError(t: Targets, stanza: Element): void {
  if (t.rng.chance(0.1)) return;
  const condition = t.rng.chance(0.7) ? t.rng.pick(KICKABLE) : t.rng.pick(NOT_KICKABLE);
  const error = stanza.c('error', { type: 'cancel' });
  error.c(condition, { xmlns: NS.stanzas });
  if (t.rng.chance(0.3)) error.c('text', { xmlns: NS.stanzas }).t('client says no');
}

/** An XEP-0421 occupant-id a client may try to slip in: the room must replace it with its own. */
export function maybeForgeOccupantId(t: Targets, stanza: Element): void {
  if (t.rng.chance(0.04))
    stanza.c('occupant-id', { xmlns: NS.occupantId, id: t.rng.pick(['forged', 'u1@localhost']) });
}
