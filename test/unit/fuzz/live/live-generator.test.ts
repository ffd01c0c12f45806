// What a live run never asks a real server: the inputs whose outcome Prosody 13 leaves to Lua table order or that stop it (docs/prosody-differences.md) — XEP-0045 §7.10, §7.14, §10.2 on a real server
import type { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { makeCast } from '../../../../src/fuzz/actions.js';
import { form, iq } from '../../../../src/fuzz/draw/build.js';
import { ORDER_DEPENDENT_FIELDS } from '../../../../src/fuzz/draw/iq.js';
import { StanzaGenerator } from '../../../../src/fuzz/generator.js';
import { Harness } from '../../../../src/fuzz/harness.js';
import { mayGoUnanswered } from '../../../../src/fuzz/oracle/prosody-rules.js';
import { Random } from '../../../../src/fuzz/random.js';
import { prepJid, resourceOf } from '../../../../src/xmpp/jid.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { resourceprep } from '../../../../src/xmpp/stringprep.js';

type Field = [string, string[]];

function fieldsOf(stanza: Element): Field[] | undefined {
  const form = stanza.getChild('query', NS.mucOwner)?.getChild('x', NS.dataForms);
  if (!form) return undefined;
  return form
    .getChildren('field')
    .filter((field) => field.attrs.var !== 'FORM_TYPE')
    .map((field) => [
      field.attrs.var as string,
      field.getChildren('value').map((value) => value.getText()),
    ]);
}

function raises(room: string, field: Field): boolean {
  const probe = iq('set', room, 'probe');
  probe.c('query', { xmlns: NS.mucOwner }).cnode(form('submit', NS.mucRoomconfig, [field]));
  return mayGoUnanswered(probe);
}

/** What the live generator must not send, given the world before the step; undefined if fine. */
function problem(stanza: Element, harness: Harness): string | undefined {
  const to = stanza.attrs.to as string | undefined;
  const nick = to === undefined ? undefined : resourceOf(to);
  if (stanza.name === 'presence' && nick && resourceprep(nick) === '') {
    return `a presence to ${to}, whose nick prepares to nothing`;
  }
  const fields = fieldsOf(stanza);
  if (fields && to !== undefined) {
    const names = fields.map(([name]) => name);
    const length = fields.find(([name]) => name === 'muc#roomconfig_historylength')?.[1][0];
    if (length !== undefined && Number(length) < 0) return `a history length of ${length}`;
    const together = ORDER_DEPENDENT_FIELDS.find(
      ([first, second]) => names.includes(first) && names.includes(second),
    );
    if (together) return `${together.join(' and ')} in one form`;
    if (fields.some((field) => raises(to, field)) && !fields.every((field) => raises(to, field))) {
      return `a field Prosody raises on, with others: ${names.join(', ')}`;
    }
  }
  const item = stanza.getChild('query', NS.mucAdmin)?.getChild('item');
  const reserved = item?.attrs.nick as string | undefined;
  if (item?.attrs.affiliation !== undefined && reserved !== undefined && to !== undefined) {
    const room = harness.world.service.room(prepJid(to) ?? to);
    const wanted = resourceprep(reserved) ?? reserved;
    const holder =
      item.attrs.jid === undefined
        ? room?.occupantByNick(wanted)?.bareJid
        : prepJid(item.attrs.jid as string);
    const records = holder === undefined ? [] : (room?.state.affiliations ?? []);
    for (const [reserver, record] of records) {
      if (record.reservedNick === wanted && reserver !== holder) {
        return `the nick ${wanted}, reserved by ${reserver}, reserved again for ${holder}`;
      }
    }
  }
  return undefined;
}

describe('the live generator', () => {
  it.each([1, 2, 3, 4, 5])(
    'seed %i: sends nothing whose outcome Prosody 13 leaves to chance or that stops it',
    (seed) => {
      const cast = makeCast(8, 4);
      const harness = new Harness(cast, { stepMs: 0 });
      const generator = new StanzaGenerator(new Random(seed), cast, harness.world, { live: true });
      const problems: string[] = [];
      let forms = 0;
      for (let step = 0; step < 3000; step += 1) {
        const action = generator.next(harness.connected);
        if (action.kind === 'send') {
          const found = problem(action.stanza, harness);
          if (found) problems.push(`step ${step}: ${found}`);
          if (fieldsOf(action.stanza)) forms += 1;
        }
        harness.step(action);
      }
      expect(problems).toEqual([]);
      expect(forms).toBeGreaterThan(20);
    },
  );
});
