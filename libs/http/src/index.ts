export * from './problem/problem-details';
export * from './problem/problem-details.filter';
export * from './problem/malformed-body.error';
export * from './validation/validation.pipe';
export * from './app/create-http-app';
