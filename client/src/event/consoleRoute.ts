/**
 * The facilitator's addresses: `#/event/<code>/console` (the console; control needs the key
 * this tab keeps) and `#/join/<teamCode>` (what a team's QR code encodes: asks the name,
 * then seats the player in that team). Both survive a reload.
 */

const CONSOLE = /^#\/event\/([A-Za-z0-9]{1,16})\/console\/?$/;
const JOIN = /^#\/join\/([A-Za-z0-9]{1,16})\/?$/;

/** The event code of a console address, upper-cased as the server names rooms. */
export function consoleCodeOf(hash: string): string | undefined {
  return CONSOLE.exec(hash)?.[1]?.toUpperCase();
}

/** The location hash of an event's console. */
export function consoleHash(code: string): string {
  return `#/event/${code}/console`;
}

/** The team code of a join address. */
export function joinCodeOf(hash: string): string | undefined {
  return JOIN.exec(hash)?.[1]?.toUpperCase();
}

/** The location hash that joins a team. */
export function joinHash(teamCode: string): string {
  return `#/join/${teamCode}`;
}

/** The full join URL of a team (what its QR code encodes), on this page's origin and path. */
export function joinUrl(teamCode: string, loc: { origin: string; pathname: string } = location): string {
  return `${loc.origin}${loc.pathname}${joinHash(teamCode)}`;
}
