// The MUC service's ad-hoc commands for service admins (XEP-0050), as Prosody's mod_muc offers them: destroy rooms, set an affiliation — XEP-0045 §10.9 and §9 done by the service
import { Element } from 'ltx';
import { buildForm, type FormField, readFormData } from '../xmpp/data-form.js';
import { NS } from '../xmpp/namespaces.js';
import { stanzaError } from '../xmpp/stanza-error.js';
import { isAffiliation } from './model/affiliation.js';
import type { Room } from './room.js';

export const DESTROY_COMMAND = 'http://prosody.im/protocol/muc#destroy';
export const SET_AFFILIATION_COMMAND = 'http://prosody.im/protocol/muc#set-affiliation';

/** What a command may do to the service. */
export interface CommandContext {
  /** Every room, live or remembered (tombstones too), by JID. */
  roomJids(): string[];
  room(jid: string): Room | undefined;
  destroy(room: Room): void;
  setAffiliation(
    room: Room,
    jid: string,
    affiliation: string,
    reason: string | undefined,
  ): string | undefined;
  nextId(): string;
}

interface Command {
  name: string;
  layout: readonly FormField[];
  title: string;
  instructions?: string;
  /** The first form's values (Prosody's initial data), or none. */
  initial?(context: CommandContext): Record<string, readonly string[]>;
  /** Runs a submitted form: the notes of the completed (or canceled) command. */
  run(
    values: Map<string, unknown>,
    context: CommandContext,
  ): { status: string; note: [string, string] };
}

const destroyRooms: Command = {
  name: 'Destroy Rooms',
  title: 'Destroy rooms',
  instructions: 'Select the rooms to destroy',
  layout: [
    { var: 'FORM_TYPE', type: 'hidden', value: DESTROY_COMMAND },
    { var: 'rooms', type: 'list-multi', required: true, label: 'Rooms to destroy:' },
  ],
  initial: (context) => ({ rooms: [...context.roomJids()].sort() }),
  run: (values, context) => {
    const rooms = values.get('rooms');
    if (!Array.isArray(rooms)) {
      return { status: 'completed', note: ['error', 'rooms: Required value missing'] };
    }
    const destroyed: string[] = [];
    for (const jid of rooms) {
      const room = context.room(jid);
      if (room) {
        context.destroy(room);
        destroyed.push(room.jid);
      }
    }
    return {
      status: 'completed',
      note: ['info', `The following rooms were destroyed:\n${destroyed.join('\n')}`],
    };
  },
};

const setAffiliation: Command = {
  name: 'Set affiliation in room',
  title: 'Set affiliation',
  layout: [
    { var: 'FORM_TYPE', type: 'hidden', value: SET_AFFILIATION_COMMAND },
    { var: 'room', type: 'jid-single', required: true, label: 'Room' },
    { var: 'jid', type: 'jid-single', required: true, label: 'JID' },
    {
      var: 'affiliation',
      type: 'list-single',
      required: true,
      label: 'Affiliation',
      options: ['owner', 'admin', 'member', 'none', 'outcast'],
    },
    { var: 'reason', type: 'text-single' },
  ],
  run: (values, context) => {
    const missing = ['room', 'jid', 'affiliation'].filter((name) => !values.get(name));
    if (missing.length > 0) {
      const message = missing.map((name) => `${name}: Required value missing`).join('\n');
      return { status: 'completed', note: ['error', message] };
    }
    const room = context.room(String(values.get('room')));
    if (!room) return { status: 'canceled', note: ['error', 'No such room'] };
    const affiliation = String(values.get('affiliation'));
    const reason = values.get('reason');
    const failure = isAffiliation(affiliation)
      ? context.setAffiliation(
          room,
          String(values.get('jid')),
          affiliation,
          reason === undefined ? undefined : String(reason),
        )
      : 'modify:not-acceptable';
    if (failure)
      return { status: 'canceled', note: ['error', `Affiliation change failed: ${failure}`] };
    return { status: 'completed', note: ['info', 'Affiliation updated'] };
  },
};

/** Prosody lists commands sorted by node. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([
  [DESTROY_COMMAND, destroyRooms],
  [SET_AFFILIATION_COMMAND, setAffiliation],
]);

function reply(stanza: Element): Element {
  return new Element('iq', {
    type: 'result',
    from: stanza.attrs.to,
    to: stanza.attrs.from,
    id: stanza.attrs.id,
  });
}

/** disco#items on the commands node: what the asker may run (nothing unless a service admin). */
export function commandItems(domain: string, isAdmin: boolean): Element[] {
  if (!isAdmin) return [];
  return [...COMMANDS].map(
    ([node, command]) => new Element('item', { name: command.name, node, jid: domain }),
  );
}

const NO_PERMISSION = "You don't have permission to execute this command";

/** Prosody's mod_adhoc: a non-admin is refused with a canceled command and forbidden. */
export function runCommand(
  stanza: Element,
  command: Element,
  isAdmin: boolean,
  context: CommandContext,
): Element {
  const node = command.attrs.node;
  const definition = COMMANDS.get(node);
  if (!definition) return stanzaError(stanza, { type: 'cancel', condition: 'service-unavailable' });
  if (!isAdmin) {
    const refused = stanzaError(stanza, {
      type: 'auth',
      condition: 'forbidden',
      text: NO_PERMISSION,
    });
    const canceled = refused.c('command', { xmlns: NS.commands, node, status: 'canceled' });
    canceled.c('note', { type: 'error' }).t(NO_PERMISSION);
    return refused;
  }
  const sessionid = command.attrs.sessionid ?? context.nextId();
  const result = reply(stanza);
  const form = command.getChild('x', NS.dataForms);
  if (command.attrs.action === 'cancel') {
    result.c('command', { xmlns: NS.commands, node, status: 'canceled', sessionid });
    return result;
  }
  if (!form) {
    const executing = result.c('command', {
      xmlns: NS.commands,
      node,
      status: 'executing',
      sessionid,
    });
    const actions = executing.c('actions', { execute: 'complete' });
    actions.c('next');
    actions.c('complete');
    const initial = definition.initial?.(context) ?? {};
    const fields = definition.layout.map((field) =>
      field.var && initial[field.var] ? { ...field, options: initial[field.var] } : field,
    );
    executing.cnode(
      buildForm({
        type: 'form',
        title: definition.title,
        instructions: definition.instructions,
        fields,
      }),
    );
    return result;
  }
  const { values } = readFormData(definition.layout, form);
  const outcome = definition.run(values, context);
  const done = result.c('command', { xmlns: NS.commands, node, status: outcome.status, sessionid });
  done.c('note', { type: outcome.note[0] }).t(outcome.note[1]);
  return result;
}
