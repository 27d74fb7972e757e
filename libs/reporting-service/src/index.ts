export * from './reporting.module';
export * from './tokens';
export * from './store/open-report-db';
export * from './projection/call-report.projection';
export * from './http/call-query.service';
