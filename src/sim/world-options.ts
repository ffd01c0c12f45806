// The options of a simulated world: its domains, admins, clock, limits, trace and the MUC service's features — XEP-0045 §7 (the world around the service)
import type { MucExtra } from '../muc/extras.js';
import type { Feature } from '../muc/hooks.js';

export interface WorldOptions {
  seed?: number;
  domain?: string;
  mucDomain?: string;
  admins?: readonly string[];
  /** Record the trace (default true); off for benchmarks and fuzzing. */
  trace?: boolean;
  /** Simulated time that passes with every client action (default 1 s). */
  stepMs?: number;
  /** The MUC service's feature list (default: all of them), e.g. to add a test feature. */
  features?: readonly Feature[];
  /** What the service adds beyond Prosody (src/muc/extras.ts); none by default. */
  extras?: readonly MucExtra[];
  /** The largest stanza a client may send, serialised, in bytes (default 256 KiB). */
  maxStanzaBytes?: number;
  /** The deepest nesting of elements a client may send, the stanza itself being 1 (default 64). */
  maxStanzaDepth?: number;
  /** The language of every client's stream (`xml:lang`, default `en`, what @xmpp/client sends). */
  lang?: string;
}
