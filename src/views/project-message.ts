/** A project file's problem in the user's language, and the reassurance that nothing was lost. */
import { t } from '../i18n/index.svelte';
import type { MessageKey } from '../i18n/pl';
import type { ProjectError } from '../storage/project-error';

export function projectMessage(e: ProjectError, file: string): string {
  return `${t(`project.error.${e.code}` as MessageKey, { file, detail: e.detail })} ${t('project.kept')}`;
}
