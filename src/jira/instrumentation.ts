/**
 * Client-side request accounting. `roundTrips` is the length of the longest chain of requests where each
 * one started after the previous had completed: requests started together share a wave, a request started
 * after any response counts as the next wave. (Conservative: it never undercounts sequential waits.)
 */
export interface RequestMetrics {
  requests: number;
  roundTrips: number;
}

export class RequestCounter {
  private requests = 0;
  private deepestCompleted = 0;
  private deepestStarted = 0;

  /** Call when a request is sent; call the returned function when its response (or failure) arrives. */
  start(): () => void {
    this.requests += 1;
    const depth = this.deepestCompleted + 1;
    this.deepestStarted = Math.max(this.deepestStarted, depth);
    return () => {
      this.deepestCompleted = Math.max(this.deepestCompleted, depth);
    };
  }

  snapshot(): RequestMetrics {
    return { requests: this.requests, roundTrips: this.deepestStarted };
  }
}
