/** A register entry for tests: a member with the given id and, for producers, PV capacity. */
import type { Member } from '../../src/ingest/cluster-data';

export const member = (id: string, pvKwp = 0): Member => ({
  id,
  name: id,
  type: 'other',
  tariff: '',
  gmina: '',
  pvKwp,
  windKw: 0,
  biogasKw: 0,
});
