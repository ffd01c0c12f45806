// The fuzzer's public face: seeded runs, replays, shrinking and repro scripts — hostile input for XEP-0045 services (§5, §7, §17)
export { type FuzzAction, type FuzzCast, type FuzzClient, makeCast } from './actions.js';
export {
  type FuzzOptions,
  type FuzzResult,
  type FuzzViolation,
  fuzz,
  RECORD_WINDOW,
  recordViolation,
  replay,
} from './engine.js';
export { Harness, WORLD_SEED } from './harness.js';
export { INVARIANTS, type InvariantName, type Violation } from './oracle/context.js';
export { type Repro, type ReproInfo, scriptToActions, writeRepro } from './repro.js';
export { type ShrinkResult, shrink } from './shrink.js';
