/** The surveys of the site on screen, loaded once by the shell for every page (and again after a save). */
import { useEffect, useState } from "preact/hooks";
import type { Survey } from "../../shared/types";
import { api } from "./api";

export function useSiteSurveys(siteId: string | undefined) {
  const [loaded, setLoaded] = useState<{ siteId: string; surveys: Survey[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = async (): Promise<Survey[]> => {
    if (!siteId) return [];
    const surveys = await api<Survey[]>("GET", `/api/sites/${siteId}/surveys`);
    setLoaded({ siteId, surveys });
    return surveys;
  };
  useEffect(() => {
    setError(null);
    reload().catch(setError);
  }, [siteId]);
  // Another site's list (a moment after switching) is not this site's.
  const surveys = loaded && loaded.siteId === siteId ? loaded.surveys : null;
  return { surveys, error, reload };
}
