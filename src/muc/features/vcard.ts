// A room's vCard and avatar, as Prosody's mod_vcard and muc/vcard.lib.lua: owners set it, everyone reads it, occupants learn the avatar hash — XEP-0045 §6.4 (muc#roominfo_avatarhash), XEP-0054, XEP-0153
import { clone, Element } from 'ltx';
import { iqResult } from '../../xmpp/iq-result.js';
import { localOf, resourceOf } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { base64Decode, sha1Hex } from '../../xmpp/sha1.js';
import { stanzaError } from '../../xmpp/stanza-error.js';
import { statusCodes } from '../core/publicise.js';
import type { Feature, HostIqContext, IqAnswer } from '../hooks.js';
import { raiseLuaError } from '../lua-error.js';
import type { RoomChange } from '../room-change.js';
import type { RoomView } from '../room-view.js';

const BY = 'vcard';

/**
 * A vcard-temp get or set to a room's bare JID or to the service itself. Prosody's mod_iq hands
 * it to mod_vcard before the MUC sees it, so it is answered whether or not the room exists.
 */
function isVcardIq(stanza: Element): boolean {
  const type = stanza.attrs.type;
  const payload = stanza.getChildElements()[0];
  return (
    stanza.name === 'iq' &&
    (type === 'get' || type === 'set') &&
    resourceOf(stanza.attrs.to) === undefined &&
    payload?.name === 'vCard' &&
    payload.attrs.xmlns === NS.vcard
  );
}

/**
 * mod_vcard on the MUC host: a get returns the stored vCard of the room's node (item-not-found
 * when there is none); a set is allowed to the room's owners only (vcard.lib.lua), and tells the
 * occupants the new avatar hash. Everyone else's set is forbidden.
 */
function answerVcardIq({ stanza, room, vcards }: HostIqContext): IqAnswer {
  const node = localOf(stanza.attrs.to) ?? '';
  if (stanza.attrs.type === 'get') {
    const stored = vcards.get(node);
    return {
      reply: stored
        ? iqResult(stanza).cnode(clone(stored)).root()
        : stanzaError(stanza, { type: 'cancel', condition: 'item-not-found' }),
    };
  }
  if (room?.affiliationOf(stanza.attrs.from) !== 'owner') {
    return { reply: stanzaError(stanza, { type: 'auth', condition: 'forbidden' }) };
  }
  vcards.set(node, clone(stanza.getChildElements()[0]));
  return { reply: iqResult(stanza), changes: avatarChanged(room) };
}

/**
 * vcard.lib.lua's get_avatar_hash: the SHA-1 of the decoded PHOTO/BINVAL, cached in the room once
 * there is one (so a later photo keeps the first hash until the room is reloaded). A PHOTO without
 * BINVAL makes Prosody hash nil, which raises.
 */
function avatarHash(room: RoomView): { hash: string | undefined; changes: RoomChange[] } {
  if (room.state.avatarHash !== undefined) return { hash: room.state.avatarHash, changes: [] };
  const vcard = room.services.vcards.get(localOf(room.jid) ?? '');
  const photo = vcard?.getChild('PHOTO');
  if (!photo) return { hash: undefined, changes: [] };
  const binval = photo.getChildText('BINVAL');
  if (binval === null) raiseLuaError(BY, "bad argument #1 to 'sha1' (string expected, got nil)");
  const hash = sha1Hex(base64Decode(binval));
  return { hash, changes: [{ kind: 'avatar-hash', hash }] };
}

/** vcard.lib.lua's send_avatar_hash's presence: from the room, with the hash (empty without a photo). */
function avatarPresence(room: RoomView, hash: string | undefined): Element {
  const presence = new Element('presence', { from: room.jid });
  const photo = presence.c('x', { xmlns: NS.vcardUpdate }).c('photo');
  if (hash) photo.t(hash);
  return presence;
}

/** After a change, everyone is told the avatar hash, then gets a 104 notice. */
function avatarChanged(room: RoomView): RoomChange[] {
  const { hash, changes } = avatarHash(room);
  const notice = new Element('message', { from: room.jid, type: 'groupchat' });
  const x = notice.c('x', { xmlns: NS.mucUser });
  for (const status of statusCodes('104')) x.cnode(status);
  return [
    ...changes,
    { kind: 'broadcast', stanza: avatarPresence(room, hash) },
    { kind: 'broadcast', stanza: notice },
  ];
}

export const vcard: Feature = {
  name: BY,
  section: '§6.4',
  hostIq: { matches: isVcardIq, answer: answerVcardIq },
  hooks: {
    'muc-occupant-joined': {
      priority: 0,
      // A joiner learns the avatar hash, if there is an avatar.
      run: ({ room, out, realJid }) => {
        const { hash, changes } = avatarHash(room);
        if (!hash) return undefined;
        const presence = avatarPresence(room, hash);
        presence.attrs.to = realJid;
        out.send(presence, BY);
        return { changes };
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features, info }) => {
        const { hash, changes } = avatarHash(room);
        features.push(NS.vcard);
        info.push({ var: 'muc#roominfo_avatarhash', type: 'text-multi', value: hash });
        return { changes };
      },
    },
  },
};
