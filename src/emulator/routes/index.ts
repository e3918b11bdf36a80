// The route table: every path the emulator answers, one module per resource.
import type { Route } from '../context';
import { actorRoutes } from './actor';
import { avatarRoutes } from './avatar';
import { billingRoutes } from './billing';
import { billingDetailRoutes } from './billing-details';
import { constraintRoutes } from './constraints';
import { controlRoutes } from './controls';
import { identityRoutes } from './identity';
import { inviteConfirmRoutes } from './invite-confirm';
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
  // The org-admin operations added with the API document's cut.
  ...identityRoutes,
  ...constraintRoutes,
  ...inviteConfirmRoutes,
  ...billingDetailRoutes,
  ...loginPageRoutes,
  ...controlRoutes,
];
