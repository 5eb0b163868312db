/** A wrong command line (as opposed to bad data in a file): exit 2 and show the usage. */
export class UsageError extends Error {}
