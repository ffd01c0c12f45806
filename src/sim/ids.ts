// Seeded ids for generated resources, stanza ids and ad-hoc sessions: same seed, same ids — XEP-0045 §7.4 (stable ids)
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** mulberry32: a small, well-distributed 32-bit generator. */
export class SeededIds {
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0;
  }

  private nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** The generator's state: the ids after a restore are those that came after the checkpoint. */
  checkpoint(): number {
    return this.state;
  }

  restore(state: number): void {
    this.state = state;
  }

  next(length = 8): string {
    let id = '';
    for (let index = 0; index < length; index += 1) {
      id += ALPHABET[this.nextUint32() % ALPHABET.length];
    }
    return id;
  }
}
