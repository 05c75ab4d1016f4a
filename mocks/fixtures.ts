/**
 * The mock's seed data: which service tokens are valid and which workspaces exist with which
 * dashboards. Deterministic, so pages and tests are the same on every run.
 */
import { dashboardValidator, describeIssues, pageSize, type Dashboard } from '../src/kernel/index.js';

/** A world the mock serves: the valid tokens and every workspace's dashboards, in order. */
export interface DatabrainMockWorld {
  readonly tokens: readonly string[];
  readonly workspaces: Readonly<Record<string, readonly Dashboard[]>>;
}

/** The token for local development against the mock. */
export const devToken = 'dbn-dev-token';

/** The placeholder of Databrain's documentation, so its curl call works against the mock as written. */
export const docsPlaceholderToken = 'dbn_live_abc123...';

/** 23 dashboards: two full pages of 10 and a last page of 3. The first two are the documented ones. */
export const workspaceWith23Dashboards: readonly Dashboard[] = [
  { name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' },
  { name: 'Marketing Analytics', externalDashboardId: 'marketing_dash_456' },
  { name: 'Customer Retention', externalDashboardId: 'retention_dash_789' },
  { name: 'Revenue Overview', externalDashboardId: 'revenue_dash_101' },
  { name: 'Product Usage', externalDashboardId: 'product_usage_dash_102' },
  { name: 'Support Tickets', externalDashboardId: 'support_dash_103' },
  { name: 'Finance Summary', externalDashboardId: 'finance_dash_104' },
  { name: 'Inventory Levels', externalDashboardId: 'inventory_dash_105' },
  { name: 'Operations KPIs', externalDashboardId: 'operations_dash_106' },
  { name: 'Churn Analysis', externalDashboardId: 'churn_dash_107' },
  { name: 'Pipeline Health', externalDashboardId: 'pipeline_dash_108' },
  { name: 'Regional Sales', externalDashboardId: 'regional_sales_dash_109' },
  { name: 'Campaign Performance', externalDashboardId: 'campaign_dash_110' },
  { name: 'User Growth', externalDashboardId: 'user_growth_dash_111' },
  { name: 'Subscription Metrics', externalDashboardId: 'subscription_dash_112' },
  { name: 'Onboarding Funnel', externalDashboardId: 'onboarding_dash_113' },
  { name: 'NPS Trends', externalDashboardId: 'nps_dash_114' },
  { name: 'Billing Overview', externalDashboardId: 'billing_dash_115' },
  { name: 'Partner Performance', externalDashboardId: 'partner_dash_116' },
  { name: 'Website Traffic', externalDashboardId: 'web_traffic_dash_117' },
  { name: 'Cohort Analysis', externalDashboardId: 'cohort_dash_118' },
  { name: 'Feature Adoption', externalDashboardId: 'feature_adoption_dash_119' },
  { name: 'Executive Summary', externalDashboardId: 'executive_dash_120' },
];

/** Exactly one full page: the page after it is empty. */
export const workspaceWithOnePage: readonly Dashboard[] = generatedWorkspace(pageSize, 'Team Board');

/** The names of the seeded workspaces. */
export const seededWorkspaces = {
  main: 'my-workspace',
  empty: 'empty-workspace',
  onePage: 'ten-dashboards',
} as const;

/**
 * Ten more workspaces, so that List Workspaces has a full first page and a partial second one (13
 * in all). Each has a few dashboards, so every listed workspace lists its dashboards.
 */
export const otherWorkspaces = [
  'Sales Analytics',
  'Customer Insights',
  'Marketing Dashboard',
  'Finance Team',
  'Product Analytics',
  'Operations',
  'Support Center',
  'Executive Reports',
  'Partner Portal',
  'Regional Sales',
] as const;

/** The world `databrain-mock` and the msw handlers serve unless given another. */
export const defaultDatabrainWorld: DatabrainMockWorld = {
  tokens: [devToken, docsPlaceholderToken],
  workspaces: {
    [seededWorkspaces.main]: workspaceWith23Dashboards,
    [seededWorkspaces.empty]: [],
    [seededWorkspaces.onePage]: workspaceWithOnePage,
    ...Object.fromEntries(otherWorkspaces.map((name, index) => [name, generatedWorkspace(1 + (index % 4), name)])),
    // The spec's allDashboards example: the two dashboards of the documentation.
    [otherWorkspaces[0]]: workspaceWith23Dashboards.slice(0, 2),
  },
};

/** A world of `count` generated dashboards in one workspace, e.g. to measure large workspaces. */
export function generatedWorkspace(count: number, prefix = 'Dashboard'): Dashboard[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `${prefix} ${index + 1}`,
    externalDashboardId: `${prefix.toLowerCase().replace(/\W+/g, '_')}_${index + 1}`,
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a world given as data (e.g. read from a fixtures file) and returns it typed. Throws an
 * Error whose message says what is wrong, in one line.
 */
export function parseDatabrainWorld(value: unknown, source = 'the fixtures'): DatabrainMockWorld {
  if (!isRecord(value)) throw new Error(`${source} must be an object with "tokens" and "workspaces".`);
  const { tokens, workspaces } = value;
  if (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every((t) => typeof t === 'string' && t.trim() !== '')) {
    throw new Error(`${source}: "tokens" must be a non-empty list of non-empty strings.`);
  }
  if (!isRecord(workspaces)) {
    throw new Error(`${source}: "workspaces" must map each workspace name to a list of dashboards.`);
  }
  for (const [name, dashboards] of Object.entries(workspaces)) {
    if (!Array.isArray(dashboards)) throw new Error(`${source}: workspace "${name}" must be a list of dashboards.`);
    dashboards.forEach((dashboard, index) => {
      if (!dashboardValidator(dashboard)) {
        const issue = describeIssues(dashboardValidator.errors)[0] ?? 'is not a dashboard';
        throw new Error(`${source}: workspace "${name}", dashboard ${index + 1}: ${issue.replace(/^body /, '')}.`);
      }
    });
  }
  return { tokens: tokens as string[], workspaces: workspaces as Record<string, Dashboard[]> };
}
