/** The simulator's world: accounts, agents, sessions. Plain data, changed only through SimulatorState. */
export interface SimUser {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  accountId: string;
  identity: string;
  endpointId: string;
}

export interface SimMember {
  identity: string;
  endpointId: string;
  displayName: string;
  isOriginalMember: boolean;
  avatarUrl: string;
  applicationData: Record<string, string>;
  callState: 'None' | 'Ringing' | 'Connected' | 'Hold';
  role: 'None' | 'Caller' | 'Agent' | 'Transfer';
  callSid: string;
  muted: boolean;
}

/** A SessionInfo as Evo serialises it, plus who owns it and whether they left it (never sent). */
export interface SimSession {
  ownerUserId: string;
  /** The agent dropped out of the conference: it goes on without them, off their active list. */
  agentLeft?: boolean;
  info: {
    id: string;
    dateCreated: string;
    dateLastModified: string;
    createdBy: string;
    lastModifiedBy: string;
    dialState: 'None' | 'Active';
    callState: 'Disconnected' | 'Ringing' | 'Connected' | 'Hold' | 'Passive';
    queueState: 'None' | 'Queued' | 'Ringing' | 'Connected' | 'Hold' | 'Disconnected';
    accountId: string;
    accountName: string;
    customerId?: string;
    customerName?: string;
    customerBreadcrumb: { id: string; name: string }[];
    endpointId: string;
    endpointName: string;
    dateCompleted?: string;
    destination?: string;
    toAddress: string;
    fromAddress: string;
    fromName?: string;
    answeredByName?: string;
    channel: 'Voice' | 'Chat' | 'Fax';
    ended: boolean;
    outcome?: string;
    callSid: string;
    holdQueueName?: string;
    heldByUserId?: string;
    conferenceSid?: string;
    holdReason: 'None' | 'Transferring';
    displayName: string;
    log: { date: string; message: string }[];
    members: SimMember[];
    direction: 'Incoming' | 'Outgoing';
    wasMissed: boolean;
    ringQueueId?: string;
  };
}

export const ACCOUNTS = [
  { id: 'acc-demo', name: 'Demo Contact Center' },
  { id: 'acc-other', name: 'Another Company' },
] as const;

export const DEMO_EMAIL = 'demo@evosoftphone.local';
export const DEMO_PASSWORD = 'demo';

export const USERS: readonly SimUser[] = [
  {
    id: 'usr-demo',
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    firstName: 'Dana',
    lastName: 'Agent',
    accountId: 'acc-demo',
    identity: 'client:dana.agent',
    endpointId: 'ep-demo',
  },
  {
    id: 'usr-other',
    email: 'other@evosoftphone.local',
    password: 'other',
    firstName: 'Oscar',
    lastName: 'Elsewhere',
    accountId: 'acc-other',
    identity: 'client:oscar.elsewhere',
    endpointId: 'ep-other',
  },
];

export const fullName = (user: SimUser) => `${user.firstName} ${user.lastName}`;
