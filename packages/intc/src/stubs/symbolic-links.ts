/**
 * Policy: intc never edits a user-owned file (a stub or index.ts) that is a
 * symbolic link. Writing one safely would mean either writing through the
 * link into a file outside the project, or (the atomic temp + rename) putting
 * a regular file in the link's place; both change what the user set up. So a
 * linked stub keeps whatever it says, and nothing is reported about it: if
 * its import or annotation is out of step, the compiler says so. A linked
 * index.ts is not wired; the handlers it would have received are reported as
 * `unwired-handler`, so nothing goes missing silently.
 *
 * The check (an lstat) runs only for a file that would otherwise be edited.
 */
import { lstatSync } from 'node:fs';

export type IsSymbolicLink = (absolutePath: string) => boolean;

export const isSymbolicLink: IsSymbolicLink = (path) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};
