/**
 * The portal home page is a list of sections; the navigation is built from the same list.
 * A new public feature (政策法规, 投诉举报, 进度查询 …) is one more entry here, added only when it works.
 */
import type { ComponentType } from 'react';
import { DirectorySection } from './sections/DirectorySection';
import { ToolsSection } from './sections/ToolsSection';

export interface PortalSection {
  /** Anchor id on the home page. */
  id: string;
  navLabel: string;
  component: ComponentType;
}

export const PORTAL_SECTIONS: PortalSection[] = [
  { id: 'tools', navLabel: '办事工具', component: ToolsSection },
  { id: 'directory', navLabel: '机构名录', component: DirectorySection },
];
