/** Previous / next paging for the portal lists (plain buttons, large enough to tap on a phone). */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="zcp-pager" aria-label="分页">
      <button type="button" className="zp-btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </button>
      <span className="zcp-pager-info">
        第 {page} / {pages} 页，共 {total} 条
      </span>
      <button type="button" className="zp-btn" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </button>
    </nav>
  );
}
