// The room subject: who may change it, and the subject every joiner gets last — XEP-0045 §7.2.15, §7.3 and §8.1
import { clone, Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import { booleanField } from '../config-fields.js';
import { isoStamp } from '../environment.js';
import type { Feature } from '../hooks.js';
import { mayChangeSubject } from '../model/privileges.js';
import { broadcastMessage } from '../presence.js';
import type { Room } from '../room.js';

const BY = 'subject';

/** §8.1: a subject change is a groupchat message with `<subject>` and no `<body>` or `<thread>`. */
export function isSubjectChange(message: Element): boolean {
  return (
    message.getChild('subject') !== undefined &&
    message.getChild('body') === undefined &&
    message.getChild('thread') === undefined
  );
}

function subjectMessage(room: Room, to: string): Element {
  const subject = room.state.subject;
  if (!subject) {
    const empty = new Element('message', { type: 'groupchat', from: room.jid, to });
    empty.c('subject');
    return empty;
  }
  const from = subject.nick === undefined ? room.jid : room.occupantJidOf(subject.nick);
  const message = new Element('message', { type: 'groupchat', from, to });
  message.c('subject').t(subject.text);
  message.c('delay', { xmlns: NS.delay, from: room.jid, stamp: isoStamp(subject.stamp) });
  return message;
}

export const subject: Feature = {
  name: BY,
  section: '§8.1',
  config: [
    booleanField(
      'muc#roomconfig_changesubject',
      "Allow anyone to set the room's subject",
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
        room.state.subject = {
          text: stanza.getChildText('subject') ?? '',
          nick: occupant.nick,
          stamp: room.now(),
        };
        const change = clone(stanza);
        change.attrs.from = occupant.occupantJid;
        delete change.attrs.to;
        broadcastMessage(room, change, occupant, BY);
        return 'handled';
      },
    },
    'muc-occupant-session-new': {
      priority: -10,
      // §7.1: the subject comes after the presences and the history, before live messages.
      run: ({ room, realJid }) => {
        room.send(subjectMessage(room, realJid), BY);
      },
    },
  },
};
