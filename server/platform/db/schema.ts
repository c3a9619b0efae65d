export * from '../divisions/divisions.tables';
export * from '../auth/auth.tables';
export * from '../audit/audit.tables';
export * from '../notify/notify.tables';
export * from '../calendar/calendar.tables';
