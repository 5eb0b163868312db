/**
 * Why a project file cannot be opened. The message is English (the CLI's language); the page words
 * it in the user's language by `code`, with `detail` (a field, a path, a number) as given.
 */
export type ProjectProblem =
  /** Not a zip archive at all. */
  | 'not-zip'
  /** A zip, but without `klaster-project.json` at its root: an ordinary archive. */
  | 'not-project'
  /** A zip that cannot be read (cut short, damaged). */
  | 'broken'
  /** The manifest is not JSON, or a field of it is wrong (detail: `field: what is wrong`). */
  | 'manifest'
  /** Written by a newer Klaster (detail: its version). */
  | 'newer'
  /** A file the manifest lists is not in the archive (detail: its path). */
  | 'missing-file'
  /** A file's bytes are not those the manifest names (size or SHA-256; detail: its path). */
  | 'checksum'
  /** A file unpacks to more than a file or a project may hold (a zip bomb). */
  | 'too-large';

export class ProjectError extends Error {
  constructor(
    readonly code: ProjectProblem,
    readonly detail: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectError';
  }
}
