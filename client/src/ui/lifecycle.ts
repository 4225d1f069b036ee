/**
 * Scene lifecycle helpers. Phaser reuses a scene's instance when it starts again, and a
 * stopped scene's Text objects are destroyed: a listener (connection, language, timer) of an
 * earlier run that still touches them throws `Cannot read properties of null (reading
 * 'drawImage')`. Every subscription a scene makes is therefore undone when it shuts down.
 */
import Phaser from "phaser";

/** Runs each cleanup once when the scene shuts down (stop, restart, or a switch to another scene). */
export function onShutdown(scene: Phaser.Scene, ...cleanups: (() => void)[]): void {
  scene.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
    for (const c of cleanups) c();
  });
}

/** A window event listener that lives as long as the scene's current run. */
export function windowListener<K extends keyof WindowEventMap>(
  scene: Phaser.Scene,
  type: K,
  fn: (e: WindowEventMap[K]) => void,
): void {
  window.addEventListener(type, fn);
  onShutdown(scene, () => window.removeEventListener(type, fn));
}

/** Whether the scene's current run is still on screen (for replies that arrive after it stopped). */
export function isRunning(scene: Phaser.Scene): boolean {
  return scene.sys.isActive();
}
