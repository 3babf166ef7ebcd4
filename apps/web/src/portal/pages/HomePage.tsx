/**
 * The portal home page: hero with the main entries, the latest 政策法规 / 动态 / 典型案例 / 办事指南, the tools and the
 * directory. Plain React + CSS. The two calculators of 办事工具 are antd forms with a DatePicker (over 200 KB with antd);
 * they are fetched when the visitor opens them (or follows a link to #tools), so the first load stays small
 * (docs/benchmarks.md "Portal first load").
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { PLATFORM_NAME, useSite } from '../../api/site';
import { LatestArticles } from '../../features/content/portal/LatestArticles';
import { AntdScope } from '../AntdScope';
import { portalNav } from '../routes';
import { DirectorySection } from '../sections/DirectorySection';

const ToolsSection = lazy(() => import('../sections/ToolsSection').then((m) => ({ default: m.ToolsSection })));

const TOOLS = [
  { title: '办理期限计算', text: '输入起算日和期限天数，按法定工作日推算截止日期，自动跳过节假日并计入调休上班日。', button: '使用期限计算器' },
  { title: '节假日查询', text: '查询某一天是工作日、休息日还是法定节假日，依据国务院办公厅放假安排通知。', button: '查询某一天' },
];

function ToolsBlock() {
  const location = useLocation();
  const ref = useRef<HTMLElement>(null);
  const named = location.hash === '#tools';
  const [open, setOpen] = useState(named);
  useEffect(() => {
    if (named) {
      setOpen(true);
      requestAnimationFrame(() => ref.current?.scrollIntoView({ block: 'start' }));
    }
  }, [named]);
  const teaser = (
    <>
      <div className="zp-section-head">
        <h2 className="zp-h2">办事工具</h2>
        <p className="zp-section-sub">按法定工作日推算办理期限，查询节假日与调休安排</p>
      </div>
      <div className="zp-tools-teaser">
        {TOOLS.map((t) => (
          <div key={t.title} className="zp-tool-card">
            <h3>{t.title}</h3>
            <p>{t.text}</p>
            <button type="button" className="zp-btn zp-btn-primary" onClick={() => setOpen(true)} disabled={open}>
              {open ? '正在打开…' : t.button}
            </button>
          </div>
        ))}
      </div>
    </>
  );
  return (
    <section ref={ref} id="tools" className="zp-section zp-section-alt">
      <div className="zp-section-inner">
        {open ? (
          <AntdScope fallback={teaser}>
            <Suspense fallback={teaser}>
              <ToolsSection />
            </Suspense>
          </AntdScope>
        ) : (
          teaser
        )}
      </div>
    </section>
  );
}

export default function HomePage() {
  const site = useSite();
  const location = useLocation();
  const entries = portalNav().filter((n) => n.to !== '/');
  useEffect(() => {
    if (location.hash === '#directory') requestAnimationFrame(() => document.getElementById('directory')?.scrollIntoView({ block: 'start' }));
  }, [location.hash]);
  return (
    <>
      <section className="zp-hero">
        <div className="zp-hero-inner">
          <h1 className="zp-hero-title">{PLATFORM_NAME}</h1>
          <p className="zp-hero-sub">{site?.bureauName ?? ''}面向企业和公众提供知识产权公共服务</p>
          <p className="zp-hero-motto">尊重知识 · 崇尚创新 · 诚信守法 · 公平竞争</p>
          <nav className="zp-hero-actions" aria-label="服务入口">
            {entries.map((n) => (
              <Link key={n.to} to={n.to} className="zp-hero-btn">
                {n.label}
              </Link>
            ))}
            <Link to="/#tools" className="zp-hero-btn">
              办事工具
            </Link>
            <Link to="/#directory" className="zp-hero-btn">
              机构名录
            </Link>
          </nav>
          {site?.demo && <p className="zp-hero-demo">本站为演示环境，所示机构、数据均为演示数据。</p>}
        </div>
      </section>
      <section className="zp-section">
        <div className="zp-section-inner">
          <LatestArticles />
        </div>
      </section>
      <ToolsBlock />
      <section id="directory" className="zp-section">
        <div className="zp-section-inner">
          <DirectorySection />
        </div>
      </section>
    </>
  );
}
