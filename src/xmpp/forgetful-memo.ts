// Values computed once per key, up to a number of keys, then all forgotten at once: the same JIDs, nicks, rooms and instants come back stanza after stanza — XEP-0045 §7 (every occupant's stanzas)

/** A memo of `make`'s values by key that, once it holds `limit` of them, forgets them all before the next. */
export class ForgetfulMemo<Key, Value> {
  private readonly known = new Map<Key, Value>();

  constructor(private readonly limit: number) {}

  /** The value for `key`: the one remembered, else `make`'s, remembered from now on. */
  get(key: Key, make: (key: Key) => Value): Value {
    const known = this.known.get(key);
    if (known !== undefined || this.known.has(key)) return known as Value;
    const value = make(key);
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(key, value);
    return value;
  }
}
