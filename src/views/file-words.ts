/**
 * What the importer detected, in words of the page's language: layout names, time conventions,
 * separators and the other values the data report and the correction form show. No code value
 * (`wide-net`, `local-interval-end`) reaches the page.
 */
import type { Detection } from '../ingest/parsed-file';
import type { ParseOverrides } from '../ingest/overrides';
import { t } from '../i18n/index.svelte';
import type { MessageKey } from '../i18n/pl';

export type Field = 'layout' | 'encoding' | 'separator' | 'decimalMark' | 'unit' | 'timeConvention' | 'values';

const ENCODINGS: Record<string, string> = {
  ascii: 'ASCII',
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1250': 'Windows-1250',
  'iso-8859-2': 'ISO-8859-2',
};

/** The name of one value of a correctable field ("wide-net" → "szeroki: kolumna na licznik"). */
export function optionName(field: Field, value: string): string {
  switch (field) {
    case 'layout':
      return t(`layout.${value}` as MessageKey);
    case 'encoding':
      // A file of mixed lines says both: `utf-8+windows-1250`.
      if (value.includes('+'))
        return value
          .split('+')
          .map((v) => optionName('encoding', v))
          .join(' + ');
      return value === 'utf-8-bom' ? t('encoding.utf8bom') : (ENCODINGS[value] ?? value);
    case 'separator':
      return value === ';' ? t('mark.semicolon') : value === ',' ? t('mark.comma') : t('mark.tab');
    case 'decimalMark':
      return value === ',' ? t('mark.comma') : t('mark.point');
    case 'unit':
      return value === 'kW' || value === 'MW' ? t('unit.power', { unit: value }) : value;
    case 'timeConvention':
      return t(`time.${value}` as MessageKey);
    case 'values':
      return t(`values.${value}` as MessageKey);
  }
}

/** The layout a file was read as, in words, with what changes its meaning (counters, power). */
export function layoutName(d: Detection): string {
  let name: string;
  if (d.layout === 'long' && d.meterIdSource !== undefined && d.meterIdSource !== 'column') name = t('layout.long-single');
  else if (d.layout === 'wide-net')
    name =
      d.values === 'counter' ? t('layout.wide-counter') : d.values === 'net' ? t('layout.wide-net') : t('layout.wide-import');
  else name = t(`layout.${d.layout}.full` as MessageKey);
  if (d.values === 'counter' && d.layout !== 'wide-net') name += `; ${t('values.counter')}`;
  if (d.values === 'net' && d.layout !== 'wide-net') name += `; ${t('values.net')}`;
  if (d.unit === 'kW' || d.unit === 'MW') name += `; ${t('layout.power')}`;
  return name;
}

/** The labels of the fields the user corrected by hand. */
export function overriddenNames(fields: (keyof ParseOverrides)[] | undefined): string {
  return (fields ?? []).map((f) => t(f === 'meterId' ? 'correct.meterId' : (`correct.${f}` as MessageKey))).join(', ');
}
