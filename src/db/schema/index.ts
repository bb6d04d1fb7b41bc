export * from './identity.js';
export * from './audit.js';
export * from './procurement.js';
export * from './notices.js';
