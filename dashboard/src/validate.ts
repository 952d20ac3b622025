/** Client-side checks with the shared zod schemas, loaded lazily (zod is the largest dependency). */
import "./zod-config";

export { surveyInputSchema } from "../../shared/schemas";
