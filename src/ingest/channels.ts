/**
 * The registers a reading can belong to, as small integers: the layouts tag each reading with one,
 * and per-meter grids are kept in arrays indexed by meter * CHANNELS + channel.
 */

/** Energy drawn from the grid before any netting (pobór, A+). */
export const IMPORT = 0;
/** Energy injected into the grid before any netting (oddanie, A−). */
export const EXPORT = 1;
/** Import after the DSO's hourly netting (po bilansowaniu): kept apart, never added. */
export const NETTED_IMPORT = 2;
/** Export after the DSO's hourly netting. */
export const NETTED_EXPORT = 3;
/** Gross generation behind the meter (a PV inverter's own meter). */
export const GENERATION = 4;
/** Number of channels: per-meter-and-channel keys are meter * CHANNELS + channel. */
export const CHANNELS = 5;
