import { useEffect, useState } from 'react';
import { api } from './client';
import type { SiteDto } from './types';

const FALLBACK: SiteDto = { cityCode: '', cityName: '', bureauName: '市场监督管理局（知识产权局）', demo: false };

let sitePromise: Promise<SiteDto> | null = null;

/** GET /api/public/site, fetched once per page load. */
export function loadSite(): Promise<SiteDto> {
  if (!sitePromise) {
    sitePromise = api.get<SiteDto>('/api/public/site', undefined, { quiet: true }).catch(() => {
      sitePromise = null; // try again next time
      return FALLBACK;
    });
  }
  return sitePromise;
}

export function useSite(): SiteDto | null {
  const [site, setSite] = useState<SiteDto | null>(null);
  useEffect(() => {
    let alive = true;
    void loadSite().then((s) => {
      if (alive) setSite(s);
    });
    return () => {
      alive = false;
    };
  }, []);
  return site;
}

export const PLATFORM_NAME = '知识产权一体化综合服务平台';

/** Sets the browser tab title once the site is known: "泰安市市场监督管理局（知识产权局） · 知识产权一体化综合服务平台". */
export function useDocumentTitle(site: SiteDto | null, suffix?: string): void {
  useEffect(() => {
    if (!site?.bureauName) return;
    document.title = [site.bureauName, PLATFORM_NAME + (suffix ? ` · ${suffix}` : '')].join(' · ');
  }, [site, suffix]);
}
