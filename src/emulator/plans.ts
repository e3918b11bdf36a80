// The Team plan as NOTES.md describes it: 3 users, 2,000 compute minutes and 20 GB included,
// pay as you go beyond, a 14-day trial.
export const TEAM_PLAN = {
  plan: 'team',
  title: 'Team',
  description: 'For small teams: 3 users, 2,000 compute minutes and 20 GB of storage included, pay as you go beyond.',
} as const;

export const TEAM_TRIAL_DAYS = 14;
export const TEAM_INCLUDED_USERS = 3;
export const TEAM_INCLUDED_COMPUTE_MINUTES = 2_000;
export const TEAM_INCLUDED_STORAGE_BYTES = 20 * 1024 ** 3;

/** Monthly prices in cents. */
export const TEAM_BASE_PRICE_CENTS = 0;
export const TEAM_PRICE_PER_EXTRA_USER_CENTS = 1_500;
export const TEAM_PRICE_PER_COMPUTE_MINUTE_CENTS = 1;
