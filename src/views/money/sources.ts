/**
 * Where the default prices come from, as the page says it: the money core's provenance texts
 * (English, src/money/*) with their Polish wording, the date and the status mark ("typowa" /
 * "szacunek"), and numbered footnotes so that a compact table can put a small number beside each
 * value. A text without a Polish wording here is shown as written.
 */
import type { Provenance } from '../../money/tariffs';
import type { Lang } from '../../i18n/plural';

const PL: Record<string, string> = {
  'URE decision of 17 Dec 2025 (Tauron Dystrybucja tariff)':
    'decyzja Prezesa URE z 17 grudnia 2025 r. (taryfa Tauron Dystrybucja)',
  'URE average household energy price in the 2026 tariffs, 0.49516 PLN/kWh without VAT and excise (URE, Dec 2025), + excise 0.005':
    'średnia cena energii dla gospodarstw domowych w taryfach na 2026 r.: 0,49516 zł/kWh bez VAT i akcyzy (URE, grudzień 2025) + akcyza 0,005',
  'DSO tariffs 2026 (Tauron 0.0332; PGE 0.0331)': 'taryfy OSD na 2026 r. (Tauron 0,0332; PGE 0,0331)',
  'URE, OZE fee for 2026': 'URE, opłata OZE na 2026 r.',
  'cogeneration fee, Dz.U. 2025 poz. 1664': 'opłata kogeneracyjna, Dz.U. 2025 poz. 1664',
  'URE decision of 17 Dec 2025 (Tauron Dystrybucja): fixed network charge 7.38 + subscription 0.76':
    'decyzja Prezesa URE z 17 grudnia 2025 r. (Tauron Dystrybucja): opłata stała 7,38 + abonamentowa 0,76',
  'capacity fee for households 2026 (URE): < 500 kWh/yr, 500–1,200, 1,200–2,800, > 2,800':
    'opłata mocowa dla gospodarstw domowych 2026 (URE): < 500 kWh/rok, 500–1200, 1200–2800, > 2800',
  "URE average household energy price 0.49516 + excise 0.005, applied to every zone: enter your seller's zone prices":
    'średnia cena URE dla gospodarstw domowych 0,49516 + akcyza 0,005 w każdej strefie: wpisz ceny stref swojego sprzedawcy',
  "as G11 (Tauron 2026: 7.38 + 0.76), check your DSO's tariff":
    'jak w G11 (Tauron 2026: 7,38 + 0,76) — sprawdź taryfę swojego OSD',
  "typical Polish DSO zone hours (Tauron/PGE style), check your DSO's tariff":
    'typowe godziny stref polskich OSD (jak Tauron/PGE) — sprawdź taryfę swojego OSD',
  "typical Polish DSO value, check your DSO's tariff": 'typowa wartość polskich OSD — sprawdź taryfę swojego OSD',
  "no regulated price for businesses: the URE household average 0.49516 + excise 0.005 as a placeholder; enter your contract's price":
    'ceny dla firm nie są regulowane: tymczasowo średnia URE dla gospodarstw 0,49516 + akcyza 0,005 — wpisz cenę z umowy',
  'PGE Dystrybucja tariff page, 0.3159 PLN/kWh gross': 'strona taryfy PGE Dystrybucja, 0,3159 zł/kWh brutto',
  'PGE Dystrybucja tariff page, 0.3903 PLN/kWh gross': 'strona taryfy PGE Dystrybucja, 0,3903 zł/kWh brutto',
  'capacity fee for other groups, working days 7:00–22:00, × K (URE 2025)':
    'opłata mocowa dla pozostałych grup, dni robocze 7:00–22:00, × K (URE 2025)',
  'coefficient K4 = 1.00 (the default; K1 0.17, K2 0.50, K3 0.83)':
    'współczynnik K4 = 1,00 (domyślny; K1 0,17, K2 0,50, K3 0,83)',
  'typical: between the export price (RCEm 2025 about 0.32 PLN/kWh on average) and the energy price (about 0.50); set in the cluster agreement':
    'typowo między ceną sprzedaży do sieci (RCEm 2025 średnio ok. 0,32 zł/kWh) a ceną energii (ok. 0,50); ustala ją porozumienie klastra',
  'KOBiZE emission factor for end users of electricity (2023 data; 0.743 t/MWh for combustion)':
    'wskaźnik emisyjności KOBiZE dla odbiorców końcowych energii elektrycznej (dane za 2023 r.; 0,743 t/MWh dla spalania)',
  'typical real discount rate for public-sector energy projects':
    'typowa realna stopa dyskontowa projektów energetycznych sektora publicznego',
  'issue 9 default horizon': 'domyślny horyzont analizy',
  'PSE RCEm as reported by gramwzielone.pl (CLUSTERS.md §5.1)': 'RCEm PSE według gramwzielone.pl',
  'PSE RCEm as reported by globenergia.pl ("Kolejny rekord RCEm", April 2025)':
    'RCEm PSE według globenergia.pl („Kolejny rekord RCEm”, kwiecień 2025)',
  'PSE RCEm as reported by globenergia.pl ("Kolejny rekord RCEm", May 2025)':
    'RCEm PSE według globenergia.pl („Kolejny rekord RCEm”, maj 2025)',
  'PSE RCEm from a public code repository\'s table (app/api/rcem/route.ts, "updated to 2025-07", citing pse.pl/oire/rcem); not found in the press — verify':
    'RCEm PSE z tabeli w publicznym repozytorium kodu (app/api/rcem/route.ts, „aktualizacja do 2025-07”, źródło pse.pl/oire/rcem); nie znaleziono w prasie — sprawdź',
  "estimated: linear between July (284.83) and November (382.88); not found published — replace with PSE's value":
    'szacunek: interpolacja liniowa między lipcem (284,83) a listopadem (382,88); nie znaleziono publikacji — wpisz wartość PSE',
  'PSE RCEm as reported by gramwzielone.pl, europesays.com (CLUSTERS.md §5.1)':
    'RCEm PSE według gramwzielone.pl i europesays.com',
  'market reports 2025 (PV ground 2.4–3.6 mln PLN/MW), midpoint':
    'raporty rynkowe 2025 (PV naziemne 2,4–3,6 mln zł/MW), środek przedziału',
  'typical value (PV O&M about 1.5 % of capex a year), check your offers':
    'typowa wartość (utrzymanie PV ok. 1,5 % nakładów rocznie) — sprawdź oferty',
  'typical value (PV 25 years), check your offers': 'typowa wartość (PV 25 lat) — sprawdź oferty',
  'market reports 2025 (onshore wind 4–7 mln PLN/MW), midpoint':
    'raporty rynkowe 2025 (wiatr na lądzie 4–7 mln zł/MW), środek przedziału',
  'typical value (wind O&M about 2.5 % of capex a year), check your offers':
    'typowa wartość (utrzymanie turbiny ok. 2,5 % nakładów rocznie) — sprawdź oferty',
  'typical value (wind 25 years), check your offers': 'typowa wartość (turbina 25 lat) — sprawdź oferty',
  'typical value (biogas CHP about 18 mln PLN/MW electric; §5.1 gives no range), check your offers':
    'typowa wartość (biogazownia z kogeneracją ok. 18 mln zł/MW elektrycznego) — sprawdź oferty',
  'typical value (biogas O&M about 5 % of capex a year, feedstock not included), check your offers':
    'typowa wartość (utrzymanie biogazowni ok. 5 % nakładów rocznie, bez wsadu) — sprawdź oferty',
  'typical value (biogas CHP 20 years), check your offers': 'typowa wartość (biogazownia 20 lat) — sprawdź oferty',
  'market reports 2025 (batteries 1,000–3,900 PLN/kWh), midpoint':
    'raporty rynkowe 2025 (magazyny 1000–3900 zł/kWh), środek przedziału',
  'typical value (battery O&M about 1 % of capex a year), check your offers':
    'typowa wartość (utrzymanie magazynu ok. 1 % nakładów rocznie) — sprawdź oferty',
  'typical value (battery 15 years), check your offers': 'typowa wartość (magazyn 15 lat) — sprawdź oferty',
};

/** English wordings where the core's text speaks to developers rather than users. */
const EN: Record<string, string> = {
  'issue 9 default horizon': 'default analysis horizon',
};

/** The source text in the page's language (references to the project's own notes left out). */
export function sourceText(p: Provenance, lang: Lang): string {
  if (lang === 'pl') return PL[p.source] ?? p.source;
  return (EN[p.source] ?? p.source).replace(/ \(CLUSTERS\.md §[\d.]+\)/g, '');
}

/** Whether a Polish wording exists (tests: every default's source has one). */
export function hasPolish(source: string): boolean {
  return source in PL;
}

/** Numbered sources: the same provenance gets the same number. */
export class Footnotes {
  readonly list: Provenance[] = [];
  private readonly index = new Map<string, number>();

  /** The footnote number (1-based) of a provenance. */
  number(p: Provenance): number {
    const key = `${p.source}\n${p.date}\n${p.status}`;
    let n = this.index.get(key);
    if (n === undefined) {
      this.list.push(p);
      n = this.list.length;
      this.index.set(key, n);
    }
    return n;
  }
}
