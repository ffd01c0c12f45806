// Hand-written lessons for the sections of XEP-0045 a learner meets: §5 (roles, affiliations), every use case of §6–§11, §12 (status codes), §17 (business rules)
import type { Note } from './types.js';

/** Keyed by section number as rendered ('7.2.10'); titles and examples come from xep-sections.ts. */
export const SECTION_NOTES: Readonly<Record<string, Note>> = {
  '5': {
    text: "The heart of MUC's permission model. Every occupant has two attributes. A role (moderator, participant, visitor, none) belongs to the current visit and decides what you can do right now: talk, kick, give voice. An affiliation (owner, admin, member, none, outcast) belongs to your bare JID, outlives your visits and decides what you become when you enter and what you may administer. Both travel in the <item> of every presence the room sends.",
    aliases: ['privileges', 'roles and affiliations', 'permissions'],
    seeAlso: ['§5.1', '§5.2', 'moderator', 'owner'],
  },
  '5.1': {
    text: "Roles are temporary: they exist only while you are in the room and are recomputed when you enter. There are four: moderator, participant (has voice), visitor (no voice) and none (not present). The room announces a role change by sending the occupant's presence again with the new role in its <item>.",
    prosody:
      'Prosody recomputes the role from the affiliation on every join; it does not remember roles between visits (the XEP suggests moderated rooms should).',
    aliases: ['roles'],
    seeAlso: ['moderator', 'participant', 'visitor', 'role none', '§5.1.1'],
  },
  '5.1.1': {
    text: 'What each role may do (Table 3). Visitors may be present, read, change their presence and nick and send private messages, but not talk to everyone. Participants can also talk to everyone and, if the room allows, change the subject. Moderators can additionally kick participants and visitors and grant or revoke voice. Several cells are room settings rather than fixed rules.',
    aliases: ['role privileges'],
    seeAlso: ['§5.1', 'moderator', 'participant', 'visitor'],
  },
  '5.1.2': {
    text: 'The role you get on entering follows from your affiliation (Table 4): owners and admins become moderators, members participants; unaffiliated users are participants in an unmoderated room, visitors in a moderated one, and are refused by a members-only room; outcasts never get in.',
    aliases: ['default roles', 'default role'],
    seeAlso: ['§5.1', '§5.2', 'registration-required'],
  },
  '5.1.3': {
    text: 'Who may move an occupant from one role to another (Table 5). Moderators grant and revoke voice and kick; only admins and owners grant or revoke the moderator role; nobody should take moderation away from someone with a higher affiliation. What role someone ends up with after losing an affiliation is left to the implementation.',
    prosody:
      "Prosody refuses changes to an admin's or owner's role by anyone else, and refuses all refused role changes with not-allowed. After an affiliation change it raises the role to the new default, or lowers it when the affiliation went down.",
    aliases: ['changing roles', 'role changes'],
    seeAlso: ['§8.2', '§8.3', '§9.6', 'not-allowed'],
  },
  '5.2': {
    text: 'Affiliations are long-term relationships between a bare JID and the room: owner, admin, member, none and outcast (banned). They survive leaving and rejoining. Each affiliation except none has a list that admins or owners can read and edit.',
    aliases: ['affiliations'],
    seeAlso: ['owner', 'admin', 'member', 'affiliation none', 'outcast'],
  },
  '5.2.1': {
    text: 'What each affiliation may do (Table 6): outcasts nothing; unaffiliated users enter open rooms and may register; members also enter members-only rooms; admins ban, edit the member list and grant moderator; owners also edit the admin and owner lists, configure and destroy the room.',
    aliases: ['affiliation privileges'],
    seeAlso: ['§5.2', 'owner', 'admin', 'member'],
  },
  '5.2.2': {
    text: 'Who may change an affiliation into another (Table 7): admins and owners ban and edit membership; only owners create admins and owners or demote them. There must always be an owner, and you may not ban yourself.',
    prosody:
      'Admins may change only members, unaffiliated users and outcasts; the last owner lowering their own affiliation gets conflict; other refusals are not-allowed.',
    aliases: ['changing affiliations', 'affiliation changes'],
    seeAlso: ['§9', '§10.3', 'conflict', 'not-allowed'],
  },

  '6': {
    text: "Before joining anything, a client can find out what exists, with service discovery (XEP-0030): the chat service on a server, its features, its public rooms, a room's settings and occupants, and whether a contact's client supports MUC. None of this changes any state.",
    aliases: ['disco', 'service discovery', 'discovery'],
    seeAlso: ['§6.1', '§6.4'],
  },
  '6.1': {
    text: 'Finding the chat service: ask your own server for its disco items; the MUC component (for example conference.localhost) is one of them.',
    aliases: ['discover service', 'find service'],
    seeAlso: ['§6.2'],
  },
  '6.2': {
    text: 'Asking the service what it is: its disco#info answer has an identity of category conference, type text, and the feature http://jabber.org/protocol/muc.',
    aliases: ['service features'],
    seeAlso: ['§6.1', '§6.3'],
  },
  '6.3': {
    text: 'Listing rooms: disco#items on the service returns the public rooms. Hidden rooms are left out, and a long list may be paged.',
    prosody:
      'Prosody lists only public rooms, and leaves out rooms that are still locked; it does not page.',
    aliases: ['room list', 'list rooms', 'rooms'],
    seeAlso: ['§6.4'],
  },
  '6.4': {
    text: 'Learning about one room before entering: disco#info on the room returns its name and feature flags such as muc_membersonly, muc_moderated, muc_semianonymous or muc_passwordprotected, and optionally a muc#roominfo form with details like the description and number of occupants. A careful client checks muc_nonanonymous before joining.',
    aliases: ['room info', 'roominfo'],
    seeAlso: ['§6.5', '§7.2.3'],
  },
  '6.5': {
    text: 'disco#items on a room may list its occupants as room@service/nick, but a room is free to keep that private and return an empty list.',
    prosody: 'Prosody always returns an empty list.',
    aliases: ['room items'],
    seeAlso: ['§6.4'],
  },
  '6.6': {
    text: "A disco query sent to an occupant JID (room@service/nick) by someone outside the room should be refused; an occupant's query may be passed on to the occupant's client.",
    prosody:
      "Prosody refuses a non-occupant with not-acceptable (the XEP says bad-request) and relays occupants' IQs to the target's real JID.",
    aliases: ['query occupant'],
    seeAlso: ['bad-request', 'not-acceptable'],
  },
  '6.7': {
    text: "Clients can be asked too: a contact's disco#info shows whether it supports MUC, and the muc#rooms node on its full JID may list the rooms it is in. This is between clients; the room is not involved.",
    aliases: ['client support'],
  },

  '7': {
    text: 'What an ordinary user does in a room: enter, talk to everyone or privately, change nick and presence, invite, register, ask for voice and leave. These stanzas go to the room JID or to an occupant JID, and the room relays them to the others.',
    aliases: ['occupant use cases'],
    seeAlso: ['§7.2', '§7.1'],
  },
  '7.1': {
    text: 'The order in which a newcomer learns about the room is fixed: first the presence of everyone already there, then its own presence (marked with 110), then the discussion history, then the subject, and only after that live messages. A client can therefore treat the subject as "you are now fully in".',
    prosody:
      "Prosody follows this order; it sends the newcomer's presence to the others before the self-presence, and the subject last.",
    aliases: ['order', 'order of events', 'join order'],
    seeAlso: ['§7.2.2', '110', '§7.2.13', '§7.2.15'],
  },
  '7.2': {
    text: "Entering a room is sending an available presence to room@service/nick with an empty <x xmlns='http://jabber.org/protocol/muc'/>. The room runs a list of checks (nick, membership, ban, password, lock, capacity); the first failure comes back as a presence of type error, success as the join sequence of §7.1.",
    prosody:
      'Prosody checks in this order: strict nick validation (jid-malformed), invisible nick, reserved nick (conflict), members-only (registration-required), ban (forbidden), password (not-authorized), lock (item-not-found).',
    aliases: ['join', 'enter', 'entering', 'entering a room', 'joining'],
    seeAlso: ['§7.1', '§7.2.1', '§7.2.17'],
  },
  '7.2.1': {
    text: "The basic join: an available presence to room@service/nick carrying <x xmlns='http://jabber.org/protocol/muc'/>, which tells the room your client speaks MUC. The nick is the resource part; without it the room answers jid-malformed. Sending the join again while already in the room asks for a full resync.",
    prosody:
      'Prosody creates a room only for a presence with that <x>; re-sending it while joined re-sends the occupant list, your presence (without 201), the history and the subject.',
    aliases: ['basic join'],
    seeAlso: ['jid-malformed', '§7.2.18'],
  },
  '7.2.2': {
    text: 'On a successful join the room sends you one presence per existing occupant, each with an <item> giving affiliation and role; then it tells everyone about you, and your own copy comes last with status 110 ("this is you"), and 210 if the room changed your nick.',
    prosody:
      'Prosody puts status codes before the <item> except 110, which comes last; it can also send unavailable presences of absent members when the room broadcasts role none.',
    aliases: ['presence broadcast'],
    seeAlso: ['110', '210', '§7.1'],
  },
  '7.2.3': {
    text: "In a non-anonymous room everybody sees everybody's real full JID in the <item jid=…>. Because that is a privacy matter, your own join presence carries status 100 as a warning.",
    prosody: 'Prosody calls this whois=anyone.',
    aliases: ['non-anonymous', 'nonanonymous', 'whois anyone'],
    seeAlso: ['100', '172', '§7.2.4'],
  },
  '7.2.4': {
    text: 'In a semi-anonymous room only moderators see real JIDs; others see just nicks (the <item> has no jid). This is the common default.',
    prosody: 'Prosody uses it by default (whois=moderators).',
    aliases: ['semi-anonymous', 'semianonymous', 'whois moderators'],
    seeAlso: ['§7.2.3', '173', 'moderator'],
  },
  '7.2.5': {
    text: "A password-protected room wants the password in the join: <password>…</password> inside the <x xmlns='http://jabber.org/protocol/muc'>. Without it, or with a wrong one, the room answers not-authorized.",
    prosody:
      'Prosody makes no exception for owners. A non-empty roomsecret turns the protection on.',
    aliases: ['password', 'password-protected'],
    seeAlso: ['not-authorized'],
  },
  '7.2.6': {
    text: 'A members-only room lets in only members, admins and owners. Anyone else gets registration-required.',
    prosody:
      'Prosody checks members-only before bans, so an outcast gets registration-required here too.',
    aliases: ['members-only', 'members only', 'membersonly'],
    seeAlso: ['registration-required', 'member', '§9.5', '321'],
  },
  '7.2.7': {
    text: 'An outcast (banned user) who tries to enter gets forbidden.',
    prosody:
      'Prosody answers forbidden, but registration-required if the room is also members-only.',
    aliases: ['banned users', 'banned join'],
    seeAlso: ['outcast', 'forbidden', '§9.1'],
  },
  '7.2.8': {
    text: 'Two different users cannot share a nickname: if the nick is taken (or reserved) by another bare JID, the join is refused with conflict. The same user joining again from another resource with the same nick should be let in.',
    prosody:
      'Prosody joins several sessions of one bare JID into one occupant; a reserved nick gives conflict to others.',
    aliases: ['nick conflict', 'nickname conflict'],
    seeAlso: ['conflict', '§7.12'],
  },
  '7.2.9': {
    text: 'A room may limit how many people are inside. When it is full, newcomers get service-unavailable (try later), but admins and owners should still be admitted.',
    prosody: 'Core Prosody has no occupant limit.',
    aliases: ['max users', 'room full', 'maxusers'],
    seeAlso: ['service-unavailable'],
  },
  '7.2.10': {
    text: 'A freshly created room is locked until its owner configures it (§10.1). Meanwhile anyone else trying to enter is told the room does not exist: item-not-found.',
    prosody:
      'Prosody locks every new room until the owner submits a configuration form, or for at most 5 minutes.',
    aliases: ['locked', 'locked room', 'lock'],
    seeAlso: ['item-not-found', '201', '§10.1'],
  },
  '7.2.11': {
    text: 'Entering a room that does not exist normally creates it, with you as owner (§10.1). A service may restrict who may create rooms; others get not-allowed.',
    prosody:
      'Prosody creates only for a presence carrying the MUC <x>; a plain presence to a missing room gets item-not-found.',
    aliases: ['nonexistent room'],
    seeAlso: ['§10.1', 'not-allowed'],
  },
  '7.2.12': {
    text: 'If the room is publicly logged, your join presence carries status 170 so your client can warn you.',
    prosody: 'Prosody never sends 170 on join; it uses 170/171 for archiving changes.',
    aliases: ['logging', 'room logging'],
    seeAlso: ['170', '171'],
  },
  '7.2.13': {
    text: "After the presences, the room replays recent messages, each from the original sender's occupant JID and stamped with <delay xmlns='urn:xmpp:delay'> (from = the room) so clients know they are old. History never comes before the presences.",
    prosody: 'Prosody keeps 20 messages per room by default.',
    aliases: ['history', 'discussion history'],
    seeAlso: ['§7.2.14', '§7.1'],
  },
  '7.2.14': {
    text: "A joining client can limit the history it wants with <history/> inside the join's <x>: maxchars, maxstanzas, seconds or since. The room sends the smallest set that satisfies all of them, in whole messages; maxchars='0' asks for none.",
    aliases: ['history limits', 'managing history', 'maxstanzas', 'maxchars'],
    seeAlso: ['§7.2.13'],
  },
  '7.2.15': {
    text: 'The last step of joining: a message from the room (or from whoever set it) with <subject> and no body. If no subject was ever set the <subject/> is empty, but it is still sent, so it marks the end of the join.',
    prosody:
      "Prosody sends an empty subject from the room JID, or the current one from the setter's occupant JID with a <delay>.",
    aliases: ['room subject', 'join subject'],
    seeAlso: ['§8.1', '§7.1'],
  },
  '7.2.16': {
    text: 'Only once the subject has been delivered does the newcomer start getting live messages and presence updates.',
    aliases: ['live messages'],
    seeAlso: ['§7.1'],
  },
  '7.2.17': {
    text: 'The summary of ways a join can fail (Table 9): not-authorized (password), forbidden (banned), item-not-found (locked room), not-allowed (creation restricted), not-acceptable (must use the reserved nick), registration-required (members-only), conflict (nick in use), service-unavailable (room full).',
    aliases: ['join errors', 'entering errors'],
    seeAlso: [
      'not-authorized',
      'forbidden',
      'item-not-found',
      'not-allowed',
      'not-acceptable',
      'registration-required',
      'conflict',
      'service-unavailable',
    ],
  },
  '7.2.18': {
    text: 'A presence without the MUC <x> from someone the room does not consider an occupant usually means the client and the room disagree about whether it is joined. The XEP recommends answering with an unavailable "kick" (110, 307 and 333) so the client can rejoin properly.',
    prosody: 'Prosody answers such a presence with item-not-found instead.',
    aliases: ['groupchat 1.0', 'gc1.0', 'desync'],
    seeAlso: ['333', '307', 'item-not-found'],
  },
  '7.3': {
    text: "Occupants other than moderators may change the subject only if the room's configuration allows it; the protocol is the one of §8.1.",
    prosody: 'Off by default in Prosody (muc#roomconfig_changesubject).',
    aliases: ['occupant subject'],
    seeAlso: ['§8.1'],
  },
  '7.4': {
    text: 'To talk to everyone, send a message of type groupchat to the bare room JID. The room reflects it to every occupant, including you, from your occupant JID (room@service/nick) and keeps your id. Visitors in a moderated room get forbidden; people outside the room get not-acceptable.',
    prosody: 'Prosody adds an id when the message has none.',
    aliases: ['groupchat', 'message', 'send message', 'talk'],
    seeAlso: ['visitor', 'forbidden', 'not-acceptable'],
  },
  '7.5': {
    text: 'A private message is a message of type chat sent to an occupant JID; the room delivers it from your occupant JID, so the recipient still does not learn your real JID. Sending it as groupchat is a bad-request, an unknown nick item-not-found; the room configuration decides which roles may send them.',
    prosody:
      'Prosody refuses a private message the configuration does not allow with policy-violation.',
    aliases: ['private message', 'pm', 'private messages', 'whisper'],
    seeAlso: ['policy-violation', 'bad-request'],
  },
  '7.6': {
    text: 'To change nick, send an available presence to room@service/newnick. Everyone, you included, sees an unavailable presence from the old nick with 303 and the new nick on the <item>, then an available presence from the new nick. A taken nick gives conflict; a room that locks nicks answers not-acceptable.',
    prosody: "Prosody adds 110 to both of the changer's own presences.",
    aliases: ['nick change', 'change nick', 'nickname change', 'rename'],
    seeAlso: ['303', 'conflict', '210'],
  },
  '7.7': {
    text: 'To change your status (away, a status text…), send a presence with <show>/<status> to your own occupant JID. The room passes it on to everyone with the muc#user <item> added.',
    aliases: ['status change', 'availability', 'change status', 'away'],
    seeAlso: ['§7.2.2'],
  },
  '7.8': {
    text: 'There are two ways to invite someone: directly from client to client (XEP-0249), or through the room, which then forwards the invitation and may add the invitee to the member list.',
    aliases: ['invite', 'invitation', 'invitations'],
    seeAlso: ['§7.8.1', '§7.8.2'],
  },
  '7.8.1': {
    text: "A direct invitation (XEP-0249) goes from your client straight to the invitee's; the room is not involved. It is the usual choice for open rooms.",
    aliases: ['direct invitation'],
    seeAlso: ['§7.8.2'],
  },
  '7.8.2': {
    text: "A mediated invitation is a message to the room containing <x xmlns='…muc#user'><invite to=…>. The room forwards it to the invitee from the room, naming the inviter (and adding the password if any). The invitee may send a <decline> back through the room. In members-only rooms only those allowed may invite (forbidden otherwise), and the invitee may be added as a member.",
    prosody:
      'Prosody handles only the first <invite>, hides the inviter behind its occupant JID in semi-anonymous rooms, and adds a fallback body and a jabber:x:conference element. It checks only that the invitee is a JID (jid-malformed otherwise), not that the user exists. From someone outside the room, it forwards the invitation naming the real JID.',
    aliases: ['mediated invitation', 'decline'],
    seeAlso: ['§9.5', 'forbidden'],
  },
  '7.9': {
    text: 'Turning a one-to-one chat into a room: create an instant room, replay the earlier messages into it (with delays naming their original senders), and invite the other person with <continue/> so their client can show the conversation as a continuation.',
    prosody: 'Prosody drops the <continue/> when it forwards the invitation.',
    aliases: ['continue', 'one-to-one to muc'],
    seeAlso: ['§7.8.2', '§10.1.2'],
  },
  '7.10': {
    text: 'Registering with a room (jabber:iq:register): ask for the form, submit a muc#register form with at least your nickname, and you become a member with that nick reserved. The room may refuse (not-allowed), say the nick is taken (conflict), not support it (service-unavailable), or reject the form (bad-request).',
    prosody:
      'Prosody makes you a member and reserves your nick at once, with no approval step; by default only users who already have an affiliation may register (others get registration-required). Sending <remove/> deregisters you.',
    aliases: ['register', 'registration', 'deregister', 'unregister'],
    seeAlso: ['member', '§7.12', 'registration-required', '321'],
  },
  '7.11': {
    text: 'Occupants may be allowed to fetch the member list, using the protocol of §9.5.',
    prosody:
      'Prosody lets members read it only in members-only, non-anonymous rooms; admins and owners always.',
    aliases: ['get member list'],
    seeAlso: ['§9.5'],
  },
  '7.12': {
    text: "To learn the nick you reserved, ask the room for disco#info with node x-roomuser-item: the answer's identity carries the nick, or is empty if you have none. A room that insists on reserved nicks refuses other nicks with not-acceptable.",
    prosody: 'Prosody supports the node; an empty answer means no reservation.',
    aliases: ['reserved nick', 'reserved nickname', 'x-roomuser-item'],
    seeAlso: ['§7.10', 'feature-not-implemented', 'conflict'],
  },
  '7.13': {
    text: 'A visitor asks for voice by sending the room a message with a muc#request data form asking for the participant role. The room forwards the request to the moderators (§8.6).',
    prosody: 'Prosody forwards only requests from visitors.',
    aliases: ['voice request', 'request voice'],
    seeAlso: ['§8.6', 'visitor'],
  },
  '7.14': {
    text: 'To leave, send an unavailable presence to your occupant JID, optionally with a <status> goodbye text. You get your own unavailable presence with 110 and role none; the others get it too, with your status text. A temporary room disappears when the last occupant leaves.',
    prosody:
      'Prosody destroys an empty temporary room silently; a client that disconnects leaves every room the same way.',
    aliases: ['exit', 'leave', 'leaving', 'part'],
    seeAlso: ['role none', '110'],
  },

  '8': {
    text: "What moderators do: change the subject, kick, give and take voice, and answer voice requests. Role changes are IQs of type set to the room with <query xmlns='…muc#admin'><item nick=… role=…/>; someone who is not a moderator is refused.",
    prosody:
      "Prosody refuses unauthorised role changes with not-allowed (the XEP's preamble says forbidden).",
    aliases: ['moderator use cases'],
    seeAlso: ['moderator', '§8.2', '§8.3'],
  },
  '8.1': {
    text: "The subject is changed with a groupchat message carrying <subject> and no <body>; the room relays it to everyone from the changer's occupant JID, and an empty <subject/> clears it. Someone not allowed to change it gets forbidden.",
    prosody:
      "By default only Prosody's moderators may change it. If a body comes along with the subject, Prosody treats the message as ordinary chat.",
    aliases: ['subject', 'topic', 'change subject'],
    seeAlso: ['§7.3', '§7.2.15', 'forbidden'],
  },
  '8.2': {
    text: "A moderator kicks an occupant by setting their role to none: <item nick=… role='none'> with an optional <reason>. The kicked user gets an unavailable presence with 307, the others a copy, and the moderator the IQ result. You cannot kick someone with a higher affiliation (not-allowed). A kick is not a ban: they may come back.",
    prosody:
      'Prosody sends the presences first (remaining occupants, then the kicked user with 110) and the IQ result last; moderators who are owners or admins may kick themselves.',
    aliases: ['kick', 'kicking'],
    seeAlso: ['307', 'role none', 'not-allowed', '§9.1'],
  },
  '8.3': {
    text: "A moderator gives a visitor voice by setting the role to participant (<item nick=… role='participant'>). The room answers the IQ and sends everyone the occupant's presence with the new role.",
    prosody: 'Prosody sends the presence update before the IQ result.',
    aliases: ['grant voice', 'give voice'],
    seeAlso: ['participant', 'visitor', '§8.4'],
  },
  '8.4': {
    text: "Revoking voice sets a participant's role to visitor; the room broadcasts the new presence. Admins and owners cannot be silenced (not-allowed).",
    prosody: 'Prosody refuses it for admins and owners with not-allowed.',
    aliases: ['revoke voice', 'devoice', 'mute'],
    seeAlso: ['visitor', '§8.3', 'not-allowed'],
  },
  '8.5': {
    text: 'The voice list is the list of occupants with role participant: a moderator gets it with an IQ get asking for role participant, and can send back a set of changes (only the items that change).',
    prosody: 'Prosody applies only the first <item> of a set.',
    aliases: ['voice list'],
    seeAlso: ['§8.3', '§8.4'],
  },
  '8.6': {
    text: 'The room turns a voice request into a muc#request form sent to the moderators; a moderator who submits it with request_allow true grants voice.',
    aliases: ['approve voice', 'voice approval'],
    seeAlso: ['§7.13', '§8.3'],
  },

  '9': {
    text: 'What admins do: manage who belongs to the room, long-term, by bare JID. Ban and unban, grant and revoke membership, grant and revoke moderator, and edit those lists, all with muc#admin IQs whose <item> carries jid and affiliation.',
    prosody:
      "Prosody refuses unauthorised affiliation changes with not-allowed (the XEP's preamble says forbidden) and applies only the first <item> of a set.",
    aliases: ['admin use cases'],
    seeAlso: ['admin', '§9.1', '§9.3'],
  },
  '9.1': {
    text: "Banning sets a bare JID's affiliation to outcast: <item jid=… affiliation='outcast'> with an optional reason. If the user is in the room, they and everyone else get an unavailable presence with 301; from then on they are refused with forbidden. Banning yourself is refused with conflict, and you cannot ban someone with a higher affiliation.",
    prosody:
      'Prosody sends the presences before the IQ result. A JID without a local part bans a whole domain.',
    aliases: ['ban', 'banning'],
    seeAlso: ['301', 'outcast', '§9.2', 'forbidden'],
  },
  '9.2': {
    text: 'The ban list is the outcast list: an admin can fetch it (with reasons) and send changes, setting outcast to ban or none to lift a ban.',
    aliases: ['ban list', 'unban'],
    seeAlso: ['§9.1', 'outcast'],
  },
  '9.3': {
    text: "An admin grants membership with <item jid=… affiliation='member'>, optionally reserving a nick with nick=…. If the user is present, everyone sees their presence with the new affiliation.",
    prosody:
      'If the user is absent, Prosody tells the occupants who can see real JIDs with a message from the room carrying the <item>.',
    aliases: ['grant membership', 'add member'],
    seeAlso: ['member', '§9.4', '§9.5'],
  },
  '9.4': {
    text: 'Revoking membership sets the affiliation back to none. In an open room the occupant just stays, with the new affiliation in their presence. In a members-only room they may no longer be there, so they are removed with a single unavailable presence carrying 321.',
    prosody:
      "Prosody includes an <actor> in the 321 presence (with the admin's JID where real JIDs may be seen) and sends the IQ result last.",
    aliases: ['revoke membership', 'remove member'],
    seeAlso: ['321', 'member', '§7.2.6'],
  },
  '9.5': {
    text: 'The member list is fetched with affiliation member and changed by sending only the items that change. A nick on an item reserves it (an empty nick clears it). New members of a members-only room should receive an invitation; a mere member trying to invite into such a room gets forbidden.',
    prosody:
      'Reserving a nick that an impostor is using kicks the impostor with 307 ("This nickname is reserved").',
    aliases: ['member list', 'modify member list'],
    seeAlso: ['§9.3', '§9.4', 'member'],
  },
  '9.6': {
    text: 'An admin makes an occupant a moderator by setting their role to moderator; everyone sees the new presence.',
    aliases: ['grant moderator', 'op someone'],
    seeAlso: ['moderator', '§9.7'],
  },
  '9.7': {
    text: 'An admin takes moderation away by setting the role to participant. This is only possible for members and unaffiliated users; admins and owners stay moderators (not-allowed).',
    aliases: ['revoke moderator', 'deop'],
    seeAlso: ['moderator', 'not-allowed'],
  },
  '9.8': {
    text: 'The moderator list is the list of occupants with role moderator; admins may fetch it and send changes.',
    aliases: ['moderator list'],
    seeAlso: ['§9.6', '§9.7'],
  },
  '9.9': {
    text: 'If registrations need approval, the room sends admins a muc#register form with an allow field for each request.',
    prosody: 'Prosody has no approval step: registering makes you a member at once.',
    aliases: ['approve registration', 'registration approval'],
    seeAlso: ['§7.10'],
  },

  '10': {
    text: 'What owners do: create and configure rooms, manage the owner and admin lists, and destroy rooms. Configuration and destruction use the muc#owner namespace; list changes use muc#admin like the admin cases. A non-owner is refused with forbidden.',
    aliases: ['owner use cases'],
    seeAlso: ['owner', '§10.1', '§10.2', '§10.9'],
  },
  '10.1': {
    text: 'Rooms are created by joining them: the first presence to a room that does not exist creates it, makes you the owner (status 201) and locks it until you configure it. You then choose an instant room (accept the defaults) or a reserved room (fill in the configuration form).',
    prosody: 'Prosody sends an empty subject right after the 201 presence.',
    aliases: ['create', 'create room', 'creating a room', 'room creation'],
    seeAlso: ['201', '§10.1.2', '§10.1.3', '§7.2.10'],
  },
  '10.1.1': {
    text: "The creator's presence includes the MUC <x>; the room answers with the owner's self-presence carrying 201 and 110, and refuses the others (item-not-found) while locked. A service that restricts room creation answers not-allowed.",
    aliases: ['create general'],
    seeAlso: ['201', 'not-allowed', '§10.1'],
  },
  '10.1.2': {
    text: 'An instant room keeps the default configuration: the owner sends a muc#owner IQ set containing an empty submitted data form, and the room unlocks.',
    prosody: 'Nothing changed, so Prosody sends no 104 notice after an instant-room submit.',
    aliases: ['instant room', 'instant'],
    seeAlso: ['§10.1.3', '104'],
  },
  '10.1.3': {
    text: 'A reserved room is configured before anyone else enters: the owner gets the muc#roomconfig form with a muc#owner IQ get, fills it in and submits it; the room unlocks. Unacceptable values get not-acceptable, and cancelling the form should destroy the new room.',
    prosody:
      'Prosody does not destroy a room whose initial configuration is cancelled; it stays locked until configured or the 5-minute timeout.',
    aliases: ['reserved room', 'configuration form', 'config form'],
    seeAlso: ['§10.1.2', '§10.2', 'not-acceptable'],
  },
  '10.2': {
    text: 'An owner can fetch and resubmit the configuration at any time. After a change the room notifies the occupants (§10.2.1); switching to members-only removes non-members with 322.',
    prosody:
      'Prosody does not offer the owner and admin lists in the form; it removes non-members before sending the IQ result when a room becomes members-only.',
    aliases: ['config', 'configure', 'configuration', 'room configuration', 'reconfigure'],
    seeAlso: ['§10.2.1', '104', '322'],
  },
  '10.2.1': {
    text: 'After a configuration change the room sends a groupchat message from its bare JID that contains only status codes: 170/171 (logging), 172/173 (anonymity), and 104 for anything else.',
    prosody: 'Prosody sends it after the IQ result, only if something changed.',
    aliases: ['config notification', 'configuration change'],
    seeAlso: ['104', '170', '172', '173'],
  },
  '10.3': {
    text: "An owner makes someone an owner with <item jid=… affiliation='owner'>; a present user's presence shows the new affiliation (and moderator role).",
    aliases: ['grant owner'],
    seeAlso: ['owner', '§10.4'],
  },
  '10.4': {
    text: 'Owners can demote owners, but the room must keep at least one: the last owner giving up ownership gets conflict.',
    prosody:
      'Prosody answers conflict to the last owner, and lets an owner demote another owner (the XEP says not-authorized).',
    aliases: ['revoke owner'],
    seeAlso: ['owner', 'conflict'],
  },
  '10.5': {
    text: 'The owner list is fetched with affiliation owner and changed with delta items. Non-owners may not change it (forbidden).',
    aliases: ['owner list'],
    seeAlso: ['§10.3', '§10.4'],
  },
  '10.6': {
    text: 'An owner makes someone an admin with affiliation admin; a present user usually becomes a moderator too.',
    aliases: ['grant admin'],
    seeAlso: ['admin', '§10.7'],
  },
  '10.7': {
    text: "An owner demotes an admin to member or none; the occupant's role drops accordingly.",
    aliases: ['revoke admin'],
    seeAlso: ['admin', '§10.6'],
  },
  '10.8': {
    text: 'The admin list is fetched with affiliation admin and edited with delta items, by owners only (forbidden for others).',
    aliases: ['admin list'],
    seeAlso: ['§10.6', '§10.7'],
  },
  '10.9': {
    text: 'An owner destroys a room with a muc#owner IQ set containing <destroy>, optionally with a <reason> and a jid naming an alternate venue. Every occupant gets one unavailable presence carrying the <destroy>, then the owner gets the IQ result. Non-owners get forbidden.',
    prosody:
      "Prosody adds the occupant's real affiliation and 110 to each destroy presence (XEP Example 202 shows neither) and remembers destroyed persistent rooms: for 31 days joins get gone with the new address.",
    aliases: ['destroy', 'destroy room', 'destruction'],
    seeAlso: ['gone', 'forbidden', 'owner'],
  },

  '11': {
    text: "Removals the service decides on its own, not a user: because an occupant's client answered with an error, or because the service shuts down.",
    aliases: ['service use cases'],
    seeAlso: ['§11.1', '§11.2'],
  },
  '11.1': {
    text: "When an occupant's client or server answers the room with an error, the room may conclude the occupant is gone and remove them with status 333, telling the others too. Clients should not read a 307 next to it as a kick.",
    prosody: 'Prosody removes them with 333 and a <status> text naming the error.',
    aliases: ['error kick', 'removed because of error'],
    seeAlso: ['333', '§18.1.2'],
  },
  '11.2': {
    text: 'When the service shuts down it should tell every occupant with an unavailable presence carrying 332.',
    prosody: 'Prosody keeps occupants across restarts and never sends 332.',
    aliases: ['shutdown', 'service shutdown'],
    seeAlso: ['332'],
  },

  '12': {
    text: "Status codes are three-digit numbers in <status code=…/> inside the room's muc#user <x>: they say why a presence or message was sent (you created the room, this is you, you were kicked…). Their list is kept in a registry (§16.6). Roughly: 1xx inform, 2xx say all is well, 3xx announce removals and renames, and x7x concern privacy.",
    aliases: ['status codes', 'status', 'codes'],
    seeAlso: ['110', '201', '307', '§16.6'],
  },
  '16.6': {
    text: 'The registry of status codes: for each code, which stanza carries it, in what context, and why. mucsim explains every registered code: try `mucsim explain 110`.',
    aliases: ['status code registry', 'registry'],
    seeAlso: ['§12'],
  },
  '17': {
    text: 'Rules that apply across all use cases: how room and nick addresses are normalised, what type messages must have, what counts as a join or a leave, and how admin items must be written.',
    aliases: ['business rules', 'rules'],
    seeAlso: ['§17.1', '§17.2', '§17.3', '§17.4'],
  },
  '17.1': {
    text: 'Room names are normalised with nodeprep and nicknames with resourceprep; a nick must not be empty or made only of invisible characters. Further folding is up to the service.',
    prosody:
      'Prosody also refuses nicks that fail strict validation with jid-malformed, and nicks with no visible character with not-allowed ("Invisible Nicknames are forbidden").',
    aliases: ['addresses', 'nick rules'],
    seeAlso: ['jid-malformed'],
  },
  '17.2': {
    text: 'Messages to everyone must be of type groupchat (otherwise the room may ignore them or answer bad-request); a message from someone with role none is refused with forbidden; a message to a missing or still-locked room gets item-not-found.',
    prosody:
      'Prosody answers a chat-type message to the bare room JID with service-unavailable, and a groupchat from a non-occupant with not-acceptable.',
    aliases: ['message rules'],
    seeAlso: ['§7.4', 'bad-request', 'forbidden'],
  },
  '17.3': {
    text: 'A join is an available presence (no type); a leave is type unavailable; probes are neither. Re-joining while joined is a resync. The room ignores unavailable presence from someone who is not there, never reflects muc#user data a client put in, and always includes role and affiliation (and the full JID when allowed) in the presence it sends.',
    prosody:
      'Prosody answers presence probes to occupants (for absent members, with an unavailable presence) and refuses probes from non-occupants with not-acceptable.',
    aliases: ['presence rules', 'probe'],
    seeAlso: ['§7.2.1', '§7.14'],
  },
  '17.4': {
    text: 'IQs to the room are for the room, never reflected. A muc#admin <item> carries a role or an affiliation, never both (bad-request). Role changes name the occupant by nick; affiliation changes name the user by bare JID. Results list nick, role, affiliation and full JID for roles, and affiliation, bare JID and nick for affiliations.',
    prosody:
      'Prosody also accepts a jid on a role item and a nick on an affiliation item, and looks up the other.',
    aliases: ['iq rules', 'admin items'],
    seeAlso: ['bad-request', '§8', '§9'],
  },
  '18.1': {
    text: "Notes for service implementers, among them the courtesy message with status 101 when an absent user's affiliation changes.",
    aliases: ['service notes'],
    seeAlso: ['101', '§18.1.1', '§18.1.2'],
  },
  '18.1.1': {
    text: 'A room may restrict which extensions it relays; the muc#traffic disco node lists the allowed namespaces. A room that filters nothing answers service-unavailable; one that does not support the query answers feature-not-implemented.',
    prosody: 'Prosody does not implement the muc#traffic node.',
    aliases: ['allowable traffic', 'traffic'],
    seeAlso: ['service-unavailable', 'feature-not-implemented'],
  },
  '18.1.2': {
    text: 'A ghost is an occupant whose client is gone without the room knowing. Delivery errors such as gone, item-not-found, recipient-unavailable, redirect, remote-server-not-found or remote-server-timeout show it; the room may then remove the ghost (with 333, §11.1) or ping first.',
    prosody:
      'Prosody also counts internal-server-error, jid-malformed and service-unavailable as signs of a ghost.',
    aliases: ['ghost', 'ghosts', 'ghost users'],
    seeAlso: ['333', '§11.1', 'gone'],
  },
};
