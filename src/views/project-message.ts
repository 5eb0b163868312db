/** A project file's problem in the user's language, and the reassurance that nothing was lost. */
import { i18n, t } from '../i18n/index.svelte';
import type { MessageKey } from '../i18n/pl';
import { localReason } from '../i18n/reasons';
import type { ProjectError } from '../storage/project-error';

export function projectMessage(e: ProjectError, file: string): string {
  // A damaged archive's detail is the zip reader's reason (English, like the importer's).
  const detail = e.code === 'broken' ? localReason(e.detail, i18n.lang) : e.detail;
  return `${t(`project.error.${e.code}` as MessageKey, { file, detail })} ${t('project.kept')}`;
}
