/** The shared zod schemas the dashboard checks forms with, loaded lazily (zod is its largest dependency). */
import "./zod-config";

export { surveyInputSchema } from "../../shared/schemas";
