import { render } from "preact";
import { App } from "./app";
import "./styles.css";
import "./engine.css";

render(<App />, document.getElementById("app")!);
