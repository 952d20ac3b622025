/** Every built-in locale (for the preview and tests; the live widget loads only the one it needs). */
import { ar } from "./ar";
import { cs } from "./cs";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { he } from "./he";
import { hy } from "./hy";
import { pl } from "./pl";
import { ro } from "./ro";
import type { Strings } from "./types";

export const STRINGS: Record<string, Strings> = { en, ro, pl, cs, hy, de, fr, es, ar, he };
