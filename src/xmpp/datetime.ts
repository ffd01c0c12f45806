// XEP-0082 date-times as Prosody's util/datetime.lua parse reads them — XEP-0045 §7.2.14 (history since) and MAM's start/end

const PATTERN = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2}\.?\d*)([Z+-]?.*)$/;

/**
 * Milliseconds since the epoch, or undefined where Prosody's datetime.parse returns nil. Like
 * Lua's os.time it carries out-of-range fields over (month 13 is January of the next year); a
 * zone is `Z`, nothing (UTC), or ±hh[:mm] (a malformed minute part counts as 0).
 */
export function parseDateTime(text: string): number | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, seconds, zone] = match;
  let offset = 0;
  if (zone !== '' && zone !== 'Z') {
    const parts = /([+-])(\d{2}):?(\d*)/.exec(zone);
    if (!parts) return undefined;
    const minutes = parts[3].length === 2 ? Number(parts[3]) : 0;
    offset = Number(parts[2]) * 3600 + minutes * 60;
    if (parts[1] === '-') offset = -offset;
  }
  const base = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  return base + (Number(seconds) - offset) * 1000;
}
