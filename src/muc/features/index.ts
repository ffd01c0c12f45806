// The single list of XEP-0045 features the service runs by default, as Prosody 13's MUC has them; the extras add theirs (src/muc/extras.ts) — §10.2 form order comes from each field's priority
import type { Feature } from '../hooks.js';
import { admin } from './admin.js';
import { banned } from './banned.js';
import { description } from './description.js';
import { groupchat } from './groupchat.js';
import { hidden } from './hidden.js';
import { history } from './history.js';
import { invite } from './invite.js';
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
  groupchat,
  request,
  invite,
  admin,
  occupantId,
  occupantIq,
  vcard,
];
