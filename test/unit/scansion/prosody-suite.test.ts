// Every script of Prosody's MUC suite parses and round-trips through the writer — XEP-0045 conformance scripts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../../src/scansion/block.js';
import { parseScript } from '../../../src/scansion/parser.js';
import type { Script } from '../../../src/scansion/script.js';
import { writeScript } from '../../../src/scansion/writer.js';
import { canonicalXml } from '../../../src/xmpp/xml.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const suite = resolve(root, process.env.MUCSIM_PROSODY_SUITE ?? '../shared/scansion/prosody');
const present = existsSync(suite);
const files = present
  ? readdirSync(suite)
      .filter((name) => name.endsWith('.scs'))
      .sort()
  : [];

function structure(script: Script) {
  return {
    title: script.title,
    description: script.description,
    tags: script.tags,
    clients: script.clients.map(({ line: _, ...client }) => client),
    actions: script.actions.map((action) => {
      const block = action.xml === undefined ? undefined : parseBlock(action.xml);
      return {
        kind: action.kind,
        client: action.client,
        nothing: action.nothing ?? false,
        narration: action.narration,
        xml: block?.ok ? canonicalXml(block.element) : block?.error.message,
      };
    }),
    comments: script.comments.map((comment) => comment.text),
    epilogue: script.epilogue,
  };
}

(present ? describe : describe.skip)(
  present
    ? `Prosody scansion suite (${suite})`
    : `Prosody scansion suite: not found at ${suite} (set MUCSIM_PROSODY_SUITE)`,
  () => {
    it('has scripts', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    it.each(files)('parses %s without errors or warnings', (file) => {
      const script = parseScript(readFileSync(join(suite, file), 'utf8'), file);

      expect(script.warnings).toEqual([]);
      expect(script.clients.length).toBeGreaterThan(0);
      expect(script.actions.length).toBeGreaterThan(0);
      expect(script.title).toBeTruthy();
    });

    it.each(files)('round-trips %s through writeScript', (file) => {
      const parsed = parseScript(readFileSync(join(suite, file), 'utf8'), file);

      const reparsed = parseScript(writeScript(parsed), file);

      expect(structure(reparsed)).toEqual(structure(parsed));
    });
  },
);
