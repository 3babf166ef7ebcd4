import { describe, expect, it } from 'vitest';
import {
  allowedContentActions,
  CONTENT_ACTION_LIST,
  CONTENT_STATUS_LIST,
  contentTransition,
  ContentWorkflowError,
  deriveContentStatus,
  isPublicContentStatus,
  type ContentAction,
  type ContentStatus,
} from './content-workflow';
import { BUILTIN_ROLE_TABLE } from './permissions';

/** Every (status, action) pair and where it leads; null = not allowed. The whole table, written out once more. */
const EXPECTED: Record<ContentStatus, Partial<Record<ContentAction, ContentStatus>>> = {
  draft: { edit: 'draft', submitReview: 'inReview' },
  inReview: { approve: 'approved', reject: 'draft', publish: 'published', schedule: 'scheduled' },
  approved: { publish: 'published', schedule: 'scheduled', reject: 'draft' },
  scheduled: { publish: 'published', schedule: 'scheduled', cancelSchedule: 'approved' },
  published: { unpublish: 'unpublished' },
  unpublished: { edit: 'unpublished', submitReview: 'inReview' },
};

describe('content workflow table', () => {
  const cases = CONTENT_STATUS_LIST.flatMap((s) => CONTENT_ACTION_LIST.map((a) => [s, a, EXPECTED[s][a] ?? null] as const));
  it.each(cases)('%s + %s → %s', (status, action, to) => {
    expect(contentTransition(status, action)?.to ?? null).toBe(to);
  });

  it('allows edits only in draft and unpublished (the public always reads a reviewed text)', () => {
    expect(CONTENT_STATUS_LIST.filter((s) => contentTransition(s, 'edit'))).toEqual(['draft', 'unpublished']);
  });

  it('never reaches published without a review permission in the path', () => {
    for (const s of CONTENT_STATUS_LIST) {
      const t = contentTransition(s, 'publish');
      if (!t) continue;
      if (s === 'inReview') expect(t.requires).toEqual(expect.arrayContaining(['content.review', 'content.publish']));
      else expect(t.requires).toContain('content.publish');
    }
  });

  it.each([
    ['an editor only', ['content.read', 'content.edit'], 'draft', ['edit', 'submitReview']],
    ['an editor only', ['content.read', 'content.edit'], 'inReview', []],
    ['a reviewer only', ['content.read', 'content.review'], 'inReview', ['approve', 'reject']],
    ['a publisher only', ['content.read', 'content.publish'], 'inReview', []],
    ['a publisher only', ['content.read', 'content.publish'], 'approved', ['publish', 'schedule']],
    ['the leader', BUILTIN_ROLE_TABLE.leader.permissions, 'inReview', ['approve', 'reject', 'publish', 'schedule']],
    ['the leader', BUILTIN_ROLE_TABLE.leader.permissions, 'draft', []],
    ['the city IP office', BUILTIN_ROLE_TABLE.cityIpOfficer.permissions, 'published', ['unpublish']],
    ['nobody', [], 'scheduled', []],
  ] as const)('%s may take in %s: %j', (_who, perms, status, expected) => {
    expect(allowedContentActions(status as ContentStatus, perms as readonly string[])).toEqual(expected);
  });

  it('lists every action of the status without a permission filter', () => {
    expect(allowedContentActions('scheduled')).toEqual(['publish', 'schedule', 'cancelSchedule']);
  });
});

describe('deriveContentStatus', () => {
  it.each([
    [['create'], 'draft'],
    [['create', 'edit', 'submitReview'], 'inReview'],
    [['create', 'submitReview', 'reject', 'edit', 'submitReview', 'approve'], 'approved'],
    [['create', 'submitReview', 'approve', 'schedule', 'schedule', 'publish'], 'published'],
    [['create', 'submitReview', 'approve', 'schedule', 'cancelSchedule'], 'approved'],
    [['create', 'submitReview', 'publish', 'unpublish', 'edit'], 'unpublished'],
    [['create', 'submitReview', 'publish', 'unpublish', 'submitReview', 'approve', 'publish'], 'published'],
    [['import'], 'published'],
    [['import', 'unpublish'], 'unpublished'],
  ] as const)('%j → %s', (log, status) => {
    expect(deriveContentStatus(log)).toBe(status);
  });

  it.each([
    [[]],
    [['edit']],
    [['create', 'publish']],
    [['create', 'submitReview', 'edit']],
    [['import', 'edit']],
    [['create', 'create']],
  ] as const)('refuses the impossible log %j', (log) => {
    expect(() => deriveContentStatus(log)).toThrow(ContentWorkflowError);
  });

  it('shows only published content to the public', () => {
    expect(CONTENT_STATUS_LIST.filter(isPublicContentStatus)).toEqual(['published']);
  });
});
