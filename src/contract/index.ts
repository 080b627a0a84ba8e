/**
 * The resolver contract shared by the backend (src/resolvers) and the Custom UI apps (static/).
 * UIs import only from here (and its files); nothing here imports backend internals.
 */
export * from './result';
export * from './constants';
export * from './schemas';
export * from './types';
export * from './resolvers';
export * from './payloads';
export * from './template-admin';
