// The route table: every path the emulator answers, one module per resource.
import type { Route } from '../context';
import { actorRoutes } from './actor';
import { avatarRoutes } from './avatar';
import { billingRoutes } from './billing';
import { controlRoutes } from './controls';
import { loginRoutes } from './login';
import { loginPageRoutes } from './login-page';
import { memberRoutes } from './members';
import { orgRoutes } from './orgs';
import { tokenRoutes } from './tokens';
import { usageRoutes } from './usage';

export const allRoutes: Route[] = [
  ...actorRoutes,
  ...loginRoutes,
  ...orgRoutes,
  ...avatarRoutes,
  ...memberRoutes,
  ...usageRoutes,
  ...billingRoutes,
  ...tokenRoutes,
  ...loginPageRoutes,
  ...controlRoutes,
];
