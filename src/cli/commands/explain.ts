// `mucsim explain <topic>`: a status code, error condition, section, role or affiliation in plain words, with XEP-0045 § and example numbers
import { Command } from 'commander';
import {
  type Explanation,
  explain,
  formatExamples,
  listTopics,
  suggest,
  TOPIC_KINDS,
  type TopicKind,
} from '../../explain/index.js';
import { visibleToken } from '../../xmpp/visible.js';
import { type Palette, paletteFor } from '../colors.js';
import { type CliIo, EXIT } from '../io.js';

const WIDTH = 80;

const KIND_HEADINGS: Record<TopicKind, string> = {
  status: 'Status codes (§12)',
  error: 'Error conditions',
  section: 'Sections',
  role: 'Roles (§5.1)',
  affiliation: 'Affiliations (§5.2)',
};

/** Greedy word wrap; `first` prefixes the first line, `rest` the following ones. */
export function wrap(text: string, width: number, first = '', rest = first): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += empty ? word : ` ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

export function renderExplanation(explanation: Explanation, colors: Palette): string {
  const out: string[] = [colors.bold(explanation.title)];
  const where = [`XEP-0045 ${explanation.sections.join(', ')}`];
  const examples = formatExamples(explanation.examples);
  if (examples) where.push(examples);
  if (explanation.glyph?.trim()) where.push(`glyph "${explanation.glyph}"`);
  out.push(colors.cyan(wrap(where.join(' · '), WIDTH)), '');
  out.push(wrap(explanation.text, WIDTH));
  if (explanation.may && explanation.may.length > 0) {
    out.push('', wrap(`${explanation.may.join('; ')}.`, WIDTH, `${colors.green('May:')} `, '  '));
  }
  if (explanation.mayNot && explanation.mayNot.length > 0) {
    out.push(
      '',
      wrap(`${explanation.mayNot.join('; ')}.`, WIDTH, `${colors.red('May not:')} `, '  '),
    );
  }
  if (explanation.prosody) {
    // "Prosody: sends …" rather than "Prosody: Prosody sends …".
    const prosody = explanation.prosody.replace(/^Prosody (?=[a-z])/, '');
    out.push('', wrap(prosody, WIDTH, `${colors.yellow('Prosody:')} `, '  '));
  }
  if (explanation.seeAlso.length > 0) {
    out.push('', colors.dim(wrap(explanation.seeAlso.join(', '), WIDTH, 'See also: ', '  ')));
  }
  return `${out.join('\n')}\n`;
}

/** The part of a topic's summary worth showing beside it in a list. */
function listLine(explanation: Explanation): string {
  const afterColon = explanation.summary.slice(explanation.summary.indexOf(': ') + 2);
  switch (explanation.kind) {
    case 'status':
      return explanation.summary.slice(explanation.topic.length + 1);
    case 'section':
      return explanation.title.replace(/^XEP-0045 §[\d.]+ /, '');
    case 'error':
      return afterColon;
    case 'role':
    case 'affiliation':
      return `${explanation.glyph?.trim() || '·'}  ${afterColon}`;
  }
}

export function renderTopicList(colors: Palette): string {
  const out: string[] = [];
  for (const kind of TOPIC_KINDS) {
    const topics = listTopics(kind);
    const width = Math.max(...topics.map((explanation) => explanation.topic.length));
    out.push(colors.bold(KIND_HEADINGS[kind]));
    for (const explanation of topics) {
      out.push(`  ${colors.cyan(explanation.topic.padEnd(width))}  ${listLine(explanation)}`);
    }
    out.push('');
  }
  out.push(
    'Also accepted: "status 307", "section 9.4", "example 90", and words such as kick, ban, join.',
  );
  return `${out.join('\n')}\n`;
}

export function makeExplainCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('explain')
    .description('explain a status code, error, section, role or affiliation of XEP-0045')
    .argument('[topic...]', 'e.g. 307, forbidden, §9.4, kick, moderator, outcast')
    .option('--list', 'list the topics')
    .addHelpText(
      'after',
      '\nExamples:\n  mucsim explain 307\n  mucsim explain not-allowed\n  mucsim explain §10.1.2\n  mucsim explain role none\n  mucsim explain --list\n',
    )
    .action((words: string[], options: { list?: boolean }) => {
      const colors = paletteFor(io.env, io.isTTY);
      if (options.list) {
        io.out(renderTopicList(colors));
        setExit(EXIT.ok);
        return;
      }
      const topic = words.join(' ').trim();
      if (!topic) {
        io.err('mucsim explain: name a topic, e.g. mucsim explain 307 (or --list)\n');
        setExit(EXIT.usage);
        return;
      }
      const found = explain(topic);
      if (found) {
        io.out(renderExplanation(found, colors));
        setExit(EXIT.ok);
        return;
      }
      const near = suggest(topic);
      const hint = near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : '';
      io.err(
        `mucsim explain: no topic "${visibleToken(topic)}".${hint}\n(mucsim explain --list shows them all)\n`,
      );
      setExit(EXIT.usage);
    });
}
