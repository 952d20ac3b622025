import { render } from "preact";
import { App } from "./app";
// In cascade order: later files refine earlier ones.
import "./styles/base.css";
import "./styles/results.css";
import "./styles/editor.css";
import "./styles/components.css";
import "./styles/small-screens.css";
import "./styles/engine.css";

render(<App />, document.getElementById("app")!);
