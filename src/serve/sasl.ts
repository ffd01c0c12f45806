// SASL for the door: PLAIN (RFC 4616) and ANONYMOUS (RFC 4505), accepting any user and password — RFC 6120 §6, so real clients can enter the world of XEP-0045 §7
import { Element } from 'ltx';
import { prepJid } from '../xmpp/jid.js';
import { nodeprep } from '../xmpp/stringprep.js';

export const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';
export const MECHANISMS = ['PLAIN', 'ANONYMOUS'] as const;

/** RFC 6120 §6.5 failure conditions the door uses. */
export type SaslFailure =
  | 'aborted'
  | 'incorrect-encoding'
  | 'invalid-authzid'
  | 'invalid-mechanism'
  | 'malformed-request'
  | 'not-authorized';

export type SaslOutcome =
  | { kind: 'success'; username: string }
  | { kind: 'failure'; condition: SaslFailure; text?: string }
  /** PLAIN without an initial response: an empty challenge, then the `<response/>`. */
  | { kind: 'challenge' };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The mechanism list of the SASL stream feature. */
export function mechanismsFeature(): Element {
  const mechanisms = new Element('mechanisms', { xmlns: SASL_NS });
  for (const mechanism of MECHANISMS) mechanisms.c('mechanism').t(mechanism);
  return mechanisms;
}

/** `<success/>`, `<failure>…</failure>` or `<challenge/>`. */
export function saslReply(outcome: SaslOutcome): Element {
  if (outcome.kind === 'success') return new Element('success', { xmlns: SASL_NS });
  if (outcome.kind === 'challenge') return new Element('challenge', { xmlns: SASL_NS });
  const failure = new Element('failure', { xmlns: SASL_NS });
  failure.c(outcome.condition);
  if (outcome.text !== undefined) failure.c('text', { 'xml:lang': 'en' }).t(outcome.text);
  return failure;
}

/** Decodes the text of `<auth/>` or `<response/>`: `=` is the empty response (RFC 6120 §6.4.2). */
function decode(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (trimmed === '=') return Buffer.alloc(0);
  if (!BASE64.test(trimmed)) return undefined;
  return Buffer.from(trimmed, 'base64');
}

/** RFC 4616: `[authzid] NUL authcid NUL passwd`; any password is accepted. */
export function plain(text: string, domain: string): SaslOutcome {
  const message = decode(text);
  if (!message) return { kind: 'failure', condition: 'incorrect-encoding' };
  const parts = message.toString('utf8').split('\0');
  if (parts.length !== 3) return { kind: 'failure', condition: 'malformed-request' };
  const [authzid, authcid] = parts as [string, string, string];
  const username = nodeprep(authcid);
  if (!username) {
    return { kind: 'failure', condition: 'not-authorized', text: 'Invalid username' };
  }
  if (authzid !== '' && prepJid(authzid) !== `${username}@${domain}`) {
    return { kind: 'failure', condition: 'invalid-authzid' };
  }
  return { kind: 'success', username };
}

/** Starts a mechanism from `<auth mechanism='…'>`. */
export function authenticate(
  auth: Element,
  domain: string,
  anonymousName: () => string,
): SaslOutcome {
  const mechanism = auth.attrs.mechanism;
  if (mechanism === 'ANONYMOUS') return { kind: 'success', username: anonymousName() };
  if (mechanism !== 'PLAIN') return { kind: 'failure', condition: 'invalid-mechanism' };
  const text = auth.getText();
  if (text.trim() === '') return { kind: 'challenge' };
  return plain(text, domain);
}
