/**
 * 送达公告: documents served by announcement (公告送达), deemed served thirty days after the announcement (民事诉讼法
 * 第九十五条). Shows only what the announcement itself publishes.
 */
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { PublicServiceAnnouncementDto } from '@zhichan/shared';
import { PublicSearchList, cnDate } from './shared';
import './publications.css';

export default function ServiceAnnouncementsPage() {
  useEffect(() => {
    document.title = '送达公告 · 知识产权一体化综合服务平台';
  }, []);
  return (
    <div className="zp-page">
      <div className="zp-page-inner">
        <nav className="zpp-crumbs" aria-label="当前位置">
          <Link to="/">首页</Link> › <Link to="/penalties">行政处罚信息公示</Link> › <span>送达公告</span>
        </nav>
        <header className="zpp-head">
          <h1>送达公告</h1>
          <p>受送达人下落不明或者以其他方式无法送达的，依法公告送达。自发出公告之日起，经过三十日，即视为送达（民事诉讼法 第九十五条）。</p>
        </header>
        <PublicSearchList<PublicServiceAnnouncementDto>
          path="/api/public/service-announcements"
          placeholder="文书名称、案件编号或公告内容"
          testId="announcement-list"
          empty="暂无送达公告"
          emptyForQuery="没有查到相关公告，请换个关键词试试。"
          renderItem={(a) => (
            <>
              <div className="zpp-item-title">
                {a.addressee ? `${a.addressee}：` : ''}
                {a.documentTitle}
              </div>
              <div className="zpp-announcement-text">{a.text}</div>
              <div className="zpp-meta">
                <span>{a.authorityName}</span>
                {a.referenceNo && <span>{a.referenceNo}</span>}
                <span>公告日期 {cnDate(a.announcedOn)}</span>
                <span>视为送达日 {cnDate(a.deemedServedOn)}</span>
              </div>
            </>
          )}
        />
      </div>
    </div>
  );
}
