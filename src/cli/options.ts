// Parsers for command-line option values, with commander's InvalidArgumentError — the CLI around XEP-0045 scenarios
import { InvalidArgumentError } from 'commander';

export function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InvalidArgumentError('expected a whole number from 0 to 4294967295');
  }
  return seed;
}
