export * from './identity.js';
export * from './audit.js';
export * from './procurement.js';
export * from './requirements.js';
export * from './notices.js';
export * from './contracts.js';
export * from './jobs.js';
export * from './results.js';
