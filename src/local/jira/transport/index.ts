/** The Jira stand-in's transport: one pipeline (auth, burst limits, faults, contract checks, request log) behind HTTP and the Forge seam. */
export { createTransport, type Transport, type TransportOptions, type TransportRequest, type TransportResponse } from './transport';
export { createStandInServer, type StandInServer, type StandInServerOptions } from './http-server';
export { installForgeSeam, runAsInvocation, currentInvocation, type ForgeInvocation, type ForgeSeam, type ForgeSeamOptions } from './forge-seam';
export { NO_FAULTS, mergeFaults, faultConfigSchema, type FaultConfig, type FaultConfigPatch } from './faults';
export { countRoundTrips, type Interval } from './round-trips';
export { RequestLog, summarizeRequests, type RequestLogEntry, type RequestLogSummary } from './request-log';
export { contractModeFromEnv, type ContractMode } from './contract-mode';
export { basicAuthorization, parseBasicAuthorization, type BasicCredentials } from './auth';
