// The room subject: who may change it, and the subject every joiner gets last — XEP-0045 §7.2.15, §7.3 and §8.1
import { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import { flagField } from '../config-fields.js';
import { isoStamp, wholeSeconds } from '../environment.js';
import type { Feature } from '../hooks.js';
import { mayChangeSubject } from '../model/privileges.js';
import type { RoomChange } from '../room-change.js';
import type { RoomView } from '../room-view.js';

const BY = 'subject';

/** §8.1: a subject change is a groupchat message with `<subject>` and no `<body>` or `<thread>`. */
export function isSubjectChange(message: Element): boolean {
  return (
    message.getChild('subject') !== undefined &&
    message.getChild('body') === undefined &&
    message.getChild('thread') === undefined
  );
}

/** Prosody's create_subject_message: a fresh groupchat message with only the `<subject>`. */
function subjectChange(from: string, text: string | undefined): Element {
  const message = new Element('message', { from, type: 'groupchat' });
  message.c('subject').t(text ?? '');
  return message;
}

/** §7.2.15: the subject every joiner gets last; with a delay once someone has set it. */
function subjectMessage(room: RoomView, to: string): Element {
  const subject = room.state.subject;
  const message = subjectChange(subject?.from ?? room.jid, subject?.text);
  message.attrs.to = to;
  if (subject) {
    message.c('delay', { xmlns: NS.delay, from: room.jid, stamp: isoStamp(subject.stamp) });
  }
  return message;
}

/** Prosody's set_subject: nothing is sent when neither the text nor its setter changed. */
function setSubject(room: RoomView, from: string, text: string): RoomChange[] {
  const next = text === '' ? undefined : text;
  const current = room.state.subject;
  if ((current?.from ?? room.jid) === from && current?.text === next) return [];
  return [
    { kind: 'subject', subject: { text: next, from, stamp: wholeSeconds(room.now()) } },
    { kind: 'broadcast', stanza: subjectChange(from, next) },
  ];
}

export const subject: Feature = {
  name: BY,
  section: '§8.1',
  config: [
    flagField(
      {
        priority: 79,
        word: 'changesubject',
        field: {
          var: 'muc#roomconfig_changesubject',
          label: "Allow anyone to set the room's subject",
          desc: "Choose whether anyone, or only moderators, may set the room's subject",
        },
      },
      'changeSubject',
    ),
  ],
  hooks: {
    'muc-occupant-groupchat': {
      priority: 20,
      run: ({ room, stanza, occupant }) => {
        if (!occupant || !isSubjectChange(stanza)) return undefined;
        // "If the occupant does not have permission … the service MUST return a <forbidden/> error".
        if (!mayChangeSubject(occupant.role, room.config.changeSubject)) {
          return {
            veto: {
              type: 'auth',
              condition: 'forbidden',
              text: 'You are not allowed to change the subject',
            },
          };
        }
        const text = stanza.getChildText('subject') ?? '';
        return { handled: true, changes: setSubject(room, occupant.occupantJid, text) };
      },
    },
    'muc-disco#info': {
      priority: 0,
      // Prosody shows the option, no label, and no value unless it is on.
      run: ({ room, info }) => {
        info.push({
          var: 'muc#roomconfig_changesubject',
          type: 'boolean',
          value: room.config.changeSubject || undefined,
        });
      },
    },
    'muc-occupant-session-new': {
      priority: 20,
      // §7.1: the subject comes after the presences and the history, before live messages.
      run: ({ room, out, realJid }) => {
        out.send(subjectMessage(room, realJid), BY);
      },
    },
  },
};
