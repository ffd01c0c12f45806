// Destroying a room by its owner, with reason and alternate venue — XEP-0045 §10.9

import { iqResult } from '../../xmpp/iq-result.js';
import type { Feature, IqContext } from '../hooks.js';
import { destroyRoom } from '../room-changes.js';

const BY = 'destroy';

export const destroy: Feature = { name: BY, section: '§10.9' };

/** "The service MUST remove all occupants … then … inform the owner of successful destruction". */
export function handleDestroyRequest({ room, stanza, payload }: IqContext): void {
  const request = payload.getChild('destroy')!;
  destroyRoom(
    room,
    {
      alternateVenue: request.attrs.jid,
      reason: request.getChildText('reason') ?? undefined,
      password: request.getChildText('password') ?? undefined,
    },
    BY,
  );
  room.send(iqResult(stanza), BY);
}
