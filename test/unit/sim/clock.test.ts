// Tests for the simulated clock's timers: each runs as the clock passes its time, with the clock at that time, in time order then in the order set — XEP-0045 §10.1.1 (the lock's timeout)
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/sim/clock.js';

describe('SimulatedClock timers', () => {
  it('run as the clock passes them, each at its own time, earliest first, then in the order set', () => {
    const clock = new SimulatedClock(0);
    const ran: string[] = [];
    const at = (name: string) => () => ran.push(`${name}@${clock.now()}`);
    clock.schedule(30, at('c'));
    clock.schedule(10, at('a'));
    clock.schedule(30, at('d'));
    clock.schedule(20, at('b'));

    clock.advance(25);
    expect(ran).toEqual(['a@10', 'b@20']);
    expect(clock.now()).toBe(25);

    clock.advance(5);
    expect(ran).toEqual(['a@10', 'b@20', 'c@30', 'd@30']);
  });

  it('runs a timer set in the past at the next advance, without moving time back', () => {
    const clock = new SimulatedClock(100);
    const ran: number[] = [];
    clock.schedule(50, () => ran.push(clock.now()));

    clock.advance(0);

    expect(ran).toEqual([100]);
  });
});
