/**
 * Readings as the layouts find them — one value per meter, register and interval, in file order —
 * before they are placed on each meter's grid (meter-grid.ts). Wall-clock labels are turned into
 * UTC in place (labels.ts) before that.
 */

/** Growable column store of readings; typed arrays keep 300k-row files cheap. */
export class Readings {
  /** Meter ids in order of first appearance. */
  readonly ids: string[] = [];
  count = 0;
  meter: Int32Array;
  channel: Uint8Array;
  /** Naive local ms or UTC ms, depending on the layout; UTC interval starts after toUtc(). */
  time: Float64Array;
  value: Float64Array;
  line: Int32Array;
  private readonly index = new Map<string, number>();
  private lastId = '';
  private lastMeter = -1;

  constructor(capacity = 1024) {
    capacity = Math.max(16, capacity);
    this.meter = new Int32Array(capacity);
    this.channel = new Uint8Array(capacity);
    this.time = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
    this.line = new Int32Array(capacity);
  }

  /** The index of a meter id, registering it on first sight. */
  meterIndex(id: string): number {
    // Long files repeat the same id row after row: skip the Map for the common case.
    if (id === this.lastId && this.lastMeter >= 0) return this.lastMeter;
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    this.lastId = id;
    this.lastMeter = i;
    return i;
  }

  /** Appends one reading. */
  add(meter: number, channel: number, time: number, value: number, line: number): void {
    if (this.count === this.time.length) this.grow();
    const k = this.count++;
    this.meter[k] = meter;
    this.channel[k] = channel;
    this.time[k] = time;
    this.value[k] = value;
    this.line[k] = line;
  }

  /**
   * Takes over another store's columns as they are (a part of a file read elsewhere, long-parts.ts),
   * its meter numbers mapped to this store's (`meters[i]`: this store's number of its meter i).
   */
  adopt(
    part: { count: number; meter: Int32Array; channel: Uint8Array; time: Float64Array; value: Float64Array; line: Int32Array },
    meters: Int32Array,
  ): void {
    this.meter = part.meter;
    this.channel = part.channel;
    this.time = part.time;
    this.value = part.value;
    this.line = part.line;
    this.count = part.count;
    let identity = true;
    for (let i = 0; i < meters.length; i++) if (meters[i] !== i) identity = false;
    if (!identity) for (let k = 0; k < this.count; k++) this.meter[k] = meters[this.meter[k]!]!;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const meter = new Int32Array(size);
    meter.set(this.meter);
    this.meter = meter;
    const channel = new Uint8Array(size);
    channel.set(this.channel);
    this.channel = channel;
    const time = new Float64Array(size);
    time.set(this.time);
    this.time = time;
    const value = new Float64Array(size);
    value.set(this.value);
    this.value = value;
    const line = new Int32Array(size);
    line.set(this.line);
    this.line = line;
  }
}
