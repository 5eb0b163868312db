/**
 * The project file's manifest, `klaster-project.json` at the root of a `.klaster.zip` (README
 * "Project files"): what the user loaded (each file by its path in the archive, with its size and
 * SHA-256), what they decided about the files (corrections, load order and preference, gap
 * filling, quarter-hours, the period) and the scenario with its variants. snake_case keys, like the
 * scenario's JSON. A project file comes from anyone: every field is validated, and every problem
 * names the field.
 */
import * as v from 'valibot';

export const PROJECT_FORMAT = 'klaster-project';
/** The version this code writes and the newest it reads. */
export const PROJECT_VERSION = 1;
/** The manifest's name: at the root of the archive, whatever the archive is called. */
export const MANIFEST_NAME = 'klaster-project.json';
/** Where the files' bytes are: `files/<n>-<safe name>`, nothing deeper. */
export const FILE_PATH = /^files\/(?!\.\.?$)[^/\\]+$/;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const int = (what: string, min = 0) =>
  v.pipe(v.number(`must be ${what}`), v.integer(`must be ${what}`), v.minValue(min, `must be ${what}`));

const overridesShape = v.record(v.string(), v.unknown(), 'must be an object of corrections');

const fileErrorShape = v.object(
  {
    message: v.string('must be text'),
    line: v.optional(int('a line number ≥ 1', 1)),
    column: v.optional(int('a column number ≥ 1', 1)),
    reason: v.optional(v.string('must be text')),
  },
  'must be an object {message, line, column, reason}',
);

const workspaceFileShape = v.object(
  {
    id: int('a whole number ≥ 0 naming an entry of "files"'),
    overrides: v.optional(overridesShape),
    loaded: int('a whole number ≥ 0 (the load order)'),
    preferred: int('a whole number ≥ 0 (0: never preferred)'),
    error: v.optional(fileErrorShape),
  },
  'must be an object {id, overrides, loaded, preferred}',
);

const periodShape = v.nullable(
  v.object(
    {
      from: v.pipe(v.string('must be a local date YYYY-MM-DD'), v.regex(LOCAL_DATE, 'must be a local date YYYY-MM-DD')),
      to: v.pipe(v.string('must be a local date YYYY-MM-DD'), v.regex(LOCAL_DATE, 'must be a local date YYYY-MM-DD')),
    },
    'must be {from, to} (local dates) or null',
  ),
);

const fileShape = v.object(
  {
    id: int('a whole number ≥ 0'),
    name: v.pipe(
      v.string('must be the file name'),
      v.nonEmpty('must be the file name, not empty'),
      v.maxLength(1000, 'is too long'),
    ),
    path: v.pipe(
      v.string('must be the path in the archive'),
      v.regex(FILE_PATH, 'must be "files/<name>" inside the archive (no folders, no "..", no absolute path)'),
    ),
    bytes: int('the size in bytes'),
    sha256: v.pipe(v.string('must be 64 hex digits'), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')),
    last_modified: v.nullable(
      v.pipe(
        v.string('must be a date and time (ISO 8601) or null'),
        v.check((s) => Number.isFinite(Date.parse(s)), 'must be a date and time (ISO 8601) or null'),
      ),
    ),
  },
  'must be an object {id, name, path, bytes, sha256, last_modified}',
);

export const manifestShape = v.object(
  {
    format: v.literal(PROJECT_FORMAT, `must be "${PROJECT_FORMAT}"`),
    version: v.literal(PROJECT_VERSION, `must be ${PROJECT_VERSION}`),
    app_version: v.string('must be text (the Klaster version that wrote the file)'),
    created: v.pipe(
      v.string('must be a date and time (ISO 8601)'),
      v.check((s) => Number.isFinite(Date.parse(s)), 'must be a date and time (ISO 8601)'),
    ),
    language: v.picklist(['pl', 'en'], 'must be "pl" or "en"'),
    workspace: v.object(
      {
        files: v.pipe(v.array(workspaceFileShape, 'must be a list'), v.minLength(1, 'must list at least one file')),
        gap_fill: v.picklist(['zero', 'linear', 'profile'], 'must be "zero", "linear" or "profile"'),
        quarter_hours: v.boolean('must be true or false'),
        period: periodShape,
      },
      'must be an object {files, gap_fill, quarter_hours, period}',
    ),
    files: v.array(fileShape, 'must be a list'),
    // The scenario's own schema (scenario/schema.ts) checks these, with its own messages.
    scenario: v.unknown(),
    variants: v.optional(v.array(v.unknown(), 'must be a list of scenarios'), []),
    fingerprint: v.optional(v.string('must be text')),
  },
  'must be a JSON object',
);

export type ProjectManifest = v.InferOutput<typeof manifestShape>;
export type ProjectFileEntry = ProjectManifest['files'][number];

/** One thing wrong with a manifest: the field (`files[1].sha256`) and what is wrong with it. */
export interface ManifestProblem {
  path: string;
  message: string;
}

/** Validates a parsed manifest; problems name the field. */
export function checkManifest(
  input: unknown,
): { ok: true; manifest: ProjectManifest } | { ok: false; problems: ManifestProblem[] } {
  const r = v.safeParse(manifestShape, input);
  if (r.success) return { ok: true, manifest: r.output };
  return {
    ok: false,
    problems: r.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message })),
  };
}

function pathOf(path: v.BaseIssue<unknown>['path']): string {
  let out = '';
  for (const item of path ?? []) {
    const key = (item as { key: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}
