/** Where a chunked job (the nightly roll-up refresh) stopped, so the next run resumes there. */
export interface NightlyCursorStore {
  /** The id of the last plan epic done; null when no run is under way. */
  read(): Promise<number | null>;
  write(afterEpicId: number | null): Promise<void>;
}

/** A cursor kept in memory (tests, bench). */
export function memoryCursor(start: number | null = null): NightlyCursorStore & { value: () => number | null } {
  let value = start;
  return {
    read: () => Promise.resolve(value),
    write: (next) => {
      value = next;
      return Promise.resolve();
    },
    value: () => value,
  };
}
