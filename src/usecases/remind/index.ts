/** The daily reminder job (issue 13): RACI that acts, each notification once. */
export {
  runReminders,
  PENDING_IN_FLIGHT_MS,
  OUT_OF_TIME,
  type RemindDeps,
  type RemindInput,
  type RemindResult,
  type SentNotification,
  type SkippedNotification,
} from './remind';
export { readProjectSnapshot, type ProjectSnapshot, type PlanNotReminded } from './snapshot';
