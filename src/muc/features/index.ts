// The single list of XEP-0045 features the service runs by default, as Prosody 13's MUC has them; the extras add theirs (src/muc/extras.ts) — §10.2 form order comes from each field's priority
import type { Feature } from '../hooks.js';
import { admin } from './admin.js';
import { banned } from './banned.js';
import { config } from './config.js';
import { description } from './description.js';
import { destroy } from './destroy.js';
import { disco } from './disco.js';
import { enter } from './enter.js';
import { groupchat } from './groupchat.js';
import { hidden } from './hidden.js';
import { history } from './history.js';
import { invite } from './invite.js';
import { kickable } from './kickable.js';
import { language } from './language.js';
import { lock } from './lock.js';
import { mam } from './mam.js';
import { membersOnly } from './members-only.js';
import { moderated } from './moderated.js';
import { name } from './name.js';
import { nickname } from './nickname.js';
import { occupantId } from './occupant-id.js';
import { occupantIq } from './occupant-iq.js';
import { password } from './password.js';
import { persistent } from './persistent.js';
import { presenceBroadcast } from './presence-broadcast.js';
import { presenceProbe } from './presence-probe.js';
import { privateMessages } from './private-messages.js';
import { register } from './register.js';
import { request } from './request.js';
import { restrictPm } from './restrict-pm.js';
import { subject } from './subject.js';
import { vcard } from './vcard.js';
import { whois } from './whois.js';

export const FEATURES: readonly Feature[] = [
  name,
  description,
  language,
  persistent,
  hidden,
  password,
  membersOnly,
  moderated,
  presenceBroadcast,
  whois,
  subject,
  history,
  mam,
  restrictPm,
  lock,
  nickname,
  banned,
  register,
  enter,
  groupchat,
  privateMessages,
  request,
  invite,
  admin,
  config,
  destroy,
  disco,
  occupantId,
  occupantIq,
  presenceProbe,
  kickable,
  vcard,
];
