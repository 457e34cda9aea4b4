/** What the learner route plugins get from `buildApp`: the learner services, the auth guard's context, the login limits. */
import type { LearnerServices } from '../../learner/index.js';
import type { AuthContext } from './guard.js';
import type { LoginLimits } from './login.js';

export interface LearnerWebContext {
  learner: LearnerServices;
  auth: AuthContext;
  limits: LoginLimits;
}
