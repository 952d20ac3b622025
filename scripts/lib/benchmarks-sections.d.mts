/** Types of benchmarks-sections.mjs. */
export function markedSections(text: string): string[];
export function withSection(text: string, name: string, body: string): string;
