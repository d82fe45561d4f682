/** What the simulated Evo Voice server knows and does, independent of HTTP. */
import { randomBytes } from 'node:crypto';
import { ACCOUNTS, USERS, fullName, type SimMember, type SimSession, type SimUser } from './model';

/** The server's own notion of a conference: it made one (conferenceSid), or more than two parties are on it. */
const isConference = (session: SimSession['info']): boolean =>
  Boolean(session.conferenceSid) || session.members.filter((member) => member.role !== 'Agent').length >= 2;

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
  /** How long an invited conference member rings before joining. */
  memberAnswerMs = 1500;
  private lastStamp = 0;
  private readonly peaks = new Map<string, number>();
  /** When each ringing conference member (by CallSid) picks up. */
  private readonly answersAt = new Map<string, number>();
  /**
   * This server's own copies of the agents (a test may change a password on one simulator), and
   * any a test or benchmark adds: by lower-case email, and by id.
   */
  private readonly users = new Map(USERS.map((user) => [user.email.toLowerCase(), { ...user }]));
  private readonly usersById = new Map([...this.users.values()].map((user) => [user.id, user]));

  constructor(private readonly now: () => number = Date.now) {}

  /** Another agent in the demo account (the scale benchmark signs in hundreds). */
  addUser(user: SimUser): SimUser {
    this.users.set(user.email.toLowerCase(), user);
    this.usersById.set(user.id, user);
    return user;
  }

  /**
   * Added to the timestamps of what changes from now on: the node answering has a clock this far
   * ahead (or behind) of the others'. Evo runs on several nodes; tests of skew set it.
   */
  skewMs = 0;

  /** Strictly increasing timestamps on one node, as a real server's row versions are. */
  stamp(): string {
    this.lastStamp = Math.max(this.now(), this.lastStamp + 1);
    return new Date(this.lastStamp + this.skewMs).toISOString();
  }

  userByEmail(email: string): SimUser | undefined {
    return this.users.get(email.trim().toLowerCase());
  }

  userById(id: string): SimUser | undefined {
    return this.usersById.get(id);
  }

  /** What an administrator (or a password expiry) does on the real server: the old password stops working. */
  setPassword(email: string, password: string): void {
    const user = this.userByEmail(email);
    if (!user) throw new Error(`No simulator user ${email}`);
    user.password = password;
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
    this.settle(session);
    return session;
  }

  /** The user's calls in progress; a conference they dropped out of is no longer theirs. */
  active(user: SimUser): SimSession[] {
    const list = [...this.sessions.values()].filter(
      (session) => session.ownerUserId === user.id && !session.info.ended && !session.agentLeft,
    );
    for (const session of list) this.settle(session);
    return list;
  }

  mine(user: SimUser): SimSession[] {
    const list = [...this.sessions.values()].filter((session) => session.ownerUserId === user.id);
    for (const session of list) this.settle(session);
    return list.sort((a, b) => b.info.dateCreated.localeCompare(a.info.dateCreated));
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
    for (const member of this.present(session)) if (member.role !== 'Agent') member.callState = 'Hold';
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
      for (const member of session.info.members) if (member.callState === 'Hold') member.callState = 'Connected';
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

  /**
   * AddConferenceMember: the call becomes a conference (once) and `destination` is dialled into it,
   * ringing first, then connected after `memberAnswerMs`. The agent's leg must be on the call: a
   * held or ended call has no active call on the agent's device.
   */
  addMember(user: SimUser, sessionId: string, callSid: string, destination: string): SimSession {
    const session = this.own(user, sessionId);
    if (!destination.trim()) throw new SimError(400, 'NotEmpty', "'Destination' must not be empty.", 'Destination');
    if (!callSid) throw new SimError(400, 'NotEmpty', "'Call Sid' must not be empty.", 'CallSid');
    if (session.info.ended) throw new SimError(400, 'ArgumentException', 'Session has ended');
    if (!this.legs(session).includes(callSid)) {
      throw new SimError(400, 'ArgumentException', 'The call SID does not belong to this session', 'CallSid');
    }
    if (session.info.callState !== 'Connected') throw new SimError(400, 'ArgumentException', 'The call is not active on your device');
    const leg = sid('CA');
    session.info.conferenceSid ||= sid('CF');
    session.info.members.push({
      identity: '',
      endpointId: '',
      displayName: destination.trim(),
      isOriginalMember: false,
      avatarUrl: '',
      applicationData: {},
      callState: 'Ringing',
      role: 'Transfer',
      callSid: leg,
      muted: false,
    });
    this.answersAt.set(leg, this.now() + this.memberAnswerMs);
    this.touch(session, user, `${fullName(user)} invited ${destination.trim()} to the conference`);
    return session;
  }

  /**
   * EndSession for one leg. In a conference that leg leaves and the others stay (the agent leaving
   * drops the call from their list); a conference left with one party ends. Otherwise (two
   * parties, or no leg named) the whole session ends, as `end`.
   */
  hangUpLeg(user: SimUser, sessionId: string, callSid: string): SimSession {
    const session = this.own(user, sessionId);
    const member = this.present(session).find((candidate) => candidate.callSid === callSid);
    if (!member || !callSid || session.info.ended || !isConference(session.info)) return this.end(user, sessionId);
    member.callState = 'None';
    if (member.role === 'Agent') session.agentLeft = true;
    this.touch(session, user, `${member.displayName || 'A participant'} left the conference`);
    if (this.present(session).length < 2) return this.end(user, sessionId);
    return session;
  }

  /** A session as the API serialises it. `withLog: false` mimics GetSession's empty log. */
  serialise(session: SimSession, withLog = true): SimSession['info'] {
    const copy = structuredClone(session.info);
    if (!withLog) copy.log = [];
    return copy;
  }

  private present(session: SimSession) {
    return session.info.members.filter((member) => member.callState !== 'None');
  }

  /** Invited members whose time has come pick up. */
  private settle(session: SimSession): void {
    for (const member of session.info.members) {
      const due = this.answersAt.get(member.callSid);
      if (due === undefined || due > this.now()) continue;
      this.answersAt.delete(member.callSid);
      if (member.callState !== 'Ringing' || session.info.ended) continue;
      member.callState = session.info.callState === 'Hold' ? 'Hold' : 'Connected';
      const date = this.stamp();
      session.info.dateLastModified = date;
      session.info.log.push({ date, message: `${member.displayName} joined the conference` });
    }
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
