// What the reports say when no data is shared, in the terminal, report.md and report.html alike.

/** No entity in the analysed code: what faultline reads as one, so that silence is not read as "no data coupling". */
export const NO_ENTITY_FOUND =
  "no data entity found (faultline reads ORM entity classes, Sequelize and Mongoose models, model classes of a " +
  "factory over a named collection or table, Prisma schemas, Drizzle tables; " +
  "not SQL files), so no service is passed over for owning no data";

/** Entities found, none of which a service other than its owner reads. */
export const NO_ENTITY_SHARED = "no entity is read by a service other than its owner";

/** A note as a sentence of its own: capitalised, with its full stop. */
export function asSentence(note: string): string {
  return `${note.charAt(0).toUpperCase()}${note.slice(1)}.`;
}
