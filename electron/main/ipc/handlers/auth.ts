import type { AuthService } from '../../services/auth-service';
import type { Handlers } from '../router';

type AuthHandlers = Pick<Handlers, 'auth.servers' | 'auth.status' | 'auth.signIn' | 'auth.signInDemo' | 'auth.signOut'>;

export const authHandlers = (auth: AuthService): AuthHandlers => ({
  'auth.servers': () => auth.servers(),
  'auth.status': () => auth.status(),
  'auth.signIn': (input) => auth.signIn(input),
  'auth.signInDemo': () => auth.signInDemo(),
  'auth.signOut': () => auth.signOut(),
});
