// tsnut package entry point.
export * from './client/index.js';
