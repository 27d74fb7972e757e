export const REPORT_DB = Symbol('ReportDb');
