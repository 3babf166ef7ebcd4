import {
  ArticleActionDto,
  ArticleActionInput,
  ArticleDto,
  ArticleListItemDto,
  ArticleListQuery,
  CreateArticleInput,
  IdParam,
  pageOf,
  PublicArticleDto,
  PublicArticleListItemDto,
  PublicArticleQuery,
  SearchQuery,
  SearchResultDto,
  UpdateArticleInput,
} from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { contentDisposition, registerFileOwner } from '../files/files.service';
import { registerArticleSearchSources } from './content.search';
import {
  actOnArticle,
  createArticle,
  getArticle,
  getPublicArticle,
  getPublicAttachment,
  listArticleActions,
  listArticles,
  listPublicArticles,
  publicSearch,
  staffMayReadArticleFile,
  updateArticle,
} from './content.service';

const tags = ['内容管理'];
const publicTags = ['门户内容'];

const AttachmentParams = z.object({
  id: IdParam.shape.id,
  fileId: IdParam.shape.id,
});

export const contentRoutes: RouteModule = (app, deps) => {
  registerArticleSearchSources();
  // Staff in scope may download any attachment through /api/files/:id; the public uses the published-only route below.
  registerFileOwner('article', staffMayReadArticleFile);

  // ---------- back office ----------
  app.get('/api/articles', {
    schema: { tags, summary: '内容列表（数据权限内；按栏目、类别、状态、关键词筛选）', querystring: ArticleListQuery, response: { 200: pageOf(ArticleListItemDto) } },
    config: { access: { auth: 'staff', permission: 'content.read' } },
  }, (req) => listArticles(deps, ctxOf(req), req.query));

  app.get('/api/articles/:id', {
    schema: { tags, summary: '内容详情（含附件、关联政策与解读、可执行的操作）', params: IdParam, response: { 200: ArticleDto } },
    config: { access: { auth: 'staff', permission: 'content.read' } },
  }, (req) => getArticle(deps, ctxOf(req), req.params.id));

  app.get('/api/articles/:id/actions', {
    schema: { tags, summary: '流转记录', params: IdParam, response: { 200: z.array(ArticleActionDto) } },
    config: { access: { auth: 'staff', permission: 'content.read' } },
  }, (req) => listArticleActions(deps, ctxOf(req), req.params.id));

  app.post('/api/articles', {
    schema: { tags, summary: '新建内容（草稿）', body: CreateArticleInput, response: { 200: ArticleDto } },
    config: { access: { auth: 'staff', permission: 'content.edit' } },
  }, (req) => createArticle(deps, ctxOf(req), req.body));

  app.patch('/api/articles/:id', {
    schema: { tags, summary: '修改内容（仅草稿或已撤回）', params: IdParam, body: UpdateArticleInput, response: { 200: ArticleDto } },
    config: { access: { auth: 'staff', permission: 'content.edit' } },
  }, (req) => updateArticle(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/articles/:id/actions', {
    schema: {
      tags,
      summary: '流转操作：提交审核、审核通过、退回、发布、定时发布、取消定时、撤回（不允许时 409，details.allowed 为可执行的操作）',
      params: IdParam,
      body: ArticleActionInput,
      response: { 200: ArticleDto },
    },
    config: { access: { auth: 'staff', permission: 'content.read' } },
  }, (req) => actOnArticle(deps, ctxOf(req), req.params.id, req.body));

  // ---------- public portal: published only ----------
  app.get('/api/public/articles', {
    schema: { tags: publicTags, summary: '已发布内容列表（最新在前）', querystring: PublicArticleQuery, response: { 200: pageOf(PublicArticleListItemDto) } },
    config: { access: { auth: 'none' } },
  }, (req) => listPublicArticles(deps, req.query));

  app.get('/api/public/articles/:id', {
    schema: { tags: publicTags, summary: '已发布内容详情（附件、所解读的政策、政策的解读）', params: IdParam, response: { 200: PublicArticleDto } },
    config: { access: { auth: 'none' } },
  }, (req) => getPublicArticle(deps, req.params.id));

  app.get('/api/public/articles/:id/attachments/:fileId', {
    schema: { tags: publicTags, summary: '下载已发布内容的附件', params: AttachmentParams },
    config: { access: { auth: 'none' } },
  }, async (req, reply) => {
    const f = await getPublicAttachment(deps, req.params.id, req.params.fileId);
    void reply
      .header('content-type', f.mime)
      .header('content-length', String(f.size))
      .header('content-disposition', contentDisposition(f.originalName))
      .header('x-content-type-options', 'nosniff');
    return reply.send(deps.files.open(f.sha256));
  });

  app.get('/api/public/search', {
    schema: { tags: publicTags, summary: '站内搜索（全部已发布内容，子串匹配，空格分隔多个词）', querystring: SearchQuery, response: { 200: SearchResultDto } },
    config: { access: { auth: 'none' } },
  }, (req) => publicSearch(deps, req.query));
};
