// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** online: takes new conversations and leads; busy: keeps their own, gets no new ones; offline: away. */
export const ADVISOR_AVAILABILITIES = ['online', 'busy', 'offline'] as const;
export type AdvisorAvailability = (typeof ADVISOR_AVAILABILITIES)[number];
