// Seeded Tauron eLicznik hourly exports, as a cluster coordinator gets them from members: one file
// per PPE (the PPE only in the file name), UTF-8 with CRLF, `Data;Strefa;Wartość kWh;Rodzaj;`,
// hour-ending labels `1:00`…`24:00` in Polish local time (the spring day skips 3:00, the autumn
// day lists 3:00 twice), tariff zone T1/T2, a `pobór` and an `oddanie` row per hour, decimal
// comma. Plain JavaScript: the bench page (in the browser) and the bench runner (in Node, for the
// CLI) build byte-identical files from the same seed.

const HEADER = 'Data;Strefa;Warto\u015b\u0107 kWh;Rodzaj;\r\n';

/** sfc32: small, fast, seedable. */
function sfc32(seed) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** The local hours of `year` as [date label, hour label] in file order, DST included. */
function localHours(year) {
  const out = [];
  const pad = (n) => String(n).padStart(2, '0');
  // The last Sundays of March and October.
  const lastSunday = (month) => {
    const d = new Date(Date.UTC(year, month + 1, 0));
    return d.getUTCDate() - d.getUTCDay();
  };
  const spring = lastSunday(2);
  const autumn = lastSunday(9);
  for (let month = 0; month < 12; month++) {
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    for (let day = 1; day <= days; day++) {
      const date = `${year}-${pad(month + 1)}-${pad(day)}`;
      for (let h = 1; h <= 24; h++) {
        if (month === 2 && day === spring && h === 3) continue;
        out.push([date, h]);
        if (month === 9 && day === autumn && h === 3) out.push([date, h]);
      }
    }
  }
  return out;
}

/** The PPE of member `i` (18 characters, as Tauron's): PL0037910000 + 6 digits. */
export function tauronPpe(i) {
  return `PL0037910${String(100000 + i).padStart(9, '0')}`;
}

/** The file name a member's export is saved under. */
export function tauronFileName(i) {
  return `tauron-elicznik-${tauronPpe(i)}.csv`;
}

/**
 * Member `i`'s export of `year` as UTF-8 bytes. A third of the members have rooftop PV (export in
 * the middle of sunny days); consumption follows a day and a week shape with noise. Deterministic
 * in (seed, i, year).
 */
export function tauronFile(i, { seed = 20250101, year = 2025 } = {}) {
  const rnd = sfc32(seed ^ Math.imul(i + 1, 0x9e3779b1));
  const hours = localHours(year);
  const base = 0.15 + 2.5 * rnd() * rnd();
  const pv = i % 3 === 0 ? 3 + 8 * rnd() : 0;
  const parts = [HEADER];
  let cloud = rnd();
  let dayIndex = -1;
  let lastDate = '';
  for (const [date, h] of hours) {
    if (date !== lastDate) {
      lastDate = date;
      dayIndex++;
      cloud = 0.7 * cloud + 0.3 * rnd();
    }
    const season = Math.cos(((dayIndex - 172) / 365) * 2 * Math.PI); // 1 at midsummer
    const weekend = (dayIndex + 3) % 7 >= 5;
    const shape = h >= 7 && h <= 22 ? (h >= 17 && h <= 21 ? 1.6 : 1.1) : 0.55;
    const load = base * shape * (weekend ? 1.15 : 1) * (1.15 - 0.25 * season) * (0.7 + 0.6 * rnd());
    const sun = Math.max(0, Math.sin(((h - 0.5 - 4.5 - 1.5 * (1 - season)) / (15 + 4 * season - 2 * (1 - season))) * Math.PI));
    const gen = pv * sun * (0.35 + 0.45 * (1 + season) * 0.5) * (1 - 0.8 * cloud) * (0.9 + 0.2 * rnd());
    const net = load - gen;
    const zone = h >= 7 && h <= 21 && !weekend ? 'T1' : 'T2';
    const imp = net > 0 ? net : 0;
    const exp = net < 0 ? -net : 0;
    const label = `${date} ${h}:00;${zone};`;
    parts.push(
      `${label}${imp.toFixed(3).replace('.', ',')};pob\u00f3r;\r\n${label}${exp.toFixed(3).replace('.', ',')};oddanie;\r\n`,
    );
  }
  return new TextEncoder().encode(parts.join(''));
}
