import type { LocationPart, ValuePath } from '../load/source-file.js';
import { changeCodes, changeMessage, type ChangeCode, type ChangeParams, type ChangeSeverity } from './change-codes.js';

/** Which of the two compared definitions a change is shown in: the new one, or the old one for removals. */
export type Side = 'old' | 'new';

/** Where a change is, as a path through one side's resolved definition (interfaces merged in). */
export interface ChangeSite {
  readonly side: Side;
  readonly path: ValuePath;
  readonly part: LocationPart;
}

/** A change found by comparing the resolved definitions, not yet mapped to a file position. */
export interface Change {
  readonly code: ChangeCode;
  readonly severity: ChangeSeverity;
  readonly message: string;
  readonly site: ChangeSite;
}

export function createChange<C extends ChangeCode>(code: C, params: ChangeParams<C>, site: ChangeSite): Change {
  return { code, severity: changeCodes[code].severity, message: changeMessage(code, params), site };
}

export function siteIn(side: Side, path: ValuePath, part: LocationPart = 'key'): ChangeSite {
  return { side, path, part };
}
