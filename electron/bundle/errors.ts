import type { BundleProblem } from '../../shared/schemas/bundle';
import { AppError } from '../errors';

/**
 * A bundle refused on import: `problem` is the machine code (shared/schemas/bundle.ts) the
 * importer and UI branch on; the message is the Chinese sentence shown to the user as is.
 */
export class BundleError extends AppError {
  constructor(
    readonly problem: BundleProblem,
    message: string,
    /** The path inside the zip the problem is about, when there is one. */
    readonly entry?: string,
  ) {
    super('INVALID_INPUT', message);
    this.name = 'BundleError';
  }
}

/** Throws a BundleError; a short form for the many checks of the reader. */
export function reject(problem: BundleProblem, message: string, entry?: string): never {
  throw new BundleError(problem, message, entry);
}
