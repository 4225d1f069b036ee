/**
 * Entry point: creates the Phaser game (design size 1366×768, scaled to fit any screen)
 * with its scenes, the flow that switches between them, and the test hook.
 */
import Phaser from "phaser";
import "./page.css";
import { initLang } from "./i18n";
import { Boot } from "./scenes/Boot";
import { Booth } from "./scenes/Booth";
import { BoothDebrief } from "./scenes/BoothDebrief";
import { BoothScreen } from "./scenes/BoothScreen";
import { Campaign } from "./scenes/Campaign";
import { LevelHud } from "./scenes/LevelHud";
import { installFlow } from "./flow";
import { Debrief } from "./scenes/Debrief";
import { EventSetup } from "./scenes/EventSetup";
import { Facilitator } from "./scenes/Facilitator";
import { JoinTeam } from "./scenes/JoinTeam";
import { EventBoard } from "./scenes/EventBoard";
import { EventDebrief } from "./scenes/EventDebrief";
import { Lobby } from "./scenes/Lobby";
import { Match } from "./scenes/Match";
import { Matches } from "./scenes/Matches";
import { Menu } from "./scenes/Menu";
import { Preloader } from "./scenes/Preloader";
import { Replay } from "./scenes/Replay";
import { installTestHook } from "./testHook";
import { redrawTextsWhenFontsLoad } from "./ui/fonts";
import { COLORS, HEIGHT, WIDTH } from "./theme";

initLang();

/**
 * The renderer: Canvas 2D unless `?renderer=webgl` (or `auto`) asks otherwise. The Match
 * scene is flat shapes and ~100 often-changing Text objects; on Canvas a changed Text is
 * just redrawn, while WebGL re-uploads its texture, which through a software GL
 * (SwiftShader: headless Chromium, many school PCs) costs most of the frame — 60 fps on
 * Canvas against ~16 on WebGL in `npm run bench`. Browsers with a GPU accelerate Canvas 2D
 * too, and nothing here needs shaders.
 */
function rendererType(search: string): number {
  const choice = new URLSearchParams(search).get("renderer");
  if (choice === "webgl") return Phaser.WEBGL;
  if (choice === "auto") return Phaser.AUTO;
  return Phaser.CANVAS;
}

const game = new Phaser.Game({
  type: rendererType(location.search),
  parent: "game",
  backgroundColor: COLORS.bg,
  width: WIDTH,
  height: HEIGHT,
  dom: { createContainer: true },
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH, width: WIDTH, height: HEIGHT },
  scene: [
    Boot,
    Preloader,
    Menu,
    Lobby,
    Match,
    Debrief,
    Matches,
    Replay,
    EventSetup,
    Facilitator,
    JoinTeam,
    EventBoard,
    EventDebrief,
    Booth,
    BoothDebrief,
    BoothScreen,
    Campaign,
    // Last: the campaign overlay draws on top of the Match.
    LevelHud,
  ],
});

installFlow(game);
redrawTextsWhenFontsLoad(game);
installTestHook(game);
