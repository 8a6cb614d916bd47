/** What other parts of the server may use of the hub: bringing the dashboard's rows up to date. */
export { drainDashboardFigures } from './dashboard-refresh.ts';
