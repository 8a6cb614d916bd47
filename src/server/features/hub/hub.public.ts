/** What other parts of the server may use of the hub: bringing the dashboard's rows up to date. */
export { createDashboardDrainer, drainDashboardFigures } from './dashboard-refresh.ts';
