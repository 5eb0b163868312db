/**
 * What kind of container a file is, from its first bytes (never from its name): a zip (also an
 * .xlsx/.ods workbook or a project file), a gzip stream, or an OLE compound file (an .xls
 * workbook). No dependencies, so that the engine worker can sniff a file without a reader.
 */
export type ContainerKind = 'zip' | 'gzip' | 'ole';

/** How many leading bytes containerKind needs. */
export const CONTAINER_MAGIC_BYTES = 8;

export function containerKind(head: Uint8Array): ContainerKind | null {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) {
    return 'zip';
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole';
  return null;
}
