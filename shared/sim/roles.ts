/** Who runs each role: its control loops (autopilot) or the people and bots holding it (manual). */
import type { Role, RoleMode, World } from "./world";

/** Switches a role between autopilot and manual; its loops' queues keep filling while manual. */
export function setRoleMode(world: World, role: Role, mode: RoleMode): void {
  world.roles[role] = mode;
}
