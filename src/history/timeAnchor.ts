import { UserError } from "../util/errors.js";

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_629_746,
  year: 31_556_952,
};

/**
 * A --since/--until value as seconds since the epoch. Relative forms ("2 years ago",
 * "6 months ago", "3 weeks") count back from HEAD's commit date, never from today, so a rerun
 * next month gives the same result (time is anchored to HEAD).
 */
export function anchorDate(flag: string, value: string, headTime: number): number {
  const rel = /^\s*(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?(\s+ago)?\s*$/i.exec(value);
  if (rel) return Math.round(headTime - Number(rel[1]) * UNIT_SECONDS[rel[2].toLowerCase()]);
  const abs = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value);
  if (Number.isFinite(abs)) return Math.floor(abs / 1000);
  throw new UserError(
    `${flag} ${JSON.stringify(value)}: expected a date (2024-01-31) or a relative form such as "2 years ago"`,
  );
}
