// Reading an org's usage for `org usage`: the org (for its thresholds and plan) and every
// metric of the period.
import type { PipesApi } from '../../api/api';
import type { Org, UsageMetric } from '../../api/types';
import { usageFilter, type UsagePeriod } from './usage-summary';

export async function fetchUsage(api: PipesApi, org: string, period: UsagePeriod): Promise<{ org: Org; metrics: UsageMetric[] }> {
  const [record, metrics] = await Promise.all([
    api.orgs.get(org),
    (async () => {
      const all: UsageMetric[] = [];
      for await (const metric of api.orgs.listUsage(org, { where: usageFilter(period) })) all.push(metric);
      return all;
    })(),
  ]);
  return { org: record, metrics };
}
