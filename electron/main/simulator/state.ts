/** What the simulated Evo Voice server knows and does, independent of HTTP. */
import { randomBytes } from 'node:crypto';
import { ACCOUNTS, USERS, fullName, type SimMember, type SimSession, type SimUser } from './model';

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fieldName?: string,
  ) {
    super(message);
  }
}

export const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export class SimulatorState {
  readonly sessions = new Map<string, SimSession>();
  private lastStamp = 0;
  private readonly peaks = new Map<string, number>();
  /** The seeded agents, and any a test or benchmark adds: by lower-case email, and by id. */
  private readonly users = new Map(USERS.map((user) => [user.email.toLowerCase(), user]));
  private readonly usersById = new Map(USERS.map((user) => [user.id, user]));

  constructor(private readonly now: () => number = Date.now) {}

  /** Another agent in the demo account (the scale benchmark signs in hundreds). */
  addUser(user: SimUser): SimUser {
    this.users.set(user.email.toLowerCase(), user);
    this.usersById.set(user.id, user);
    return user;
  }

  /** Strictly increasing timestamps, as a real server's row versions are. */
  stamp(): string {
    this.lastStamp = Math.max(this.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }

  userByEmail(email: string): SimUser | undefined {
    return this.users.get(email.trim().toLowerCase());
  }

  userById(id: string): SimUser | undefined {
    return this.usersById.get(id);
  }

  /** A call between `user` and an outside party; `state` decides where it starts. */
  addCall(
    user: SimUser,
    call: {
      direction: 'Incoming' | 'Outgoing';
      number: string;
      name?: string;
      state?: 'Ringing' | 'Connected' | 'Ended' | 'Missed';
      createdAt?: string;
      durationSec?: number;
      /** The ring queue an incoming call waits in. */
      queue?: string;
    },
  ): SimSession {
    const created = call.createdAt ?? this.stamp();
    const state = call.state ?? 'Connected';
    const account = ACCOUNTS.find((candidate) => candidate.id === user.accountId)!;
    const callerLeg = sid('CA');
    const agentLeg = sid('CA');
    const party = call.name || call.number;
    const ended = state === 'Ended' || state === 'Missed';
    const member = (fields: Partial<SimMember>): SimMember => ({
      identity: '',
      endpointId: '',
      displayName: '',
      isOriginalMember: true,
      avatarUrl: '',
      applicationData: {},
      callState: ended ? 'None' : state === 'Ringing' ? 'Ringing' : 'Connected',
      role: 'None',
      callSid: '',
      muted: false,
      ...fields,
    });
    const completed = ended ? new Date(Date.parse(created) + (call.durationSec ?? 95) * 1000).toISOString() : undefined;
    const session: SimSession = {
      ownerUserId: user.id,
      info: {
        id: sid('SE').slice(0, 26),
        dateCreated: created,
        dateLastModified: completed ?? created,
        createdBy: user.id,
        lastModifiedBy: user.id,
        dialState: ended ? 'None' : 'Active',
        callState: ended ? 'Disconnected' : state === 'Ringing' ? 'Ringing' : 'Connected',
        queueState: ended ? 'Disconnected' : state === 'Ringing' ? 'Ringing' : 'Connected',
        accountId: account.id,
        accountName: account.name,
        customerBreadcrumb: [],
        endpointId: user.endpointId,
        endpointName: fullName(user),
        ...(completed ? { dateCompleted: completed } : {}),
        toAddress: call.direction === 'Incoming' ? '+15550100000' : call.number,
        fromAddress: call.direction === 'Incoming' ? call.number : '+15550100000',
        ...(call.name ? { fromName: call.name } : {}),
        ...(state === 'Connected' || state === 'Ended' ? { answeredByName: fullName(user) } : {}),
        channel: 'Voice',
        ended,
        ...(ended ? { outcome: state === 'Missed' ? 'Missed' : 'Completed' } : {}),
        callSid: callerLeg,
        holdReason: 'None',
        displayName: party,
        log: [{ date: created, message: call.direction === 'Incoming' ? `Incoming call from ${party}` : `Dialed ${party}` }],
        members: [
          member({ displayName: party, role: call.direction === 'Incoming' ? 'Caller' : 'None', callSid: callerLeg }),
          member({ identity: user.identity, endpointId: user.endpointId, displayName: fullName(user), role: 'Agent', callSid: agentLeg }),
        ],
        direction: call.direction,
        wasMissed: state === 'Missed',
        ...(call.queue ? { ringQueueId: call.queue } : {}),
      },
    };
    if (state === 'Connected' || state === 'Ended') {
      session.info.log.push({ date: created, message: `Answered by ${fullName(user)}` });
    }
    if (completed) session.info.log.push({ date: completed, message: state === 'Missed' ? 'Missed call' : 'Call ended' });
    this.sessions.set(session.info.id, session);
    return session;
  }

  /** Notes how many of the user's calls are connected right now, keeping the highest count seen. */
  observeConnected(user: SimUser): void {
    const connected = this.active(user).filter((session) => session.info.callState === 'Connected').length;
    this.peaks.set(user.id, Math.max(this.peaks.get(user.id) ?? 0, connected));
  }

  peakConnected(email: string): number {
    const user = this.userByEmail(email);
    return user ? (this.peaks.get(user.id) ?? 0) : 0;
  }

  /** Finds a session the user may touch: 404 when unknown, 403 when it belongs to another account. */
  own(user: SimUser, sessionId: string): SimSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new SimError(404, 'NotFound', `Session ${sessionId} was not found`);
    if (session.info.accountId !== user.accountId) {
      throw new SimError(403, 'Forbidden', 'You do not have access to this session');
    }
    return session;
  }

  active(user: SimUser): SimSession[] {
    return [...this.sessions.values()].filter((session) => session.ownerUserId === user.id && !session.info.ended);
  }

  mine(user: SimUser): SimSession[] {
    return [...this.sessions.values()]
      .filter((session) => session.ownerUserId === user.id)
      .sort((a, b) => b.info.dateCreated.localeCompare(a.info.dateCreated));
  }

  hold(user: SimUser, sessionId: string, callSid: string, reason: string): SimSession {
    const session = this.own(user, sessionId);
    if (reason !== 'None' && reason !== 'Transferring') {
      throw new SimError(400, 'ArgumentException', `'${reason}' is not a valid hold reason`, 'Reason');
    }
    if (session.info.ended) throw new SimError(400, 'ArgumentException', 'Session has ended');
    if (callSid && !this.legs(session).includes(callSid)) {
      throw new SimError(400, 'ArgumentException', 'The call SID does not belong to this session', 'CallSid');
    }
    // Holding a held call is a no-op: the row, its log and its version stay as they are.
    if (session.info.callState === 'Hold') return session;
    this.touch(session, user, `Call placed on hold by ${fullName(user)}${reason === 'Transferring' ? ' for transfer' : ''}`);
    Object.assign(session.info, {
      callState: 'Hold',
      queueState: 'Hold',
      holdReason: reason,
      heldByUserId: user.id,
      holdQueueName: `Hold - ${fullName(user)}`,
    });
    for (const member of session.info.members) if (member.role !== 'Agent') member.callState = 'Hold';
    return session;
  }

  patch(user: SimUser, sessionId: string, patch: Record<string, unknown>): SimSession {
    const session = this.own(user, sessionId);
    if (session.info.ended) throw new SimError(400, 'ArgumentException', 'Session has ended');
    const resuming = patch.callState === 'Connected' && session.info.callState === 'Hold';
    const answering = patch.callState === 'Connected' && session.info.callState === 'Ringing';
    if (typeof patch.callState === 'string') {
      if (!['Disconnected', 'Ringing', 'Connected', 'Hold', 'Passive'].includes(patch.callState)) {
        throw new SimError(400, 'ArgumentException', `'${patch.callState}' is not a valid call state`, 'CallState');
      }
      session.info.callState = patch.callState as SimSession['info']['callState'];
    }
    if (patch.holdReason === 'None' || patch.holdReason === 'Transferring') session.info.holdReason = patch.holdReason;
    if (resuming) {
      Object.assign(session.info, { queueState: 'Connected', holdReason: 'None', heldByUserId: '', holdQueueName: '' });
      for (const member of session.info.members) member.callState = 'Connected';
      this.touch(session, user, `Call resumed by ${fullName(user)}`);
    } else if (answering) {
      Object.assign(session.info, { queueState: 'Connected', answeredByName: fullName(user) });
      for (const member of session.info.members) member.callState = 'Connected';
      this.touch(session, user, `Answered by ${fullName(user)}`);
    } else {
      this.touch(session, user, null);
    }
    return session;
  }

  end(user: SimUser, sessionId: string, outcome = 'Completed', message = 'Call ended'): SimSession {
    const session = this.own(user, sessionId);
    if (session.info.ended) return session;
    this.touch(session, user, `${message} by ${fullName(user)}`);
    Object.assign(session.info, {
      ended: true,
      callState: 'Disconnected',
      queueState: 'Disconnected',
      dialState: 'None',
      dateCompleted: session.info.dateLastModified,
      outcome,
      holdReason: 'None',
      heldByUserId: '',
      holdQueueName: '',
    });
    for (const member of session.info.members) member.callState = 'None';
    return session;
  }

  /** A session as the API serialises it. `withLog: false` mimics GetSession's empty log. */
  serialise(session: SimSession, withLog = true): SimSession['info'] {
    const copy = structuredClone(session.info);
    if (!withLog) copy.log = [];
    return copy;
  }

  private legs(session: SimSession): string[] {
    return [session.info.callSid, ...session.info.members.map((member) => member.callSid)].filter(Boolean);
  }

  private touch(session: SimSession, user: SimUser, message: string | null): void {
    const date = this.stamp();
    session.info.dateLastModified = date;
    session.info.lastModifiedBy = user.id;
    if (message) session.info.log.push({ date, message });
  }
}
