// Parsers for command-line option values, with commander's InvalidArgumentError — the CLI around XEP-0045 scenarios
import { InvalidArgumentError } from 'commander';
import { parseService, type ServiceAddress } from '../live/service.js';

export function parseSeed(value: string): number {
  const seed = Number(value);
  // Number('') and Number(' ') are 0, Number('0x10') is 16: only digits are a seed.
  if (!/^\d+$/.test(value) || !Number.isInteger(seed) || seed > 0xffffffff) {
    throw new InvalidArgumentError('expected a whole number from 0 to 4294967295');
  }
  return seed;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s)?$/;

/** `2s`, `500ms`, `1.5s` or a bare number of milliseconds (`2000`). */
export function parseDuration(value: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected a duration such as 2s, 500ms or 2000`);
  const amount = Number(match[1]);
  const ms = match[2] === 's' ? amount * 1000 : amount;
  if (!Number.isFinite(ms) || ms < 1 || ms > 600_000) {
    throw new InvalidArgumentError('expected a duration from 1ms to 600s');
  }
  return Math.round(ms);
}

/** `xmpp://HOST:PORT`: the c2s address of a live server. */
export function parseServer(value: string): ServiceAddress {
  const parsed = parseService(value);
  if ('error' in parsed) throw new InvalidArgumentError(parsed.error);
  return parsed;
}

/** A domain name such as `localhost` or `conference.example.org` (no `@`, `/` or spaces). */
export function parseDomain(value: string): string {
  const domain = value.trim().toLowerCase();
  if (domain === '' || /[@/\s]/.test(domain)) {
    throw new InvalidArgumentError(`expected a domain such as localhost, got '${value}'`);
  }
  return domain;
}
