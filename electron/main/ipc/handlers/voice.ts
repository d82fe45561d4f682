import type { AuthService } from '../../services/auth-service';
import type { Handlers } from '../router';

/** The Twilio access token's `exp` claim, as an ISO date; null when it cannot be read. */
export function tokenExpiry(jwt: string): string | null {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}

export const voiceHandlers = (
  auth: AuthService,
  reportStatus: (status: string) => void,
  chunderw: string | null = null,
): Pick<Handlers, 'voice.token' | 'voice.reportStatus'> => ({
  'voice.reportStatus': ({ status }) => {
    reportStatus(status);
    return {};
  },
  'voice.token': async () => {
    const config = await auth.requireSession().client.appConfig();
    return { token: config.accessToken, identity: config.identity, expiresAt: tokenExpiry(config.accessToken), chunderw };
  },
});
