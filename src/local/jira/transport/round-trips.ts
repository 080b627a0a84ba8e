/**
 * Sequential round trips: how many request latencies lie on the critical path.
 *
 * Definition: the largest number of logged requests that ran strictly one after another (each started at or
 * after the previous one ended). Requests whose in-flight intervals overlap were in flight together, so they
 * cost one round trip between them. For intervals this maximum chain is found greedily by earliest end, and it
 * equals the fewest instants that together meet every request in flight, i.e. the number of "waves": three
 * sequential waves of parallel requests count 3, however many requests each wave holds.
 */
export interface Interval {
  startedAt: number;
  endedAt: number;
}

export function countRoundTrips(intervals: readonly Interval[]): number {
  const byEnd = [...intervals].sort((a, b) => a.endedAt - b.endedAt);
  let count = 0;
  let waveEnd = -Infinity;
  for (const interval of byEnd) {
    if (interval.startedAt >= waveEnd) {
      count += 1;
      waveEnd = interval.endedAt;
    }
  }
  return count;
}
