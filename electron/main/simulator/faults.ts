/** Per-route fault injection for the simulator. Routes are named (`hold`, `active`, ...). */
export const SIM_ROUTES = [
  'signIn',
  'authStatus',
  'logout',
  'appConfig',
  'active',
  'my',
  'list',
  'get',
  'hold',
  'patch',
  'end',
  'redirect',
  'create',
  'conferenceMembers',
] as const;
export type SimRoute = (typeof SIM_ROUTES)[number];

export interface Fault {
  /** Wait this long before answering (then answer normally unless another fault applies). */
  latencyMs?: number;
  /** Answer with this status and a ServiceStack error body instead of handling the request. */
  status?: number;
  message?: string;
  /** Sent as Retry-After with `status`: seconds, or text as is (an HTTP date). */
  retryAfter?: number | string;
  /** Reset the TCP connection without answering. */
  drop?: boolean;
  /** Answer 200 with a truncated JSON body. */
  malformed?: boolean;
  /** Answer `status` (200 when absent) with this JSON instead: a hostile or buggy server's answer. */
  body?: unknown;
  /** Answer 200 with a valid JSON body this many bytes long, streamed (no Content-Length). */
  hugeBodyBytes?: number;
  /** Carry the request out first, then fail as above (the client cannot know it worked). */
  applyFirst?: boolean;
  /** How many requests this fault hits; unlimited when absent. */
  times?: number;
}

export class FaultTable {
  private readonly faults = new Map<SimRoute, Fault>();

  set(route: SimRoute, fault: Fault): void {
    this.faults.set(route, { ...fault });
  }

  clear(route?: SimRoute): void {
    if (route) this.faults.delete(route);
    else this.faults.clear();
  }

  /** The fault for this request, counting it down. */
  take(route: SimRoute): Fault | null {
    const fault = this.faults.get(route);
    if (!fault) return null;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults.delete(route);
    }
    return fault;
  }
}
