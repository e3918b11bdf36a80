// The route table: every path the emulator answers, one module per resource.
import type { Route } from '../context';
import { actorRoutes } from './actor';
import { controlRoutes } from './controls';
import { orgRoutes } from './orgs';

export const allRoutes: Route[] = [...actorRoutes, ...orgRoutes, ...controlRoutes];
